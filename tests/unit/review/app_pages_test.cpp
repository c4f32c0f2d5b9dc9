// What the DPO sees and does: escaping, the body on demand, the queue's filters, counts and
// chart, decisions, incidents and their export, the audit and the action log.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <fstream>

#include "gateway/quarantine/unix_time.hpp"
#include "review_fixture.hpp"

namespace galguard::review::testing {
namespace {

using quarantine::Role;
using quarantine::State;

constexpr const char* kXss = "<script>alert(1)</script>";

TEST_F(ReviewTest, XssInDisplayNameAndSubjectRendersAsText) {
  const std::string id = store.hold(message_with(kXss, kXss, now));
  login_as("dpo", Role::dpo);
  for (const std::string& target : {std::string("/queue"), "/messages/" + id}) {
    const Response r = get(target);
    ASSERT_EQ(r.result(), http::status::ok) << target;
    EXPECT_EQ(r.body().find("<script>"), std::string::npos) << target;
    EXPECT_NE(r.body().find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << target;
  }
  const Response with_body = post_form("/messages/" + id + "/body");
  EXPECT_EQ(with_body.body().find("<b>body</b>"), std::string::npos);
  EXPECT_NE(with_body.body().find("&lt;b&gt;body&lt;/b&gt;"), std::string::npos);
}

TEST_F(ReviewTest, MessagePageShowsEnvelopeHeadersFindingsButNotTheBody) {
  const std::string id = store.hold(message_with("Service Desk 33900", "Lön", now));
  login_as("dpo", Role::dpo);
  const Response r = get("/messages/" + id);
  ASSERT_EQ(r.result(), http::status::ok);
  for (const char* want : {"it@example.org", "m.exempel@student.example.net", "Service Desk 33900",
                           "servicedesk@example.org", "The name belongs to an internal entry.",
                           "GG101", "identity_number", "Subject", "Lön", "Show body"})
    EXPECT_NE(r.body().find(want), std::string::npos) << want;
  EXPECT_EQ(r.body().find("19121212-1212"), std::string::npos);
  for (const auto& row : store.action_log(id))
    EXPECT_NE(row.action, "viewed-body");
}

TEST_F(ReviewTest, MessagePageBreaksPersonalDataDownByAttachmentEscaped) {
  quarantine::HeldMessage m = message_with("Service Desk 33900", "Elevlista", now);
  nlohmann::json verdict = nlohmann::json::parse(m.verdict_json);
  verdict["personal_data"]["places"] = {"attachment: Elevlista 7B.xlsx"};
  verdict["personal_data"]["attachments"] = {{{"name", "Elevlista 7B.xlsx"},
                                              {"type", "xlsx"},
                                              {"inspected", true},
                                              {"why", ""},
                                              {"identity_numbers", 3},
                                              {"categories", {"identity-number"}}},
                                             {{"name", "<img src=x>.zip"},
                                              {"type", "zip"},
                                              {"inspected", false},
                                              {"why", "encrypted"},
                                              {"identity_numbers", 0},
                                              {"categories", nlohmann::json::array()}}};
  m.verdict_json = verdict.dump();
  const std::string id = store.hold(m);
  login_as("dpo", Role::dpo);
  const Response r = get("/messages/" + id);
  ASSERT_EQ(r.result(), http::status::ok);
  const std::string& page = r.body();
  ASSERT_NE(page.find("id=\"attachments\""), std::string::npos);
  for (const char* want : {"Elevlista 7B.xlsx", "xlsx", "not inspected: encrypted",
                           "&lt;img src=x&gt;.zip", "attachment: Elevlista 7B.xlsx"})
    EXPECT_NE(page.find(want), std::string::npos) << want;
  EXPECT_EQ(page.find("<img src=x>"), std::string::npos);
}

TEST_F(ReviewTest, BodyOnlyAfterThePostAndTheViewingIsLogged) {
  const std::string id = store.hold(message_with("A", "s", now));
  login_as("dpo", Role::dpo);
  EXPECT_EQ(get("/messages/" + id + "/body").result(), http::status::method_not_allowed);
  const Response r = post_form("/messages/" + id + "/body");
  ASSERT_EQ(r.result(), http::status::ok);
  EXPECT_NE(r.body().find("19121212-1212"), std::string::npos);
  const auto log = store.action_log(id);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back().action, "viewed-body");
  EXPECT_EQ(log.back().actor, "dpo");
  EXPECT_EQ(log.back().at, now);
}

TEST_F(ReviewTest, QueueFiltersCountsAndNewestFirst) {
  const std::int64_t day = 86400;
  store.hold(message_with("A", "first-subject", now - 3 * day, "alice@example.org", {"GG101"}));
  store.hold(message_with("B", "second-subject", now - 2 * day, "bob@example.org", {"GG202"}));
  const std::string third =
      store.hold(message_with("C", "third-subject", now - day, "alice@example.org", {"GG202"}));
  store.transition(third, State::deleted, "dpo", "test", now);
  login_as("dpo", Role::dpo);

  const std::string held = get("/queue").body();
  EXPECT_NE(held.find("held: <strong>2</strong>"), std::string::npos);
  EXPECT_NE(held.find("deleted: <strong>1</strong>"), std::string::npos);
  EXPECT_LT(held.find("second-subject"), held.find("first-subject"));  // newest first
  EXPECT_EQ(held.find("third-subject"), std::string::npos);

  const std::string all = get("/queue?state=all&sender=alice").body();
  EXPECT_NE(all.find("first-subject"), std::string::npos);
  EXPECT_NE(all.find("(bytes erased)"), std::string::npos);  // the deleted one, raw gone
  EXPECT_EQ(all.find("second-subject"), std::string::npos);
  EXPECT_NE(all.find("held: <strong>1</strong>"), std::string::npos);

  const std::string code = get("/queue?state=all&code=GG202").body();
  EXPECT_EQ(code.find("first-subject"), std::string::npos);
  EXPECT_NE(code.find("second-subject"), std::string::npos);

  const std::string second_day = quarantine::iso_time(now - 2 * day).substr(0, 10);
  const std::string dated = get("/queue?state=all&from=" + second_day + "&to=" + second_day).body();
  EXPECT_NE(dated.find("second-subject"), std::string::npos);
  EXPECT_EQ(dated.find("first-subject"), std::string::npos);
  EXPECT_EQ(dated.find("third-subject"), std::string::npos);

  EXPECT_EQ(get("/queue?state=lost").result(), http::status::bad_request);
  EXPECT_EQ(get("/queue?from=yesterday").result(), http::status::bad_request);
}

TEST_F(ReviewTest, ChartHasThirtyBars) {
  store.hold(message_with("A", "s", now));
  store.hold(message_with("B", "s", now - 40 * 86400));
  login_as("dpo", Role::dpo);
  const std::string page = get("/queue").body();
  EXPECT_EQ(count_of(page, "<rect class=\"bar\""), 30);
  EXPECT_NE(page.find(quarantine::iso_time(now).substr(0, 10) + ": 1 held"), std::string::npos);
}

TEST_F(ReviewTest, UnknownIdIs404AndBadFormIs400) {
  login_as("dpo", Role::dpo);
  EXPECT_EQ(get("/messages/nope").result(), http::status::not_found);
  EXPECT_EQ(get("/incidents/INC-99").result(), http::status::not_found);
  EXPECT_EQ(get("/nowhere").result(), http::status::not_found);
  const std::string id = store.hold(message_with("A", "s", now));
  EXPECT_EQ(post_form("/messages/" + id + "/delete", "reason=").result(),
            http::status::bad_request);
  EXPECT_EQ(post_form("/messages/" + id + "/delete", "reason=%zz").result(),
            http::status::bad_request);
  EXPECT_EQ(store.get(id)->state, State::held);
}

TEST_F(ReviewTest, DeleteWithReasonRedirectsWithFlash) {
  const std::string id = store.hold(message_with("A", "s", now));
  login_as("dpo", Role::dpo);
  const Response r = post_form("/messages/" + id + "/delete", "reason=sent+to+a+pupil");
  ASSERT_EQ(r.result(), http::status::see_other) << r.body();
  EXPECT_EQ(header(r, http::field::location), "/messages/" + id + "?done=deleted");
  EXPECT_EQ(store.get(id)->state, State::deleted);
  EXPECT_EQ(store.action_log(id).back().reason, "sent to a pupil");
  const Response page = get(header(r, http::field::location));
  EXPECT_NE(page.body().find("The message was deleted"), std::string::npos);
  EXPECT_EQ(get("/messages/" + id + "?done=%3Cscript%3E").body().find("<script>"),
            std::string::npos);
}

TEST_F(ReviewTest, ReleaseWithRelayDownKeepsTheMessageHeldAndSaysWhy) {
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    config.release.next_hop = {"127.0.0.1", acceptor.local_endpoint().port()};
  }  // closed again: nothing listens there
  config.release.timeouts.connect = std::chrono::seconds(2);
  const std::string id = store.hold(message_with("A", "s", now));
  login_as("dpo", Role::dpo);
  const Response r = post_form("/messages/" + id + "/release", "reason=wrongly+held");
  EXPECT_EQ(r.result(), http::status::conflict) << r.body();
  EXPECT_NE(r.body().find("class=\"error\""), std::string::npos);
  EXPECT_EQ(store.get(id)->state, State::held);
  for (const auto& row : store.action_log(id))
    EXPECT_NE(row.action, "released");
}

TEST_F(ReviewTest, FourEyesShowsThePendingRequestToAnotherDpo) {
  config.review.four_eyes = true;
  config.review.four_eyes_identity_numbers = 0;  // the message has one
  const std::string id = store.hold(message_with("A", "s", now));
  login_as("first", Role::dpo);
  EXPECT_NE(get("/messages/" + id).body().find("Request release"), std::string::npos);
  const Response asked = post_form("/messages/" + id + "/release", "reason=was+fine");
  ASSERT_EQ(asked.result(), http::status::see_other) << asked.body();
  EXPECT_EQ(header(asked, http::field::location), "/messages/" + id + "?done=requested");
  EXPECT_EQ(store.get(id)->state, State::held);
  const std::string own = get("/messages/" + id).body();
  EXPECT_NE(own.find("another DPO has to approve"), std::string::npos);
  EXPECT_EQ(own.find("Approve release"), std::string::npos);

  cookies.clear();
  login_as("second", Role::dpo);
  const std::string other = get("/messages/" + id).body();
  EXPECT_NE(other.find("first asked to release"), std::string::npos);
  EXPECT_NE(other.find("was fine"), std::string::npos);
  EXPECT_NE(other.find("Approve release"), std::string::npos);
}

TEST_F(ReviewTest, MarkAsIncidentThenEditRoundTripAndExport) {
  const std::string id = store.hold(message_with("Service Desk 33900", "Lön", now - 3600));
  login_as("dpo", Role::dpo);
  const Response marked = post_form("/messages/" + id + "/incident", "reason=pupil+got+it");
  ASSERT_EQ(marked.result(), http::status::see_other) << marked.body();
  const std::string location = header(marked, http::field::location);
  ASSERT_TRUE(location.starts_with("/incidents/INC-")) << location;
  const std::string incident_id = location.substr(11, location.find('?') - 11);

  const Response page = get(location);
  ASSERT_EQ(page.result(), http::status::ok);
  EXPECT_NE(page.body().find("Incident created"), std::string::npos);
  EXPECT_NE(page.body().find("72 h"), std::string::npos);
  csrf = csrf_of(page.body());

  const std::string fields =
      "status=open&organisation=Exempelstaden&contact=dpo%40example.org"
      "&occurred_at=2026-11-18T10:00:00Z&discovered_at=2026-11-18T11:00:00Z&ended_at="
      "&nature=misaddressed&description=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
      "&how_discovered=held&cause=address+book&recipients=A+%3Ca%40x%3E%0D%0AB+%3Cb%40y%3E"
      "&processors=Microsoft&data_subjects=3&records=4&subject_categories=pupils"
      "&data_categories=identity_number%2C+health&special_categories=yes"
      "&consequences=some&severity=high&measures_taken=deleted&measures_planned=training"
      "&notified_at=2026-11-19T09:00:00Z&authority_reference=IMY-1&subjects_informed=no"
      "&subjects_informed_why=not+likely+high+risk";
  const Response saved = post_form("/incidents/" + incident_id, fields);
  ASSERT_EQ(saved.result(), http::status::see_other) << saved.body();
  const auto edited = store.incident(incident_id);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->organisation, "Exempelstaden");
  EXPECT_EQ(edited->occurred_at, *quarantine::parse_iso_time("2026-11-18T10:00:00Z"));
  EXPECT_FALSE(edited->ended_at);
  EXPECT_EQ(edited->recipients, (std::vector<std::string>{"A <a@x>", "B <b@y>"}));
  EXPECT_EQ(edited->data_categories, (std::vector<std::string>{"identity_number", "health"}));
  EXPECT_TRUE(edited->special_categories);
  EXPECT_FALSE(edited->encrypted);
  EXPECT_EQ(edited->data_subjects, 3);
  EXPECT_EQ(edited->severity, "high");
  EXPECT_EQ(edited->notified_at, quarantine::parse_iso_time("2026-11-19T09:00:00Z"));
  EXPECT_EQ(edited->subjects_informed, "no");
  EXPECT_EQ(edited->message_id, id);

  const std::string again = get("/incidents/" + incident_id).body();
  EXPECT_EQ(again.find("<script>"), std::string::npos);
  EXPECT_NE(again.find("&lt;script&gt;"), std::string::npos);
  const std::string list = get("/incidents").body();
  EXPECT_NE(list.find(incident_id), std::string::npos);
  EXPECT_NE(list.find("2026-11-19T09:00:00Z"), std::string::npos);  // notified at

  const Response bad = post_form("/incidents/" + incident_id, "status=open&occurred_at=soon");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(store.incident(incident_id)->organisation, "Exempelstaden");

  const Response json = get("/incidents/" + incident_id + "/export?format=json");
  ASSERT_EQ(json.result(), http::status::ok);
  EXPECT_EQ(header(json, http::field::content_disposition),
            "attachment; filename=\"" + incident_id + ".json\"");
  const auto parsed = nlohmann::json::parse(json.body());
  EXPECT_EQ(parsed.at("organisation"), "Exempelstaden");
  EXPECT_TRUE(parsed.contains("deadline"));
  const Response text = get("/incidents/" + incident_id + "/export?format=text");
  ASSERT_EQ(text.result(), http::status::ok);
  EXPECT_EQ(header(text, http::field::content_disposition),
            "attachment; filename=\"" + incident_id + ".txt\"");
  EXPECT_NE(text.body().find("Exempelstaden"), std::string::npos);
  EXPECT_EQ(get("/incidents/" + incident_id + "/export?format=pdf").result(),
            http::status::bad_request);
}

TEST_F(ReviewTest, DeadlineIsRedUnderTwelveHours) {
  quarantine::Incident incident;
  incident.discovered_at = now - 61 * 3600;
  incident.occurred_at = incident.discovered_at;
  store.create_incident(incident, "dpo", now);
  login_as("dpo", Role::dpo);
  const std::string list = get("/incidents").body();
  EXPECT_NE(list.find("class=\"urgent\""), std::string::npos) << list;
}

TEST_F(ReviewTest, AuditFindingsAndCreateIncident) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("galguard-review-audit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  config.audit_reports = dir.string();
  std::ofstream(dir / "audit-20261101T000000Z.json") << R"({"entries":1,"findings":[]})";
  std::ofstream(dir / "audit-20261118T000000Z.json")
      << R"({"entries":2,"findings":[{"code":"foreign-tenant-internal-name","severity":"high",)"
         R"("entry":{"id":"x","display_name":"<script>alert(1)</script>","address":)"
         R"("m@student.example.net","source":"gal.ldif"},"related":[],)"
         R"("explanation":"An internal name on a foreign address.","drift":"new"}]})";
  login_as("dpo", Role::dpo);
  const Response page = get("/audit");
  ASSERT_EQ(page.result(), http::status::ok);
  EXPECT_NE(page.body().find("foreign-tenant-internal-name"), std::string::npos);
  EXPECT_EQ(page.body().find("<script>"), std::string::npos);
  EXPECT_NE(page.body().find("audit-20261118T000000Z.json"), std::string::npos);

  EXPECT_EQ(post_form("/audit/incident", "finding=0&report=audit-20261101T000000Z.json").result(),
            http::status::conflict);
  EXPECT_EQ(post_form("/audit/incident", "finding=7&report=audit-20261118T000000Z.json").result(),
            http::status::bad_request);
  const Response created =
      post_form("/audit/incident", "finding=0&report=audit-20261118T000000Z.json");
  ASSERT_EQ(created.result(), http::status::see_other) << created.body();
  ASSERT_EQ(store.incidents().size(), 1u);
  EXPECT_NE(store.incidents().front().finding.find("foreign-tenant-internal-name"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_F(ReviewTest, ActionLogNewestFirstWithChainStatus) {
  const std::string a = store.hold(message_with("A", "s", now));
  now += 10;
  store.log(now, "dpo", "viewed-body", a, "");
  login_as("dpo", Role::dpo);
  const std::string page = get("/log").body();
  EXPECT_NE(page.find("Hash chain verified"), std::string::npos);
  EXPECT_LT(page.find("viewed-body"), page.find(">held<"));
}

TEST_F(ReviewTest, StylesheetIsServedWithoutLogin) {
  const Response r = get("/style.css");
  EXPECT_EQ(r.result(), http::status::ok);
  EXPECT_EQ(header(r, http::field::content_type), "text/css; charset=utf-8");
  EXPECT_NE(r.body().find("@media"), std::string::npos);
}

}  // namespace
}  // namespace galguard::review::testing
