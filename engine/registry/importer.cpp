// `registry import`: JSON Lines of households (household.md) → the households table, insert or replace by id,
// with the members and enrolments projections. Every line is validated exactly as `screen` validates; a bad line
// is reported and skipped. Commits every few thousand lines, so a huge file does not hold one giant transaction.
#include <cstdlib>
#include <ctime>

#include "input/enum_names.h"
#include "registry/facts_codec.h"
#include "registry/schema.h"
#include "registry/sqlite_registry.h"

namespace jiuzhu::registry {

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void ForEachLine(std::FILE* in, const std::function<void(int64_t, std::string_view)>& fn) {
  char* buffer = nullptr;
  size_t capacity = 0;
  int64_t number = 0;
  ssize_t length;
  while ((length = getline(&buffer, &capacity, in)) >= 0) {
    std::string_view line(buffer, static_cast<size_t>(length));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    fn(++number, line);
  }
  std::free(buffer);
}

SqliteRegistry::SqliteRegistry(const std::string& path, bool create) : db_(path, create) { EnsureSchema(db_); }

namespace {

constexpr int kCommitEvery = 50000;  // larger transactions: fewer WAL commits and checkpoints

class HouseholdWriter {
 public:
  explicit HouseholdWriter(Database& db)
      : version_(db.Prepare("SELECT version FROM households WHERE id = ?")),
        upsert_(db.Prepare("INSERT OR REPLACE INTO households(id, region, hukou, grid, head_name, head_id, version, doc, imported_at, "
                           "facts, facts_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?7)")),
        drop_members_(db.Prepare("DELETE FROM members WHERE household_id = ?")),
        drop_enrolments_(db.Prepare("DELETE FROM enrolments WHERE household_id = ?")),
        member_(db.Prepare("INSERT INTO members(household_id, idx, id, name, relation) VALUES (?, ?, ?, ?, ?)")),
        enrolment_(db.Prepare("INSERT INTO enrolments(household_id, idx, program, member, since, monthly, last_review, phase_out_until) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
        now_(NowUtc()) {}

  // Returns true when the household replaced an earlier one.
  bool Write(const Household& h, std::string_view doc) {
    int64_t version = 1;
    version_.Bind(1, h.id);
    bool existed = version_.Step();
    if (existed) version = version_.Int(0) + 1;
    version_.Reset();
    if (existed) {
      drop_members_.Bind(1, h.id).Run();
      drop_enrolments_.Bind(1, h.id).Run();
    }
    const Member* head = &h.members[0];
    for (const auto& m : h.members) if (m.relation == Relation::kHead) { head = &m; break; }
    upsert_.Bind(1, h.id).Bind(2, h.region).Bind(3, Name(h.hukou));
    if (h.grid.empty()) upsert_.BindNull(4); else upsert_.Bind(4, h.grid);
    EncodeFacts(h, facts_);
    upsert_.Bind(5, head->name).Bind(6, head->id).Bind(7, version).Bind(8, doc).Bind(9, now_).BindBlob(10, facts_).Run();
    for (size_t i = 0; i < h.members.size(); ++i)
      member_.Bind(1, h.id).Bind(2, static_cast<int64_t>(i)).Bind(3, h.members[i].id).Bind(4, h.members[i].name)
          .Bind(5, Name(h.members[i].relation)).Run();
    for (size_t i = 0; i < h.enrolments.size(); ++i) WriteEnrolment(h, i);
    return existed;
  }

 private:
  void WriteEnrolment(const Household& h, size_t i) {
    const Enrolment& e = h.enrolments[i];
    enrolment_.Bind(1, h.id).Bind(2, static_cast<int64_t>(i)).Bind(3, e.program);
    if (e.member.empty()) enrolment_.BindNull(4); else enrolment_.Bind(4, e.member);
    enrolment_.Bind(5, e.since.ToString()).Bind(6, e.monthly.ToFixed2()).Bind(7, e.last_review.ToString());
    if (e.phase_out_until) enrolment_.Bind(8, e.phase_out_until->ToString()); else enrolment_.BindNull(8);
    enrolment_.Run();
  }

  Statement version_, upsert_, drop_members_, drop_enrolments_, member_, enrolment_;
  std::string now_;
  std::string facts_;  // the encoded facts, buffer reused
};

}  // namespace

ImportReport SqliteRegistry::ImportHouseholds(std::FILE* in, const std::function<void(int64_t, const ReadResult&)>& on_bad) {
  ImportReport report;
  HouseholdReader reader;
  Household h;
  ScopedPragma journals = TempStoreInMemory(db_);
  HouseholdWriter writer(db_);
  ChunkedTransaction tx(db_, kCommitEvery);
  ForEachLine(in, [&](int64_t number, std::string_view line) {
    report.lines = number;
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    ReadResult r = reader.ReadJson(line, h);
    if (!r.ok) {
      ++report.bad;
      on_bad(number, r);
      return;
    }
    if (writer.Write(h, line)) ++report.replaced; else ++report.inserted;
    tx.Tick();
  });
  tx.Finish();
  return report;
}

}  // namespace jiuzhu::registry
