#include "gateway/review/pages.hpp"

#include <fmt/format.h>

#include "gateway/review/html.hpp"

namespace galguard::review {
namespace {

std::string_view reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 401:
      return "Not logged in";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 409:
      return "Could not be done";
    case 413:
      return "Too large";
    case 429:
      return "Locked";
    case 500:
      return "Something went wrong";
    default:
      return "Error";
  }
}

}  // namespace

std::string csrf_field(const Viewer& viewer) {
  return fmt::format(R"(<input type="hidden" name="csrf" value="{}">)", escape(viewer.csrf));
}

std::string layout(const std::string& title, const Viewer* viewer, const std::string& flash,
                   const std::string& content) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{} · galguard</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>",
      escape(title));
  out += "<header><a href=\"/queue\">galguard</a>";
  if (viewer) {
    out += fmt::format(
        "<nav><a href=\"/queue\">Queue</a> · <a href=\"/incidents\">Incidents</a> · "
        "<a href=\"/audit\">Audit</a> · <a href=\"/log\">Action log</a></nav>"
        "<span class=\"who\">{} ({})</span>"
        "<form method=\"post\" action=\"/logout\">{}<button type=\"submit\">Log "
        "out</button></form>",
        escape(viewer->name), viewer->may_act() ? "DPO" : "viewer", csrf_field(*viewer));
  }
  out += "</header><main>";
  if (!flash.empty())
    out += fmt::format("<p class=\"flash\" role=\"status\">{}</p>", escape(flash));
  out += content;
  out += "</main></body></html>\n";
  return out;
}

std::string error_page(int status, const std::string& sentence, const Viewer* viewer,
                       const std::string& back) {
  const std::string title = fmt::format("{} {}", status, reason_phrase(status));
  std::string content =
      fmt::format("<h1>{}</h1><p class=\"error\">{}</p>", escape(title), escape(sentence));
  content += viewer ? fmt::format("<p><a href=\"{}\">Back</a></p>", escape(back))
                    : "<p><a href=\"/login\">Log in</a></p>";
  return layout(title, viewer, "", content);
}

std::string flash_text(const std::string& done) {
  if (done == "released") return "The message was released to the next hop.";
  if (done == "requested")
    return "Release requested. Another DPO must approve it before the message leaves.";
  if (done == "deleted") return "The message was deleted; its bytes are erased.";
  if (done == "not-incident") return "Recorded: not an incident.";
  if (done == "incident") return "Incident created from the evidence. Fill in the rest below.";
  if (done == "saved") return "Incident saved.";
  if (done == "logged-out") return "You are logged out.";
  return {};
}

}  // namespace galguard::review
