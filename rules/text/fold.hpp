// Case folding and confusable skeletons, the two ICU mappings every name comparison rests on.
// Latin text (the common case) goes through tables filled from ICU's own answers, anything else
// through ICU itself; tests/unit/text/latin_tables_test.cpp proves the two agree.
#pragma once

#include <unicode/umachine.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace galguard::rules::detail {

// NFKC case folding (NFKC_Casefold) of UTF-8 text.
std::string fold(std::string_view text);

// ICU's confusable skeleton of already folded text, folded again (ICU maps "0" to "O").
std::string skeleton_of_folded(std::string_view folded);

// ICU's confusable skeleton (UTS #39) of text as written, not folded. Case matters to the eye:
// capital "I" is drawn like "l" (its skeleton is "l"), lowercase "i" is not, and "L" is not
// "l"; folding first or after would lose that.
std::string skeleton_as_written(std::string_view text);

// Next code point of UTF-8 text at i (advancing i); negative for invalid bytes.
UChar32 next_code_point(std::string_view s, int32_t& i);

}  // namespace galguard::rules::detail
