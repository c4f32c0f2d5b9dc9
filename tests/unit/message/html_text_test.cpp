#include "rules/message/html_text.hpp"

#include <gtest/gtest.h>

namespace galguard::rules {
namespace {

TEST(HtmlText, StripsTagsAndDecodesEntities) {
  struct Case {
    const char* got;
    const char* want;
  };
  const Case cases[] = {
      {"<p>Hej</p>", "Hej"},
      {"<b>Tolvan</b> <i>Tolvansson</i>", "Tolvan Tolvansson"},
      {"Sk<span>ä</span>rholmen", "Skärholmen"},             // inline tags do not split words
      {"<td>19121212</td><td>1212</td>", "19121212\n1212"},  // cells stay apart
      {"a<br>b<br/>c", "a\nb\nc"},
      {"&amp; &lt;x&gt; &quot;q&quot; &apos;", "& <x> \"q\" '"},
      {"Sk&auml;rholmen &Aring;sa &oslash; &AElig;", "Skärholmen Åsa ø Æ"},
      {"&#228;&#xE5;&#X263a;", "äå☺"},
      {"&#0; &#xD800; &#99999999999;", "\uFFFD \uFFFD \uFFFD"},
      {"AT&T &unknown; & alone &#;", "AT&T &unknown; & alone &#;"},
      {"<style>p { color: red }</style>text", "text"},
      {"<SCRIPT type=\"x\">if (a < b) {}</SCRIPT>after", "after"},
      {"<!-- <p>hidden</p> -->shown", "shown"},
      {"<a title=\"x > y\" href='z'>link</a>", "link"},
      {"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},  // a '<' not opening a tag is text
      {"  lots \t of\r\n\r\n  space  ", "lots of\nspace"},
      {"<unclosed", ""},
      {"", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(html_to_text(c.got), c.want) << "input: " << c.got;
}

}  // namespace
}  // namespace galguard::rules
