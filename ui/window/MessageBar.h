#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

// A dismissible banner at the top of the window for errors (capture failures, unreadable
// files, failed exports) and notices (an address family a capture cannot capture): the
// message, its details, and a close button. Unlike a modal box it never blocks the window or
// a capture that is still running. GUI thread.
class MessageBar final : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBar(QWidget *parent = nullptr);

    void showError(const QString &message, const QString &details = {});
    void showNotice(const QString &message, const QString &details = {});
    bool isError() const { return m_error; }
    QString text() const;
    QString details() const;

private:
    void showMessage(bool error, const QString &message, const QString &details);

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QString m_details;
    bool m_error = true;
};
