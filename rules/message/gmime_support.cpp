#include "rules/message/gmime_support.hpp"

#include <mutex>

namespace galguard::rules::gmime {

void ensure_initialised() {
  // GMime keeps process-wide charset and iconv tables; it is never shut down, because another
  // thread may be parsing at exit and the tables stay reachable (not a leak).
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

Options make_parser_options() {
  Options options(g_mime_parser_options_new());
  // windows-1252 before iso-8859-1: Outlook's "Latin-1" is really 1252 (€, curly quotes).
  const char* fallback[] = {"utf-8", "windows-1252", "iso-8859-1", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
  g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  return options;
}

}  // namespace galguard::rules::gmime
