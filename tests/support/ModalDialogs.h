#pragma once

#include <QAction>
#include <QApplication>
#include <QList>
#include <QTimer>
#include <QWidget>

#include <functional>

// For GUI tests that drive a window's modal dialogs (QDialog::exec): whenModal<D>() runs a
// check on the dialog once it is shown, then rejects it if the check left it open; a dialog
// that never shows closes whatever modal widget there is after five seconds, so a test
// fails instead of hanging. Header only: the tests that use it link Qt Widgets. GUI thread.
namespace ModalDialogs {

template<typename D>
void whenModal(std::function<void(D *)> check)
{
    auto *timer = new QTimer;
    auto tries = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, [timer, tries, check] {
        if (auto *d = qobject_cast<D *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            check(d);
            if (d->isVisible())
                d->reject();
        } else if (++*tries > 500) {
            timer->stop();
            timer->deleteLater();
            if (QWidget *other = QApplication::activeModalWidget())
                other->close();
        }
    });
    timer->start(10);
}

// The window's action with this (untranslated) menu text, or nullptr.
inline QAction *action(QWidget *window, const QString &text)
{
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

} // namespace ModalDialogs
