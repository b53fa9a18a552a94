// A visit (走访记录, http.md "Visits") as data: its parsed form, and its changes applied to a stored household
// document — path changes in order, the fields a visit may not change, a review's last_review, and validation
// as household.md. Storage and HTTP are in handlers_visits.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/household_reader.h"
#include "server/json_dom.h"
#include "server/json_patch.h"
#include "server/scope.h"

namespace jiuzhu::server {

struct Visit {
  Date date;
  std::string kind;  // monthly, review, application, other
  std::string note;
  int64_t base_version = 0;
  std::vector<Change> changes;
};

// base_version alone, when it is an integer: a stale one is 409 before anything else about the visit is judged.
std::optional<int64_t> VisitBaseVersion(const JsonValue& body);

// false with `error` set (a 422 bad_visit) when the body is not a Visit or its date is after `today`.
bool ParseVisit(const JsonValue& body, Date today, Visit& out, std::string& error);

// Why a visit is refused (422): the error object of cli.md with `line` null and `"change": i` (null when no one
// change is to blame).
struct VisitError {
  std::string json;
};

// Applies `visit` to `doc` (the stored household) as `user` may, then validates the result with `reader` into
// `household`. Returns the new document text, or nullopt with `error` set.
std::optional<std::string> ApplyVisit(JsonValue doc, const Visit& visit, const User& user, HouseholdReader& reader,
                                      Household& household, VisitError& error);

// The stored Visit: what was sent plus id, user, recorded_at and the version it made.
std::string VisitJson(const Visit& visit, int64_t id, const std::string& user, const std::string& recorded_at, int64_t version);

}  // namespace jiuzhu::server
