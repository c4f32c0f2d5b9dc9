// RFC 2849 LDIF content records → attribute lists. Knows LDIF syntax, nothing about AD.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/source.hpp"

namespace galguard::directory::files {

struct LdifValue {
  std::string name;   // attribute type in lower case; options (";range=0-1499", ";binary") dropped
  std::string value;  // decoded: base64 ("attr:: ...") already turned into its bytes
  std::size_t line = 0;
};

struct LdifRecord {
  std::string dn;
  std::size_t dn_line = 0;
  std::vector<LdifValue> values;
};

// Hands each good content record to `on_record`, in file order. A record with a broken line (no
// colon, bad attribute name, bad base64, a continuation with nothing to continue) or a change
// record (changetype:) is reported in `diagnostics` and not handed on. An "attr:< url" value is
// reported and dropped; its record goes on. `text` is UTF-8 without BOM.
void read_ldif(std::string_view text, std::string_view file_name,
               const std::function<void(LdifRecord&)>& on_record,
               std::vector<Diagnostic>& diagnostics);

// RFC 4648 base64; nullopt-like false on a character outside the alphabet or a bad length.
bool decode_base64(std::string_view in, std::string& out);

}  // namespace galguard::directory::files
