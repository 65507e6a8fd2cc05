#pragma once

#include <QString>

// Loads the user-interface language: Qt's own translation (standard dialogs) and mdnscope's,
// which is built into the binary from translations/mdnscope_<lang>.ts. Must run before any
// window exists (and before the first decode, whose labels are translated once). GUI thread.
namespace Translations {
// language: "de", "de_DE", ...; empty follows the system locale. Returns true when
// mdnscope's own translation for it was found and installed; English needs none.
bool install(const QString &language = {});
// The resource path of mdnscope's translation for a language, e.g. ":/i18n/mdnscope_de.qm".
QString resourcePath(const QString &language);
} // namespace Translations
