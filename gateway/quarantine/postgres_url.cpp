#include "gateway/quarantine/postgres_url.hpp"

#include <utility>
#include <vector>

namespace galguard::quarantine::pg {
namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};

// [begin, end) of each password in the URL, in order.
std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view url) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t authority = std::string_view::npos;
  for (std::string_view scheme : kSchemes)
    if (url.starts_with(scheme)) authority = scheme.size();
  if (authority == std::string_view::npos) return out;
  const std::size_t end_of_authority = url.find_first_of("/?", authority);
  const std::string_view host_part = url.substr(authority, end_of_authority - authority);
  // The last '@' ends the user info: a password may itself contain an unencoded '@'.
  if (const std::size_t at = host_part.rfind('@'); at != std::string_view::npos) {
    const std::size_t colon = host_part.substr(0, at).find(':');
    if (colon != std::string_view::npos) out.emplace_back(authority + colon + 1, authority + at);
  }
  const std::size_t query = url.find('?', authority);
  if (query == std::string_view::npos) return out;
  std::size_t pos = query + 1;
  while (pos <= url.size()) {
    std::size_t amp = url.find('&', pos);
    if (amp == std::string_view::npos) amp = url.size();
    const std::string_view pair = url.substr(pos, amp - pos);
    if (pair.starts_with("password=")) out.emplace_back(pos + 9, amp);
    pos = amp + 1;
  }
  return out;
}

}  // namespace

bool is_postgres_url(std::string_view database) {
  for (std::string_view scheme : kSchemes)
    if (database.starts_with(scheme)) return true;
  return false;
}

std::string redacted_url(std::string_view url) {
  std::string out;
  std::size_t copied = 0;
  for (const auto& [begin, end] : password_spans(url)) {
    out.append(url.substr(copied, begin - copied));
    out += "***";
    copied = end;
  }
  out.append(url.substr(copied));
  return out;
}

bool url_has_password(std::string_view url) {
  for (const auto& [begin, end] : password_spans(url))
    if (end > begin) return true;
  return false;
}

}  // namespace galguard::quarantine::pg
