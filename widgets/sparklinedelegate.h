#pragma once

#include <QStyledItemDelegate>

class TrendCache;

// Paints the Trend column: the last 24 hours of % remaining of the row's account (the
// resource it shows) or pool, per pixel column a light band from the lowest to the highest
// share and a line along the lowest, in the colour of the quota's state now; resets as light
// ticks over the whole height (left out when they would be denser than one per 6 px), 429s as
// marks in the Throttled colour from the top edge. Gaps longer than half an hour without a reading stay gaps. Pointing at it
// shows the reading under the mouse: time, remaining / limit and the state it meant. A row
// without history gets a dash, never an empty line that would read as "nothing left".
//
// Given the view as parent, it repaints the view when new trends arrive.
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SparklineDelegate(TrendCache *trends, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The words of the readout at time `atMs` (for the tooltip and tests); empty when the row
    // has no reading near it.
    QString readoutAt(const QModelIndex &index, qint64 atMs) const;

private:
    TrendCache *m_trends;
};
