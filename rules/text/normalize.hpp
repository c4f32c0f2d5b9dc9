// Name and address normalisation: the one place that decides when two names or addresses are
// "the same" for galguard. DESIGN.md §3.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

// Invisible characters dropped (rules/text/invisible.hpp: zero-width, bidi controls, soft
// hyphen, variation selectors, tags; blank look-alikes such as U+3164 count as a space), then
// NFKC + case fold, trimmed, white space and the punctuation between words ("-", ".", ";",
// "_", "/", dashes) collapsed to one space, surrounding quotes dropped, and "Last, First"
// turned into "first last". Digits are kept: "33900" matters.
std::string normalize(std::string_view name);

// Order-free key of a name: the normalised tokens sorted and joined by one space, so that
// "Andersson, Anna", "Anna Andersson" and "andersson anna" share one key. Indexes use this.
std::string name_key(std::string_view name);

// Look-alike key: each normalised token through ICU's confusable skeleton, folded again (ICU
// maps "0" to "O"), tokens sorted. Cyrillic "е" meets Latin "e", "0" meets "o", "rn" meets "m".
std::string skeleton_key(std::string_view name);

// Skeleton of a single string with its spaces kept in place (for patterns and domains).
std::string skeleton(std::string_view text);

// The white-space separated tokens of normalize(name).
std::vector<std::string> name_tokens(std::string_view name);

// Every form of one name that the checks compare, computed in one pass (the hot path of a
// verdict: one fold, one skeleton per token).
struct NameForms {
  std::vector<std::string> tokens;  // normalised, in display order ("Last, First" swapped)
  std::string normalized;           // normalize(name)
  std::string key;                  // name_key(name)
  std::string skeleton;             // skeleton of `normalized`, tokens in display order
  std::string skeleton_key;         // skeleton_key(name)
  // The same with the skeleton taken as written, before case folding and not folded after:
  // capital "I" and lowercase "l" meet here ("lT-samordnare" and "IT-samordnare"), lowercase
  // "i" and "l" or "L" and "l" do not. Look-alikes are looked for under both keys.
  std::string cased_skeleton;
  std::string cased_skeleton_key;
  // The name in the order a reader sees it when bidi controls reorder it ("\u202E00933 kseD
  // ecivreS" reads "Service Desk 33900"); "" when it reads as stored. The checks judge that
  // reading too (rules/checks/readings.hpp).
  std::string displayed;
};
NameForms name_forms(std::string_view name);

// Address for comparison: angle brackets and white space stripped, case folded, domain from
// IDNA (xn--) to Unicode. Returns "" when the text holds no '@'.
std::string normalize_address(std::string_view address);

// The part after the last '@' of an already normalised address ("" when there is none).
std::string_view domain_of(std::string_view normalized_address);

// IDNA (UTS #46) to Unicode and case folded; the input unchanged when it is not a valid name.
std::string domain_to_unicode(std::string_view domain);

// True when the UTF-8 text is valid UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace galguard::rules
