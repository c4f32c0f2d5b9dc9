// Bytes of a MIME part to UTF-8 text: transfer decoding (base64, quoted-printable, uuencode)
// and charset conversion.
#pragma once

#include <gmime/gmime.h>

#include <string>
#include <string_view>

namespace galguard::rules::gmime {

// Charset names are short words of this alphabet (IANA's longest has 45 characters); anything
// else goes to the fallback charsets. '/' and ',' are kept out because iconv reads "//" and
// ICU reads "," as options.
bool is_plausible_charset(std::string_view charset);

// The part's content with its Content-Transfer-Encoding undone; "" when it has none.
std::string decoded_content(GMimePart* part);

// `bytes` in `charset` (the part's declared charset, may be empty) as valid UTF-8. Text that is
// undeclared or not valid in its declared charset goes through the parser's fallback charsets.
std::string to_utf8(std::string_view bytes, std::string_view charset, GMimeParserOptions* options);

// The same for a whole file or part: a byte order mark (UTF-8, UTF-16) wins over `charset`.
std::string file_to_utf8(std::string_view bytes, std::string_view charset,
                         GMimeParserOptions* options);

// Text that GMime already decoded (a header, a parameter) as valid UTF-8.
std::string valid_utf8(std::string text, GMimeParserOptions* options);

// A header value, parameter or display name from GMime as valid UTF-8 without surrounding
// white space; "" for nullptr.
std::string decoded_field(const char* value, GMimeParserOptions* options);

}  // namespace galguard::rules::gmime
