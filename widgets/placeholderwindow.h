#pragma once

#include <QMainWindow>

// Shown until the dashboard lands.
class PlaceholderWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit PlaceholderWindow(bool demo, QWidget *parent = nullptr);
};
