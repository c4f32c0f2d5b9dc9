// Who may read /metrics without logging in ([review] metrics_from): single addresses or CIDR
// ranges, matched against the TCP peer's address, never against a header a client can write.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::metrics {

class AddressRange {
 public:
  // "127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"; nullopt for anything else (a host name, a
  // prefix longer than the address). Host bits after the prefix are ignored.
  static std::optional<AddressRange> parse(std::string_view text);

  // "::ffff:10.1.2.3" (how a dual-stack listener reports an IPv4 peer) counts as 10.1.2.3.
  // false for anything that is not an address.
  bool contains(std::string_view address) const;
  const std::string& text() const { return text_; }

 private:
  bool v6_ = false;
  std::array<std::uint8_t, 16> bytes_{};
  unsigned prefix_ = 0;
  std::string text_;
};

// Ranges from settings already validated; one that does not parse is left out (so it admits
// no one).
std::vector<AddressRange> parse_ranges(const std::vector<std::string>& texts);
bool any_contains(const std::vector<AddressRange>& ranges, std::string_view address);

}  // namespace galguard::metrics
