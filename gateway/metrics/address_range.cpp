#include "gateway/metrics/address_range.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace galguard::metrics {
namespace {

namespace ip = boost::asio::ip;

struct Parsed {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
};

std::optional<Parsed> parse_address(std::string_view text) {
  boost::system::error_code error;
  ip::address address = ip::make_address(std::string(text), error);
  if (error) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = ip::make_address_v4(ip::v4_mapped, address.to_v6());
  Parsed parsed;
  if (address.is_v4()) {
    const auto b = address.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), parsed.bytes.begin());
  } else {
    parsed.v6 = true;
    parsed.bytes = address.to_v6().to_bytes();
  }
  return parsed;
}

}  // namespace

std::optional<AddressRange> AddressRange::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  const auto address = parse_address(text.substr(0, slash));
  if (!address) return std::nullopt;
  const unsigned width = address->v6 ? 128 : 32;
  unsigned prefix = width;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
        prefix > width)
      return std::nullopt;
  }
  AddressRange range;
  range.v6_ = address->v6;
  range.bytes_ = address->bytes;
  range.prefix_ = prefix;
  range.text_ = std::string(text);
  return range;
}

bool AddressRange::contains(std::string_view text) const {
  const auto address = parse_address(text);
  if (!address || address->v6 != v6_) return false;
  unsigned bits = prefix_;
  for (std::size_t i = 0; bits > 0; ++i) {
    const unsigned take = std::min(bits, 8u);
    const auto mask = static_cast<std::uint8_t>(0xFF << (8 - take));
    if ((address->bytes[i] & mask) != (bytes_[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

std::vector<AddressRange> parse_ranges(const std::vector<std::string>& texts) {
  std::vector<AddressRange> ranges;
  for (const auto& text : texts)
    if (auto range = AddressRange::parse(text)) ranges.push_back(std::move(*range));
  return ranges;
}

bool any_contains(const std::vector<AddressRange>& ranges, std::string_view address) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const AddressRange& r) { return r.contains(address); });
}

}  // namespace galguard::metrics
