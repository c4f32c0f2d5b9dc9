#include "rules/text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cassert>
#include <memory>

namespace galguard::rules {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    assert(U_SUCCESS(status) && n != nullptr);
    return n;
  }();
  return *instance;
}

// uspoof_getSkeleton is thread-safe on a checker that is never modified after creation.
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&status);
    assert(U_SUCCESS(status));
    return c;
  }();
  return checker;
}

const UIDNA* idna() {
  static const UIDNA* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* u = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_UNICODE, &status);
    assert(U_SUCCESS(status));
    return u;
  }();
  return instance;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString fold(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString out = nfkc_casefold().normalize(in, status);
  return U_SUCCESS(status) ? out : in;
}

bool is_quote(UChar32 c) {
  switch (c) {
    case u'"':
    case u'\'':
    case u'`':
    case 0x00AB:
    case 0x00BB:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2039:
    case 0x203A:
      return true;
    default:
      return false;
  }
}

bool is_space(UChar32 c) {
  return u_isUWhiteSpace(c) || c == 0x200B;
}

// Splits the folded name on white space; a lone comma between two parts marks "Last, First".
std::vector<icu::UnicodeString> tokens_of(const icu::UnicodeString& folded) {
  icu::UnicodeString s = folded;
  // Surrounding quotes (possibly several layers, possibly with spaces) go.
  for (bool changed = true; changed;) {
    changed = false;
    s.trim();
    if (s.length() > 0 && is_quote(s.char32At(0))) {
      s.remove(0, U16_LENGTH(s.char32At(0)));
      changed = true;
    }
    if (s.length() > 0) {
      int32_t last = s.moveIndex32(s.length(), -1);
      if (is_quote(s.char32At(last))) {
        s.truncate(last);
        changed = true;
      }
    }
  }
  auto split = [](const icu::UnicodeString& part) {
    std::vector<icu::UnicodeString> out;
    icu::UnicodeString current;
    for (int32_t i = 0; i < part.length();) {
      UChar32 c = part.char32At(i);
      i += U16_LENGTH(c);
      if (is_space(c)) {
        if (!current.isEmpty()) out.push_back(std::move(current));
        current.remove();
      } else {
        current.append(c);
      }
    }
    if (!current.isEmpty()) out.push_back(std::move(current));
    return out;
  };
  int32_t comma = s.indexOf(u',');
  if (comma >= 0 && s.indexOf(u',', comma + 1) < 0) {
    auto last = split(s.tempSubString(0, comma));
    auto first = split(s.tempSubString(comma + 1));
    if (!last.empty() && !first.empty()) {
      first.insert(first.end(), last.begin(), last.end());
      return first;
    }
  }
  return split(s);
}

std::string join(std::vector<std::string> parts, bool sorted) {
  if (sorted) std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

icu::UnicodeString skeleton_of(const icu::UnicodeString& folded) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString skel;
  uspoof_getSkeletonUnicodeString(spoof_checker(), 0, folded, skel, &status);
  if (U_FAILURE(status)) return folded;
  // ICU's prototypes are not all lower case ("0" becomes "O"): fold once more.
  icu::UnicodeString refolded = nfkc_casefold().normalize(skel, status);
  return U_SUCCESS(status) ? refolded : skel;
}

}  // namespace

std::vector<std::string> name_tokens(std::string_view name) {
  std::vector<std::string> out;
  for (const auto& t : tokens_of(fold(name)))
    out.push_back(to_utf8(t));
  return out;
}

std::string normalize(std::string_view name) {
  return join(name_tokens(name), false);
}

std::string name_key(std::string_view name) {
  return join(name_tokens(name), true);
}

std::string skeleton_key(std::string_view name) {
  std::vector<std::string> parts;
  for (const auto& t : tokens_of(fold(name)))
    parts.push_back(to_utf8(skeleton_of(t)));
  return join(std::move(parts), true);
}

std::string skeleton(std::string_view text) {
  return to_utf8(skeleton_of(fold(text)));
}

std::string domain_to_unicode(std::string_view domain) {
  if (domain.empty()) return {};
  std::string out(domain.size() * 4 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t n = uidna_nameToUnicodeUTF8(idna(), domain.data(), static_cast<int32_t>(domain.size()),
                                      out.data(), static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || info.errors != 0) return to_utf8(fold(domain));
  out.resize(static_cast<size_t>(n));
  return to_utf8(fold(out));
}

std::string normalize_address(std::string_view address) {
  auto is_strip = [](char c) {
    return c == '<' || c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
  };
  while (!address.empty() && is_strip(address.front()))
    address.remove_prefix(1);
  while (!address.empty() && is_strip(address.back()))
    address.remove_suffix(1);
  size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return {};
  std::string local = to_utf8(fold(address.substr(0, at)));
  return local + "@" + domain_to_unicode(address.substr(at + 1));
}

std::string_view domain_of(std::string_view normalized_address) {
  size_t at = normalized_address.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : normalized_address.substr(at + 1);
}

bool is_valid_utf8(std::string_view text) {
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace galguard::rules
