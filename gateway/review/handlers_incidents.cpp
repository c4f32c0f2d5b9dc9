#include "gateway/incidents/incident_export.hpp"
#include "gateway/review/incident_form.hpp"
#include "gateway/review/review_call.hpp"

namespace galguard::review {
namespace {

std::string incident_link(const std::string& id) {
  return "/incidents/" + percent_encode(id);
}

// Ids are "INC-N"; anything else is kept out of the header anyway.
std::string file_stem(const std::string& id) {
  std::string stem;
  for (const char c : id)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
      stem += c;
  return stem.empty() ? "incident" : stem;
}

}  // namespace

Response get_incidents(AppState& app, Call& call) {
  return html_response(200,
                       incidents_page(app.store.incidents(), *call.viewer, call.flash(), call.now));
}

Response get_incident(AppState& app, Call& call) {
  const auto incident = app.store.incident(call.param(0));
  if (!incident)
    return error_response(call, 404, "There is no incident with this id.", "/incidents");
  return html_response(200, incident_page(*incident, *call.viewer, call.flash(), call.now));
}

Response post_incident_edit(AppState& app, Call& call) {
  const auto incident = app.store.incident(call.param(0));
  if (!incident)
    return error_response(call, 404, "There is no incident with this id.", "/incidents");
  const IncidentEdit edit = apply_incident_form(*incident, call.form);
  if (!edit.problem.empty())
    return error_response(call, 400, edit.problem + " Nothing was saved.",
                          incident_link(incident->id));
  try {
    app.store.update_incident(edit.incident, call.viewer->name, call.now);
  } catch (const quarantine::StateError& e) {
    return error_response(call, 409, e.what(), "/incidents");
  }
  return redirect(incident_link(incident->id) + "?done=saved");
}

Response get_incident_export(AppState& app, Call& call) {
  const auto incident = app.store.incident(call.param(0));
  if (!incident)
    return error_response(call, 404, "There is no incident with this id.", "/incidents");
  const std::string format = call.query.get("format");
  const std::string stem = file_stem(incident->id);
  if (format == "json")
    return download(incidents::to_json(*incident, call.now)
                            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                        "\n",
                    "application/json; charset=utf-8", stem + ".json");
  if (format == "text")
    return download(incidents::to_text(*incident, call.now), "text/plain; charset=utf-8",
                    stem + ".txt");
  return error_response(call, 400, "Choose format=json or format=text.",
                        incident_link(incident->id));
}

}  // namespace galguard::review
