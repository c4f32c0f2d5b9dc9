// One directory object with AD/Exchange attributes → rules::Entry, whatever it was read from: an
// LDIF export (places "gal.ldif:42") or a live LDAP search (places "ldap://host:389/<dn>").
// DESIGN.md §5; attribute meanings in notes/directory-facts.md.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "directory/files/ldif_reader.hpp"
#include "directory/source.hpp"

namespace galguard::directory::files {

// Names a place in the input: gets the line of the value concerned (LdifValue::line, or dn_line
// for the entry itself); a source without lines ignores it.
using PlaceOf = std::function<std::string(std::size_t line)>;

// Appends the entry for `record` to out.entries, a diagnostic when the record is unusable (text
// that is not UTF-8), or nothing when the object has no mail address (not in the GAL). Attribute
// names in `record` are lower case without options; objectGUID is its 16 raw bytes (or text).
void map_ad_record(const LdifRecord& record, const PlaceOf& place_of, ParsedEntries& out);

}  // namespace galguard::directory::files
