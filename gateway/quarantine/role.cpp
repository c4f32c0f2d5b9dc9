#include <string_view>

#include "gateway/quarantine/incident.hpp"

namespace galguard::quarantine {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::viewer:
      return "viewer";
    case Role::dpo:
      return "dpo";
  }
  return "viewer";
}

std::optional<Role> role_from_string(std::string_view text) {
  if (text == "viewer") return Role::viewer;
  if (text == "dpo") return Role::dpo;
  return std::nullopt;
}

}  // namespace galguard::quarantine
