// Placeholder until the file parsers land (removed by that change).
#include "directory/files/file_sources.hpp"

namespace galguard::directory {
ParsedEntries parse_ldif(std::string_view, const std::string&) { return {}; }
ParsedEntries parse_graph_json(std::string_view, const std::string&) { return {}; }
ParsedEntries parse_recipient_csv(std::string_view, const std::string&) { return {}; }
}  // namespace galguard::directory
