#include "registry/batch_reading.h"

namespace jiuzhu::registry {

UnmatchedRecords FindUnmatchedRecords(Database& db, Date as_of) {
  Statement records = db.Prepare("SELECT r.person_id, r.source, r.kind, r.date, r.file, r.line FROM records r "
                                 "WHERE r.date <= ? AND NOT EXISTS (SELECT 1 FROM record_households x WHERE x.seq = r.seq) "
                                 "ORDER BY r.seq");
  UnmatchedRecords unmatched;
  records.Bind(1, as_of.ToString());
  while (records.Step()) {
    if (unmatched.count++ >= kUnmatchedListed) continue;
    unmatched.listed.push_back({std::string(records.Text(0)), std::string(records.Text(1)), std::string(records.Text(2)),
                                std::string(records.Text(3)), std::string(records.Text(4)), records.Int(5)});
  }
  return unmatched;
}

FactsReader::FactsReader(Database& db, Date as_of)
    : as_of_(as_of.ToString()),
      records_(db.Prepare("SELECT r.seq, r.source, r.person_id, r.kind, r.date, r.value, r.line "
                          "FROM record_households t JOIN records r ON r.seq = t.seq "
                          "WHERE t.household_id >= ?1 AND t.household_id <= ?2 AND r.date <= ?3 ORDER BY r.seq")),
      proposals_(db.Prepare("SELECT household_id, enrolment_since, until FROM phase_out_proposals "
                            "WHERE household_id >= ?1 AND household_id <= ?2")) {}

void FactsReader::Read(const std::string& first, const std::string& last, ChunkFacts& facts) {
  facts.Clear();
  records_.Bind(1, first).Bind(2, last).Bind(3, as_of_);
  while (records_.Step()) {
    Record r;
    r.source = records_.Text(1);
    r.person_id = records_.Text(2);
    r.kind = records_.Text(3);
    r.date = Date::Parse(records_.Text(4)).value_or(Date());
    r.value = records_.Text(5);
    r.line = records_.Int(6);
    facts.records_by_person[r.person_id].push_back(std::move(r));
  }
  proposals_.Bind(1, first).Bind(2, last);
  while (proposals_.Step()) {
    auto since = Date::Parse(proposals_.Text(1));
    auto until = Date::Parse(proposals_.Text(2));
    if (since && until) facts.proposals[std::string(proposals_.Text(0))].emplace_back(*since, *until);
  }
}

void DocumentReader::Read(HouseholdInput& h) {
  query_.Bind(1, h.id);
  h.facts.clear();
  h.doc.clear();
  if (query_.Step()) {
    h.version = query_.Int(0);
    h.doc = query_.Text(1);
  }
  query_.Reset();
}

size_t ReadChunk(HouseholdQuery& query, const std::optional<std::string>& after, int size, std::vector<HouseholdInput>& chunk) {
  Statement& q = after ? query.after : query.from_start;
  if (after) q.Bind(1, *after);
  q.Bind(2, static_cast<int64_t>(std::min(size, kChunk)));
  size_t n = 0;
  while (q.Step()) {
    if (chunk.size() <= n) chunk.emplace_back();
    HouseholdInput& h = chunk[n++];
    h.id = q.Text(0);
    h.version = q.Int(1);
    if (q.IsNull(2)) h.doc.clear(); else h.doc = q.Text(2);
    if (q.IsNull(3)) h.facts.clear(); else h.facts = q.Blob(3);
  }
  return n;
}

}  // namespace jiuzhu::registry
