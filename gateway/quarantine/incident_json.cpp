#include "gateway/quarantine/incident_json.hpp"

#include <stdexcept>
#include <string>

#include "gateway/quarantine/unix_time.hpp"

namespace galguard::quarantine {
namespace {

using nlohmann::json;

// A time of 0 is "not filled in yet" for the required times (a prefilled record may not know
// when it occurred), so it is written as null like an unset optional one.
json time_value(std::int64_t t) {
  return t == 0 ? json(nullptr) : json(iso_time(t));
}
json time_value(const std::optional<std::int64_t>& t) {
  return t ? json(iso_time(*t)) : json(nullptr);
}

const json& member(const json& j, const char* name) {
  if (!j.is_object()) throw std::invalid_argument("an incident record must be a JSON object");
  auto it = j.find(name);
  if (it == j.end())
    throw std::invalid_argument(std::string("incident field ") + name + " is missing");
  return *it;
}

[[noreturn]] void wrong_type(const char* name, const char* want) {
  throw std::invalid_argument(std::string("incident field ") + name + " must be " + want);
}

std::string read_string(const json& j, const char* name) {
  const json& v = member(j, name);
  if (!v.is_string()) wrong_type(name, "a string");
  return v.get<std::string>();
}

int read_int(const json& j, const char* name) {
  const json& v = member(j, name);
  if (!v.is_number_integer()) wrong_type(name, "a whole number");
  return v.get<int>();
}

bool read_bool(const json& j, const char* name) {
  const json& v = member(j, name);
  if (!v.is_boolean()) wrong_type(name, "true or false");
  return v.get<bool>();
}

std::vector<std::string> read_list(const json& j, const char* name) {
  const json& v = member(j, name);
  if (!v.is_array()) wrong_type(name, "a list of strings");
  std::vector<std::string> out;
  for (const json& item : v) {
    if (!item.is_string()) wrong_type(name, "a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::int64_t> read_optional_time(const json& j, const char* name) {
  const json& v = member(j, name);
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) wrong_type(name, "a time like 2025-11-25T14:03:00Z or null");
  const auto t = parse_iso_time(v.get<std::string>());
  if (!t) {
    throw std::invalid_argument(std::string("incident field ") + name + ": \"" +
                                v.get<std::string>() +
                                "\" is not a time like 2025-11-25T14:03:00Z");
  }
  return t;
}

std::int64_t read_time(const json& j, const char* name) {
  return read_optional_time(j, name).value_or(0);
}

}  // namespace

json to_json(const Incident& i) {
  return json{
      {"id", i.id},
      {"created_at", time_value(i.created_at)},
      {"created_by", i.created_by},
      {"updated_at", time_value(i.updated_at)},
      {"status", i.status},
      {"message_id", i.message_id},
      {"finding", i.finding},
      {"organisation", i.organisation},
      {"contact", i.contact},
      {"occurred_at", time_value(i.occurred_at)},
      {"discovered_at", time_value(i.discovered_at)},
      {"ended_at", time_value(i.ended_at)},
      {"nature", i.nature},
      {"description", i.description},
      {"how_discovered", i.how_discovered},
      {"cause", i.cause},
      {"recipients", i.recipients},
      {"processors", i.processors},
      {"data_subjects", i.data_subjects},
      {"records", i.records},
      {"subject_categories", i.subject_categories},
      {"data_categories", i.data_categories},
      {"special_categories", i.special_categories},
      {"encrypted", i.encrypted},
      {"consequences", i.consequences},
      {"severity", i.severity},
      {"measures_taken", i.measures_taken},
      {"measures_planned", i.measures_planned},
      {"notified_at", time_value(i.notified_at)},
      {"authority_reference", i.authority_reference},
      {"subjects_informed", i.subjects_informed},
      {"subjects_informed_why", i.subjects_informed_why},
  };
}

Incident incident_from_json(const json& j) {
  Incident i;
  i.id = read_string(j, "id");
  i.created_at = read_time(j, "created_at");
  i.created_by = read_string(j, "created_by");
  i.updated_at = read_time(j, "updated_at");
  i.status = read_string(j, "status");
  i.message_id = read_string(j, "message_id");
  i.finding = read_string(j, "finding");
  i.organisation = read_string(j, "organisation");
  i.contact = read_string(j, "contact");
  i.occurred_at = read_time(j, "occurred_at");
  i.discovered_at = read_time(j, "discovered_at");
  i.ended_at = read_optional_time(j, "ended_at");
  i.nature = read_string(j, "nature");
  i.description = read_string(j, "description");
  i.how_discovered = read_string(j, "how_discovered");
  i.cause = read_string(j, "cause");
  i.recipients = read_list(j, "recipients");
  i.processors = read_string(j, "processors");
  i.data_subjects = read_int(j, "data_subjects");
  i.records = read_int(j, "records");
  i.subject_categories = read_string(j, "subject_categories");
  i.data_categories = read_list(j, "data_categories");
  i.special_categories = read_bool(j, "special_categories");
  i.encrypted = read_bool(j, "encrypted");
  i.consequences = read_string(j, "consequences");
  i.severity = read_string(j, "severity");
  i.measures_taken = read_string(j, "measures_taken");
  i.measures_planned = read_string(j, "measures_planned");
  i.notified_at = read_optional_time(j, "notified_at");
  i.authority_reference = read_string(j, "authority_reference");
  i.subjects_informed = read_string(j, "subjects_informed");
  i.subjects_informed_why = read_string(j, "subjects_informed_why");
  return i;
}

}  // namespace galguard::quarantine
