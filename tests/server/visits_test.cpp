// A visit's changes on a stored household: order, exact numbers, what may not change, review dates, and the
// 422 error object with the change to blame.
#include <catch2/catch.hpp>

#include "server/visits.h"

using namespace jiuzhu::server;
using jiuzhu::Date;

namespace {

const char* kDoc =
    R"({"id":"H1","region":"510502","hukou":"urban","grid":"江阳-01","members":[{"id":"511002197612118639","name":"马帆","relation":"head","incomes":[{"kind":"wage","monthly":1199.76}]}],)"
    R"("enrolments":[{"program":"dibao","since":"2024-01-01","monthly":500,"last_review":"2025-03-01"},{"program":"dibao","member":"511002197612118639","since":"2025-06-01","monthly":100}]})";

JsonValue Json(const std::string& text) {
  std::string error;
  auto v = ParseJson(text, error);
  REQUIRE(v);
  return *v;
}

Visit MakeVisit(const std::string& body) {
  Visit v;
  std::string error;
  REQUIRE(ParseVisit(Json(body), *Date::Parse("2025-07-31"), v, error));
  return v;
}

struct Applied {
  std::optional<std::string> doc;
  std::string error;
};

Applied Apply(const std::string& visit, const User& user) {
  jiuzhu::HouseholdReader reader;
  jiuzhu::Household h;
  VisitError error;
  Applied a;
  a.doc = ApplyVisit(Json(kDoc), MakeVisit(visit), user, reader, h, error);
  a.error = error.json;
  return a;
}

const User kCaseworker{"cw", Role::kCaseworker, {"江阳-01"}, {}, false, 1};
const User kSupervisor{"sv", Role::kSupervisor, {}, {"510500"}, false, 1};

}  // namespace

TEST_CASE("a visit's changes apply in order and keep money exact", "[server][visits]") {
  Applied a = Apply(R"({"date":"2025-07-02","kind":"monthly","base_version":1,"changes":[
      {"path":"members[0].incomes[0].monthly","value":1150.10},
      {"path":"members[0].incomes[1]","value":{"kind":"pension","monthly":0.1}},
      {"path":"members[0].incomes[0]","remove":true}]})", kCaseworker);
  REQUIRE(a.doc);
  CHECK(a.doc->find(R"("incomes":[{"kind":"pension","monthly":0.1}])") != std::string::npos);
  CHECK(a.doc->find("last_review\":\"2025-03-01") != std::string::npos);  // not a review: unchanged
}

TEST_CASE("a review visit moves last_review forward, never back", "[server][visits]") {
  Applied a = Apply(R"({"date":"2025-05-10","kind":"review","base_version":1,"changes":[]})", kCaseworker);
  REQUIRE(a.doc);
  // The first enrolment reviewed 2025-03-01 -> 2025-05-10; the second started 2025-06-01 (its last_review defaults
  // to since, later than the visit) stays without one written.
  CHECK(a.doc->find(R"("last_review":"2025-05-10")") != std::string::npos);
  CHECK(a.doc->find(R"("since":"2025-06-01","monthly":100})") != std::string::npos);
}

TEST_CASE("id, enrolments, region and grid are not a caseworker's to change", "[server][visits]") {
  for (const char* path : {"id", "enrolments[0].monthly", "region", "grid"}) {
    INFO(path);
    Applied a = Apply(std::string(R"({"date":"2025-07-02","kind":"other","base_version":1,"changes":[{"path":"members[0].name","value":"x"},{"path":")") +
                          path + R"(","value":"510502"}]})", kCaseworker);
    CHECK_FALSE(a.doc);
    CHECK(a.error.find(R"("code":"immutable_field")") != std::string::npos);
    CHECK(a.error.find(R"("change":1)") != std::string::npos);
    CHECK(a.error.starts_with(R"({"line":null,)"));
  }
  // A supervisor moves a household within their regions, not out of them.
  CHECK(Apply(R"({"date":"2025-07-02","kind":"other","base_version":1,"changes":[{"path":"region","value":"510521"},{"path":"grid","value":"泸县-01"}]})", kSupervisor).doc);
  CHECK_FALSE(Apply(R"({"date":"2025-07-02","kind":"other","base_version":1,"changes":[{"path":"region","value":"511002"}]})", kSupervisor).doc);
}

TEST_CASE("a change that breaks household.md refuses the visit, naming the change", "[server][visits]") {
  Applied a = Apply(R"({"date":"2025-07-02","kind":"monthly","base_version":1,"changes":[
      {"path":"note_not_a_field","remove":true},
      {"path":"members[0].incomes[0].monthly","value":-5}]})", kCaseworker);
  REQUIRE_FALSE(a.doc);
  CHECK(a.error.find(R"("household":"H1","path":"members[0].incomes[0].monthly")") != std::string::npos);
  CHECK(a.error.find(R"("change":1})") != std::string::npos);
  Applied unknown = Apply(R"({"date":"2025-07-02","kind":"monthly","base_version":1,"changes":[{"path":"members[0].salary","value":1}]})", kCaseworker);
  CHECK(unknown.error.find(R"("code":"unknown_field")") != std::string::npos);
  CHECK(unknown.error.find(R"("change":0})") != std::string::npos);
}

TEST_CASE("a visit body is checked: date not after today, kind, base_version", "[server][visits]") {
  Visit v;
  std::string error;
  const Date today = *Date::Parse("2025-07-31");
  CHECK_FALSE(ParseVisit(Json(R"({"date":"2025-08-01","kind":"monthly","base_version":1})"), today, v, error));
  CHECK(error.find("after today") != std::string::npos);
  CHECK_FALSE(ParseVisit(Json(R"({"date":"2025-07-01","kind":"weekly","base_version":1})"), today, v, error));
  CHECK_FALSE(ParseVisit(Json(R"({"date":"2025-07-01","kind":"monthly"})"), today, v, error));
  CHECK_FALSE(ParseVisit(Json(R"({"date":"2025-07-01","kind":"monthly","base_version":1,"changes":[{"path":"a"}]})"), today, v, error));
  CHECK(ParseVisit(Json(R"({"date":"2025-07-31","kind":"monthly","base_version":3,"note":"ok"})"), today, v, error));
  CHECK(v.base_version == 3);
}
