// Active Directory's range retrieval of big multi-valued attributes: a search answers
// "proxyAddresses;range=0-1499" (MaxValRange values) and the client asks for
// "proxyAddresses;range=1500-*" until an answer's range ends in "*". Pure; the LDAP source
// supplies the fetch.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::directory::ldap {

// An attribute description split into its type and options: "proxyAddresses;range=0-1499".
struct AttributeDescription {
  std::string type;                  // "proxyAddresses", as the server spelled it
  std::optional<std::size_t> first;  // range start; nullopt when there is no range option
  std::optional<std::size_t> last;   // range end; nullopt for "*" (the final chunk)
  bool ranged() const { return first.has_value(); }
};

// nullopt when a range option is malformed ("range=5", "range=9-3").
std::optional<AttributeDescription> parse_attribute_description(std::string_view description);

// What to ask for after `got` ("proxyAddresses;range=1500-*"); only for a ranged, non-final chunk.
std::string next_range_request(const AttributeDescription& got);

// One base-scope read of a single ranged attribute: the attribute description the server returned
// for `request` ("" when the attribute is absent) and its values.
struct RangeChunk {
  std::string description;
  std::vector<std::string> values;
};
using RangeFetch = std::function<RangeChunk(const std::string& request)>;

// The values after the chunk `got`, fetched until a chunk ends in "*". Throws
// std::runtime_error when the server answers out of order or not at all (it would loop or lose
// values otherwise).
std::vector<std::string> fetch_remaining_values(const AttributeDescription& got,
                                                const RangeFetch& fetch);

}  // namespace galguard::directory::ldap
