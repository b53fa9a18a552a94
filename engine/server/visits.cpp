#include "server/visits.h"

#include <charconv>

#include "jiuzhu/decision_writer.h"

namespace jiuzhu::server {

std::optional<int64_t> VisitBaseVersion(const JsonValue& body) {
  const JsonValue* v = body.is_object() ? body.Find("base_version") : nullptr;
  if (v == nullptr || !v->is_number()) return std::nullopt;
  int64_t n = 0;
  const std::string& t = v->text();
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return n;
}

namespace {

bool ParseChange(const JsonValue& c, Change& out, std::string& error) {
  const JsonValue* path = c.is_object() ? c.Find("path") : nullptr;
  if (path == nullptr || !path->is_string()) {
    error = "a change is {\"path\": string, \"value\": any} or {\"path\": string, \"remove\": true}";
    return false;
  }
  out.path = path->text();
  const JsonValue* remove = c.Find("remove");
  const JsonValue* value = c.Find("value");
  out.remove = remove != nullptr && remove->is_bool() && remove->boolean();
  if (out.remove == (value != nullptr) || (remove != nullptr && !out.remove)) {
    error = "a change has either \"value\" or \"remove\": true";
    return false;
  }
  for (const auto& [key, ignored] : c.members()) {
    if (key != "path" && key != "value" && key != "remove") {
      error = "a change has no field \"" + key + "\"";
      return false;
    }
  }
  if (value != nullptr) out.value = *value;
  return true;
}

bool ParseChanges(const JsonValue* changes, Visit& out, std::string& error) {
  if (changes == nullptr) return true;
  if (!changes->is_array()) {
    error = "changes is an array";
    return false;
  }
  for (std::size_t i = 0; i < changes->items().size(); ++i) {
    if (!ParseChange(changes->items()[i], out.changes.emplace_back(), error)) {
      error = "changes[" + std::to_string(i) + "]: " + error;
      return false;
    }
  }
  return true;
}

}  // namespace

bool ParseVisit(const JsonValue& body, Date today, Visit& out, std::string& error) {
  if (!body.is_object()) {
    error = "a visit is a JSON object";
    return false;
  }
  for (const auto& [key, ignored] : body.members()) {
    if (key != "date" && key != "kind" && key != "note" && key != "base_version" && key != "changes") {
      error = "a visit has no field \"" + key + "\"";
      return false;
    }
  }
  const JsonValue* date = body.Find("date");
  auto parsed = date != nullptr && date->is_string() ? Date::Parse(date->text()) : std::nullopt;
  if (!parsed) {
    error = "date is required, YYYY-MM-DD";
    return false;
  }
  if (*parsed > today) {
    error = "date " + date->text() + " is after today (" + today.ToString() + ")";
    return false;
  }
  out.date = *parsed;
  const JsonValue* kind = body.Find("kind");
  if (kind == nullptr || !kind->is_string() ||
      (kind->text() != "monthly" && kind->text() != "review" && kind->text() != "application" && kind->text() != "other")) {
    error = "kind is monthly, review, application or other";
    return false;
  }
  out.kind = kind->text();
  const JsonValue* note = body.Find("note");
  if (note != nullptr && !note->is_string() && !note->is_null()) {
    error = "note is a string";
    return false;
  }
  out.note = note != nullptr && note->is_string() ? note->text() : "";
  auto base = VisitBaseVersion(body);
  if (!base) {
    error = "base_version is required: the version of the household the visit was made on";
    return false;
  }
  out.base_version = *base;
  return ParseChanges(body.Find("changes"), out, error);
}

namespace {

std::string ErrorObject(const std::string& household, const std::string& path, const std::string& code,
                        const std::string& message, std::optional<std::size_t> change) {
  ReadResult r;
  r.household_id = household;
  r.errors.push_back({path, code, message});
  std::string out;
  AppendErrorJson(std::nullopt, r, out);
  out.pop_back();
  out += ",\"change\":" + (change ? std::to_string(*change) : std::string("null")) + "}";
  return out;
}

// What a visit may not change: the household's id, its enrolments, and — but for a supervisor moving it within
// their regions, or an admin — its region and grid.
std::optional<std::string> Forbidden(const std::string& first_step, const Change& change, const User& user) {
  if (first_step == "id" || first_step == "enrolments") return first_step + " cannot be changed by a visit";
  if (first_step != "region" && first_step != "grid") return std::nullopt;
  if (user.role == Role::kAdmin) return std::nullopt;
  if (user.role == Role::kCaseworker) return first_step + " is changed by a supervisor, not by a caseworker's visit";
  if (first_step == "region" && (change.remove || !change.value.is_string() || !InScope(user, "", change.value.text())))
    return "a supervisor moves a household only within their regions";
  return std::nullopt;
}

// A review sets each enrolment's last_review to the later of its current value (or `since`) and the visit date.
void ApplyReview(JsonValue& doc, Date date) {
  JsonValue* enrolments = doc.Find("enrolments");
  if (enrolments == nullptr || !enrolments->is_array()) return;
  for (JsonValue& e : enrolments->items()) {
    if (!e.is_object()) continue;
    const JsonValue* current = e.Find("last_review");
    if (current == nullptr || !current->is_string()) current = e.Find("since");
    auto was = current != nullptr && current->is_string() ? Date::Parse(current->text()) : std::nullopt;
    if (!was || *was < date) e.Set("last_review", JsonValue::String(date.ToString()));
  }
}

// The change to blame for a validation error: the last one whose path leads to or into the error's path.
std::optional<std::size_t> Blame(const Visit& visit, const std::string& error_path) {
  for (std::size_t i = visit.changes.size(); i-- > 0;) {
    const std::string& p = visit.changes[i].path;
    auto prefix = [](const std::string& a, const std::string& b) {
      return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '.' || b[a.size()] == '[');
    };
    if (prefix(p, error_path) || prefix(error_path, p)) return i;
  }
  if (visit.changes.size() == 1) return 0;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ApplyVisit(JsonValue doc, const Visit& visit, const User& user, HouseholdReader& reader,
                                      Household& household, VisitError& error) {
  const JsonValue* id_value = doc.Find("id");
  const std::string household_id = id_value != nullptr && id_value->is_string() ? id_value->text() : "";
  std::vector<PathStep> steps;
  for (std::size_t i = 0; i < visit.changes.size(); ++i) {
    const Change& change = visit.changes[i];
    std::string problem;
    if (!ParsePath(change.path, steps, problem)) {
      error.json = ErrorObject(household_id, change.path, "bad_path", change.path + ": " + problem, i);
      return std::nullopt;
    }
    if (auto forbidden = Forbidden(steps[0].key, change, user)) {
      error.json = ErrorObject(household_id, change.path, "immutable_field", change.path + ": " + *forbidden, i);
      return std::nullopt;
    }
    if (!ApplyChange(doc, change, problem)) {
      error.json = ErrorObject(household_id, change.path, "bad_change", change.path + ": " + problem, i);
      return std::nullopt;
    }
  }
  if (visit.kind == "review") ApplyReview(doc, visit.date);
  std::string text = doc.Dump();
  ReadResult r = reader.ReadJson(text, household);
  if (!r.ok) {
    std::string out;
    AppendErrorJson(std::nullopt, r, out);
    out.pop_back();
    auto blame = r.errors.empty() ? std::nullopt : Blame(visit, r.errors.front().path);
    out += ",\"change\":" + (blame ? std::to_string(*blame) : std::string("null")) + "}";
    error.json = std::move(out);
    return std::nullopt;
  }
  return text;
}

std::string VisitJson(const Visit& visit, int64_t id, const std::string& user, const std::string& recorded_at, int64_t version) {
  std::string out = "{\"id\":" + std::to_string(id) + ",\"user\":";
  AppendJsonString(user, out);
  out += ",\"recorded_at\":";
  AppendJsonString(recorded_at, out);
  out += ",\"version\":" + std::to_string(version) + ",\"date\":\"" + visit.date.ToString() + "\",\"kind\":";
  AppendJsonString(visit.kind, out);
  out += ",\"note\":";
  AppendJsonString(visit.note, out);
  out += ",\"base_version\":" + std::to_string(visit.base_version) + ",\"changes\":[";
  for (std::size_t i = 0; i < visit.changes.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"path\":";
    AppendJsonString(visit.changes[i].path, out);
    if (visit.changes[i].remove) {
      out += ",\"remove\":true}";
    } else {
      out += ",\"value\":";
      visit.changes[i].value.AppendTo(out);
      out += '}';
    }
  }
  out += "]}";
  return out;
}

}  // namespace jiuzhu::server
