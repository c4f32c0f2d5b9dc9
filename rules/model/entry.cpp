#include "rules/model/entry.hpp"

namespace galguard::rules {

std::string_view to_string(EntryKind kind) {
  switch (kind) {
    case EntryKind::user:
      return "user";
    case EntryKind::contact:
      return "contact";
    case EntryKind::group:
      return "group";
    case EntryKind::shared:
      return "shared";
    case EntryKind::room:
      return "room";
    case EntryKind::other:
      return "other";
  }
  return "other";
}

}  // namespace galguard::rules
