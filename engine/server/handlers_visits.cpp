// POST /api/households/{id}/visits: in one BEGIN IMMEDIATE transaction, compare base_version with the stored
// version (409 when another change came first, nothing stored), apply the changes, validate, screen as of the
// visit date, and store the new document (version + 1), its history row, the visit with its Decision and the
// audit entry — all or nothing. The transaction is short (one household), so a batch beside it is not held up.
#include "input/enum_names.h"
#include "jiuzhu/decision_writer.h"
#include "server/audit_log.h"
#include "server/handlers.h"
#include "server/visits.h"

namespace jiuzhu::server {

using registry::Database;
using registry::Statement;

namespace {

// The household row and its members/enrolments projections, as `registry import` writes them; the facts cache of
// the row is left stale on purpose (it is used only while its facts_version equals version).
void StoreHousehold(Database& db, const Household& h, const std::string& doc, int64_t version) {
  const Member* head = &h.members[0];
  for (const auto& m : h.members)
    if (m.relation == Relation::kHead) {
      head = &m;
      break;
    }
  Statement update = db.Prepare("UPDATE households SET region = ?, hukou = ?, grid = ?, head_name = ?, head_id = ?, version = ?, doc = ? WHERE id = ?");
  update.Bind(1, h.region).Bind(2, Name(h.hukou));
  if (h.grid.empty()) update.BindNull(3); else update.Bind(3, h.grid);
  update.Bind(4, head->name).Bind(5, head->id).Bind(6, version).Bind(7, doc).Bind(8, h.id).Run();
  db.Prepare("DELETE FROM members WHERE household_id = ?").Bind(1, h.id).Run();
  db.Prepare("DELETE FROM enrolments WHERE household_id = ?").Bind(1, h.id).Run();
  Statement member = db.Prepare("INSERT INTO members(household_id, idx, id, name, relation) VALUES (?, ?, ?, ?, ?)");
  for (size_t i = 0; i < h.members.size(); ++i)
    member.Bind(1, h.id).Bind(2, static_cast<int64_t>(i)).Bind(3, h.members[i].id).Bind(4, h.members[i].name)
        .Bind(5, Name(h.members[i].relation)).Run();
  Statement enrolment = db.Prepare("INSERT INTO enrolments(household_id, idx, program, member, since, monthly, last_review, phase_out_until) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < h.enrolments.size(); ++i) {
    const Enrolment& e = h.enrolments[i];
    enrolment.Bind(1, h.id).Bind(2, static_cast<int64_t>(i)).Bind(3, e.program);
    if (e.member.empty()) enrolment.BindNull(4); else enrolment.Bind(4, e.member);
    enrolment.Bind(5, e.since.ToString()).Bind(6, e.monthly.ToFixed2()).Bind(7, e.last_review.ToString());
    if (e.phase_out_until) enrolment.Bind(8, e.phase_out_until->ToString()); else enrolment.BindNull(8);
    enrolment.Run();
  }
}

// A refusal: the transaction rolls back; the caller audits it afterwards so that the entry is kept.
Response Refuse(std::string& why_out, Response r, const std::string& why) {
  why_out = why;
  return r;
}

Response Unprocessable(std::string& why_out, std::string body, const std::string& why) {
  Response r;
  r.status = 422;
  r.body = std::move(body);
  return Refuse(why_out, std::move(r), why);
}

Response StoreVisit(Call& call, std::string& why);

}  // namespace

std::optional<Response> ValidateVisit(Call& /*call*/) { return std::nullopt; }

Response HandleVisit(Call& call) {
  std::string why;
  Response r = StoreVisit(call, why);
  if (r.status != 200) call.Audit("visit", call.params[0], r.status, "refused: " + why);
  return r;
}

namespace {

Response StoreVisit(Call& call, std::string& why) {
  const std::string& id = call.params[0];
  Database& db = call.worker.db;
  registry::Transaction tx(db);
  Statement row = db.Prepare("SELECT coalesce(grid, ''), region, version, doc FROM households WHERE id = ?");
  row.Bind(1, id);
  if (!row.Step() || !InScope(call.session->user, row.Text(0), row.Text(1)))
    return Refuse(why, ErrorResponse(404, "not_found", "no such household"), "not found");
  const int64_t version = row.Int(2);
  const std::string stored(row.Text(3));
  row.Reset();
  if (auto base = VisitBaseVersion(*call.json); base && *base != version)
    return Refuse(why, ErrorResponse(409, "stale_version", "the household changed since version " + std::to_string(*base) +
                                                                  " (now " + std::to_string(version) + "): reload it and record the visit again"),
                  "stale base_version");
  Visit visit;
  std::string error;
  if (!ParseVisit(*call.json, call.service.config().today(), visit, error))
    return Unprocessable(why, ErrorResponse(422, "bad_visit", error).body, "bad visit");
  std::optional<JsonValue> doc = ParseJson(stored, error);
  if (!doc) return Refuse(why, ErrorResponse(500, "corrupt_household", "the stored household is not JSON"), "corrupt");
  Worker& w = call.worker;
  VisitError refused;
  std::optional<std::string> text = ApplyVisit(std::move(*doc), visit, call.session->user, w.reader, w.household, refused);
  if (!text) return Unprocessable(why, refused.json, "invalid change");

  w.screener.Screen(w.household, visit.date, ReasonsMode::kAll, w.decision);
  std::string decision;
  AppendDecisionJson(w.decision, decision);
  const int64_t new_version = version + 1;
  StoreHousehold(db, w.household, *text, new_version);
  db.Prepare("INSERT INTO household_history(household_id, version, source, recorded_at, doc_before, doc_after) VALUES (?, ?, 'visit', ?, ?, ?)")
      .Bind(1, id).Bind(2, new_version).Bind(3, call.now_iso).Bind(4, stored).Bind(5, *text).Run();
  std::optional<RunRef> run = LatestRun(db);
  Statement insert = db.Prepare("INSERT INTO visits(household_id, user, date, kind, base_version, version, recorded_at, after_run, visit, decision) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?)");
  insert.Bind(1, id).Bind(2, call.session->user.name).Bind(3, visit.date.ToString()).Bind(4, visit.kind).Bind(5, visit.base_version)
      .Bind(6, new_version).Bind(7, call.now_iso).Bind(8, run ? run->id : int64_t{0}).Bind(9, decision).Run();
  const int64_t visit_id = db.LastInsertId();
  std::string stored_visit = VisitJson(visit, visit_id, call.session->user.name, call.now_iso, new_version);
  db.Prepare("UPDATE visits SET visit = ? WHERE id = ?").Bind(1, stored_visit).Bind(2, visit_id).Run();
  call.Audit("visit", id, 200, "stored visit " + std::to_string(visit_id) + ", version " + std::to_string(new_version));
  tx.Commit();
  Response r;
  r.body = "{\"visit\":" + stored_visit + ",\"decision\":" + decision + ",\"version\":" + std::to_string(new_version) + "}";
  return r;
}

}  // namespace

}  // namespace jiuzhu::server
