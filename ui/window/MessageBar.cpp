#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBar::showError(const QString &message, const QString &details)
{
    showMessage(true, message, details);
}

void MessageBar::showNotice(const QString &message, const QString &details)
{
    showMessage(false, message, details);
}

void MessageBar::showMessage(bool error, const QString &message, const QString &details)
{
    m_error = error;
    QPalette pal = palette();
    pal.setColor(QPalette::Window, error ? QColor(255, 232, 232) : QColor(232, 242, 255));
    pal.setColor(QPalette::WindowText, error ? QColor(120, 0, 0) : QColor(0, 40, 100));
    setPalette(pal);
    m_icon->setPixmap(
        style()
            ->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxInformation)
            .pixmap(20, 20));
    m_details = details;
    m_text->setText(details.isEmpty() ? message.toHtmlEscaped()
                                      : QStringLiteral("<b>%1</b><br>%2")
                                            .arg(message.toHtmlEscaped(), details.toHtmlEscaped()));
    show();
}

QString MessageBar::text() const
{
    return m_text->text();
}

QString MessageBar::details() const
{
    return m_details;
}
