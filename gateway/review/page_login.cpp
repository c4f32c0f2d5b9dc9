#include <fmt/format.h>

#include "gateway/review/html.hpp"
#include "gateway/review/pages.hpp"

namespace galguard::review {

std::string login_page(const std::string& login_token, const std::string& name,
                       const std::string& problem) {
  std::string content = "<div class=\"login\"><h1>Log in</h1>";
  if (!problem.empty()) content += fmt::format("<p class=\"error\">{}</p>", escape(problem));
  // The token is also in the galguard_login cookie: a form posted from another site cannot
  // know it (double submit), so nobody can log a browser in to an account of theirs.
  content += fmt::format(
      "<form method=\"post\" action=\"/login\">"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\">"
      "<label for=\"name\">Name</label>"
      "<input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"username\" required "
      "value=\"{}\">"
      "<label for=\"password\">Password</label>"
      "<input id=\"password\" name=\"password\" type=\"password\" "
      "autocomplete=\"current-password\" required>"
      "<button type=\"submit\">Log in</button></form></div>",
      escape(login_token), escape(name));
  return layout("Log in", nullptr, "", content);
}

}  // namespace galguard::review
