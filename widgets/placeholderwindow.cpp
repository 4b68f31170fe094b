#include "placeholderwindow.h"

#include <QLabel>

PlaceholderWindow::PlaceholderWindow(bool demo, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Headroom"));
    auto *label = new QLabel(demo ? tr("Headroom demo: the dashboard is on its way.")
                                  : tr("Headroom: the dashboard is on its way."),
                             this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(640, 400);
}
