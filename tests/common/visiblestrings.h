#pragma once

// Every string a user could see in a widget tree: titles, tooltips, labels, buttons, line edits as
// displayed (a password field shows bullets), placeholders, readings, and every cell of every item
// view (display and tooltip, child rows included). Token-hygiene tests search it for a secret.

#include "readingview.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QStringList>
#include <QWidget>

namespace TestUi {

inline void modelStrings(const QAbstractItemModel *model, const QModelIndex &parent, QStringList *out)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        for (int c = 0; c < model->columnCount(parent); ++c) {
            const QModelIndex i = model->index(r, c, parent);
            *out << i.data(Qt::DisplayRole).toString() << i.data(Qt::ToolTipRole).toString();
        }
        const QModelIndex first = model->index(r, 0, parent);
        if (model->hasChildren(first))
            modelStrings(model, first, out);
    }
    for (int c = 0; c < model->columnCount(parent); ++c)
        *out << model->headerData(c, Qt::Horizontal).toString();
}

inline QStringList visibleStrings(QWidget *root)
{
    QStringList out{root->windowTitle(), root->toolTip()};
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : std::as_const(widgets)) {
        out << w->toolTip() << w->windowTitle() << w->statusTip() << w->whatsThis() << w->accessibleName();
        for (const QAction *a : w->actions())
            out << a->text() << a->toolTip() << a->statusTip();
        if (auto *e = qobject_cast<QLineEdit *>(w))
            out << e->displayText() << e->placeholderText();
        if (auto *l = qobject_cast<QLabel *>(w))
            out << l->text();
        if (auto *b = qobject_cast<QAbstractButton *>(w))
            out << b->text();
        if (auto *v = qobject_cast<ReadingView *>(w))
            out << v->summaryText() << v->errorText() << v->json() << v->warnings();
        if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model())
            modelStrings(v->model(), v->rootIndex(), &out);
    }
    return out;
}

inline bool showsText(QWidget *root, const QString &secret)
{
    const QStringList strings = visibleStrings(root);
    for (const QString &s : strings) {
        if (s.contains(secret))
            return true;
    }
    return false;
}

} // namespace TestUi
