#pragma once

#include <QSortFilterProxyModel>

// The quick filter of the services and hosts views: rows whose search text (the source
// model's `searchRole`: names, host, TXT, addresses, senders) contains the text, and, with
// hideGone, none whose `goneRole` is true. In a tree, a group row shows while any row under it
// does (recursive filtering); a group without rows shows only when nothing is filtered.
// With nothing to filter, every row is accepted without asking the model for its text.
// GUI thread.
class DirectoryFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    DirectoryFilterProxy(int searchRole, int goneRole, QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setHideGone(bool hide);
    bool hidesGone() const { return m_hideGone; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_searchRole;
    int m_goneRole;
    QString m_text;
    bool m_hideGone = false;
};
