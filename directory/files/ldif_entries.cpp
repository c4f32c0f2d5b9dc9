// LDIF export files: RFC 2849 records (ldif_reader) mapped as AD objects (ad_record).
#include "directory/files/ad_record.hpp"
#include "directory/files/file_sources.hpp"
#include "directory/files/ldif_reader.hpp"
#include "directory/files/mapping.hpp"

namespace galguard::directory {

ParsedEntries parse_ldif(std::string_view text, const std::string& file_name) {
  std::string converted;
  text = files::as_utf8(text, converted);
  ParsedEntries out;
  const files::PlaceOf place_of = [&](std::size_t line) { return files::place(file_name, line); };
  files::read_ldif(
      text, file_name, [&](files::LdifRecord& r) { files::map_ad_record(r, place_of, out); },
      out.diagnostics);
  return out;
}

}  // namespace galguard::directory
