// The review UI's pages, one renderer per page (page_*.cpp), each returning a whole HTML
// document. Renderers only read: they take what the handler fetched and escape all of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "gateway/quarantine/store.hpp"
#include "gateway/review/audit_view.hpp"

namespace galguard::review {

// Who is looking, for the navigation bar and the forms' CSRF fields.
struct Viewer {
  std::string name;
  quarantine::Role role = quarantine::Role::viewer;
  std::string csrf;
  bool may_act() const { return role == quarantine::Role::dpo; }
};

// page_layout.cpp
// The document around a page's content: navigation (when someone is logged in), the flash
// line, the content. `content` is HTML the caller already escaped.
std::string layout(const std::string& title, const Viewer* viewer, const std::string& flash,
                   const std::string& content);
std::string csrf_field(const Viewer& viewer);
// A refusal or a failure as a page: "403 Forbidden" with a sentence and a way back.
std::string error_page(int status, const std::string& sentence, const Viewer* viewer,
                       const std::string& back = "/queue");
// What ?done=... in a redirect means; "" for values this UI never sends.
std::string flash_text(const std::string& done);

// page_login.cpp
std::string login_page(const std::string& login_token, const std::string& name,
                       const std::string& problem);

// page_queue.cpp
struct QueueQuery {
  std::string state = "held";  // held|released|deleted|expired|all
  std::string code, sender, from, to;
};
// The filter of a query, or the sentence saying what is wrong with it.
struct QueueFilter {
  quarantine::ListFilter filter;
  std::string problem;
};
QueueFilter queue_filter(const QueueQuery& query);
std::string queue_page(quarantine::QuarantineStore& store, const QueueQuery& query,
                       const quarantine::ListFilter& filter, const Viewer& viewer,
                       const std::string& flash, std::int64_t now);

// page_message.cpp
struct MessagePageInput {
  const quarantine::HeldMessage* message = nullptr;
  std::vector<quarantine::ActionLogEntry> log;  // this message's rows, oldest first
  bool show_body = false;
  bool four_eyes = false;  // needs_second_approval()
};
std::string message_page(const MessagePageInput& input, const Viewer& viewer,
                         const std::string& flash);

// page_incidents.cpp
std::string incidents_page(const std::vector<quarantine::Incident>& incidents, const Viewer& viewer,
                           const std::string& flash, std::int64_t now);
std::string incident_page(const quarantine::Incident& incident, const Viewer& viewer,
                          const std::string& flash, std::int64_t now);

// page_audit.cpp
std::string audit_page(const std::optional<AuditView>& report, const std::string& problem,
                       const Viewer& viewer, const std::string& flash);

// page_log.cpp
std::string log_page(const std::vector<quarantine::ActionLogEntry>& newest_first, std::size_t total,
                     const quarantine::ChainCheck& chain, const Viewer& viewer);

}  // namespace galguard::review
