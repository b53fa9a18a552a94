#include "registry/batch_reading.h"

namespace jiuzhu::registry {

UnmatchedRecords IndexRecordsByHousehold(Database& db, Date as_of) {
  db.Exec("CREATE TEMP TABLE IF NOT EXISTS batch_records (household_id TEXT NOT NULL, seq INTEGER NOT NULL, "
          "PRIMARY KEY (household_id, seq)) WITHOUT ROWID");
  db.Exec("DELETE FROM temp.batch_records");
  // LEFT JOIN keeps records as the outer loop, in file order: one look-up per record, whatever the planner would
  // guess, and a record with no member comes out once with a NULL household.
  Statement records = db.Prepare("SELECT r.seq, m.household_id, r.person_id, r.source, r.kind, r.date, r.file, r.line "
                                 "FROM records r LEFT JOIN members m ON m.id = r.person_id WHERE r.date <= ? ORDER BY r.seq");
  Statement index = db.Prepare("INSERT OR IGNORE INTO temp.batch_records(household_id, seq) VALUES (?, ?)");
  UnmatchedRecords unmatched;
  Transaction tx(db, "BEGIN");  // one commit of the TEMP table, not one per record
  records.Bind(1, as_of.ToString());
  while (records.Step()) {
    if (!records.IsNull(1)) {
      index.Bind(1, records.Text(1)).Bind(2, records.Int(0)).Run();
      continue;
    }
    if (unmatched.count++ >= kUnmatchedListed) continue;
    unmatched.listed.push_back({std::string(records.Text(2)), std::string(records.Text(3)), std::string(records.Text(4)),
                                std::string(records.Text(5)), std::string(records.Text(6)), records.Int(7)});
  }
  tx.Commit();
  return unmatched;
}

FactsReader::FactsReader(Database& db)
    : records_(db.Prepare("SELECT r.seq, r.source, r.person_id, r.kind, r.date, r.value, r.line "
                          "FROM temp.batch_records t JOIN records r ON r.seq = t.seq "
                          "WHERE t.household_id >= ?1 AND t.household_id <= ?2 ORDER BY r.seq")),
      proposals_(db.Prepare("SELECT household_id, enrolment_since, until FROM phase_out_proposals "
                            "WHERE household_id >= ?1 AND household_id <= ?2")) {}

void FactsReader::Read(const std::string& first, const std::string& last, ChunkFacts& facts) {
  facts.Clear();
  records_.Bind(1, first).Bind(2, last);
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

size_t ReadChunk(HouseholdQuery& query, const std::optional<std::string>& after, std::vector<HouseholdInput>& chunk) {
  Statement& q = after ? query.after : query.from_start;
  if (after) q.Bind(1, *after);
  q.Bind(2, static_cast<int64_t>(kChunk));
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
