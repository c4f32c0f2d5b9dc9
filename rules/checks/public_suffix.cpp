#include "rules/checks/public_suffix.hpp"

#include <libpsl.h>

#include <string>

namespace galguard::rules::detail {
namespace {

// psl_latest(): the newer of the list compiled into libpsl and the one Debian's publicsuffix
// package installs (/usr/share/publicsuffix/public_suffix_list.dafsa), which stable updates
// refresh without a libpsl rebuild. It is the one file rules/ reads, once, when the program
// starts (kLoadedAtStart below), never while mail is judged: a newer list takes effect at the
// next restart. psl_builtin() alone would read nothing but could lag the package by years.
const psl_ctx_t* suffix_list() {
  static const psl_ctx_t* const list = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return list;
}

[[maybe_unused]] const psl_ctx_t* const kLoadedAtStart = suffix_list();

// The list's default rule "*": the last label is the suffix. Only when libpsl has no list at all.
std::string_view last_two_labels(std::string_view domain) {
  const std::size_t last = domain.rfind('.');
  if (last == std::string_view::npos || last == 0) return domain;
  const std::size_t before = domain.rfind('.', last - 1);
  return before == std::string_view::npos ? domain : domain.substr(before + 1);
}

}  // namespace

std::string_view registrable_domain(std::string_view domain) {
  const psl_ctx_t* list = suffix_list();
  if (list == nullptr) return last_two_labels(domain);
  const std::string text(domain);  // libpsl reads a NUL-terminated string
  const char* found = psl_registrable_domain(list, text.c_str());
  if (found == nullptr) return domain;
  return domain.substr(static_cast<std::size_t>(found - text.c_str()));
}

std::string_view registered_name(std::string_view registrable) {
  return registrable.substr(0, registrable.find('.'));
}

}  // namespace galguard::rules::detail
