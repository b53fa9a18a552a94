// `batch`: the monthly run (registry.md). A run is found or started by (as_of, rules_version); households are
// read in id order in chunks, evaluated by a pool of workers while the main thread reads the next chunk and
// commits the previous one. Each chunk commits its decisions in one transaction, so a run killed at any moment
// resumes from what was committed: the same command completes it, every household decided exactly once.
#include <algorithm>
#include <thread>

#include "jiuzhu/decision_writer.h"
#include "registry/batch_reading.h"
#include "registry/batch_summary.h"
#include "registry/sqlite_registry.h"
#include "registry/wal_checkpointer.h"

namespace jiuzhu::registry {
namespace {

using BatchPool = WorkerPool<BatchWorker, HouseholdOutcome>;

// The pack's files as JSON {name: text}, stored once per rules_version so that a run's decisions can be rendered
// again from the pack that made them. A local pack's files include its base's (RulePackSources), so the stored
// pack loads on its own.
std::string PackFilesJson(const RulePack& pack) {
  std::string json = "{";
  for (const auto& [name, text] : RulePackSources(pack)) {
    if (json.size() > 1) json += ',';
    AppendJsonString(name, json);
    json += ':';
    AppendJsonString(text, json);
  }
  return json + "}";
}

class RunWriter {
 public:
  // `totals` sums the flags written.
  RunWriter(Database& db, int64_t run, RunTotals& totals)
      : db_(db), run_(run), totals_(totals),
        decision_(db.Prepare("INSERT OR IGNORE INTO decisions(run_id, household_id, version, flags, body, region, grid, flag_rows) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
        quarantine_(db.Prepare("INSERT OR IGNORE INTO quarantine(run_id, household_id, error) VALUES (?, ?, ?)")),
        proposal_(db.Prepare("INSERT OR IGNORE INTO phase_out_proposals(household_id, enrolment_since, until, proposed_on, run_id) VALUES (?, ?, ?, ?, ?)")),
        counts_(db.Prepare("UPDATE runs SET decided = decided + ?1, quarantined = quarantined + ?2 WHERE id = ?3")) {}

  // One transaction per chunk, the run's counts with it: they always equal the rows committed.
  void Write(const std::vector<HouseholdOutcome>& outcomes, size_t n, Date as_of) {
    Transaction tx(db_);
    decided_ = quarantined_ = 0;
    for (size_t i = 0; i < n; ++i) WriteOne(outcomes[i], as_of);
    counts_.Bind(1, decided_).Bind(2, quarantined_).Bind(3, run_).Run();
    tx.Commit();
  }

 private:
  void WriteOne(const HouseholdOutcome& o, Date as_of) {
    if (o.quarantined) {
      quarantine_.Bind(1, run_).Bind(2, o.id).Bind(3, o.error_json).Run();
      quarantined_ += db_.Changes();
      return;
    }
    // Unowned binds: the outcome outlives each Run(), so SQLite need not copy every string of the chunk. The flags
    // go in the decision's own row (schema v6), not one row each: a run's time is in its rows more than its bytes.
    decision_.Bind(1, run_).BindUnowned(2, o.id).Bind(3, o.version).BindUnowned(4, o.flag_codes).BindBlobUnowned(5, o.body)
        .BindUnowned(6, o.region);
    if (o.grid.empty()) decision_.BindNull(7); else decision_.BindUnowned(7, o.grid);
    if (o.flag_rows.empty()) decision_.BindNull(8); else decision_.BindUnowned(8, o.flag_rows);
    decision_.Run();
    decided_ += db_.Changes();
    // RoundFen is the value of the ToFixed2 text stored, as RunTotals::AddStored reads it back.
    for (const FlagRow& f : o.flags)
      totals_.Add(f.code, o.region, o.id, f.amount_now ? f.amount_now->RoundFen() : 0, f.amount_new ? f.amount_new->RoundFen() : 0);
    for (const auto& [since, until] : o.new_proposals)
      proposal_.Bind(1, o.id).Bind(2, since.ToString()).Bind(3, until.ToString()).Bind(4, as_of.ToString()).Bind(5, run_).Run();
  }

  Database& db_;
  int64_t run_;
  RunTotals& totals_;
  Statement decision_, quarantine_, proposal_, counts_;
  int64_t decided_ = 0, quarantined_ = 0;  // rows this chunk inserted
};

// Chunks are committed in id order, so what a run has decided is a prefix of the households: an interrupted
// run resumes after the last id it committed (nullopt: nothing committed yet, start from the beginning).
std::optional<std::string> LastCommitted(Database& db, int64_t run) {
  Statement q = db.Prepare("SELECT max(household_id) FROM (SELECT household_id FROM decisions WHERE run_id = ?1 "
                           "UNION ALL SELECT household_id FROM quarantine WHERE run_id = ?1)");
  q.Bind(1, run);
  q.Step();
  if (q.IsNull(0)) return std::nullopt;
  return std::string(q.Text(0));
}

// The run's counts from its rows, once when a run resumes: every chunk's transaction adds its own (RunWriter), but
// a run begun by an earlier jiuzhu kept them at 0 until it finished.
void RecountRun(Database& db, int64_t run) {
  Statement q = db.Prepare("UPDATE runs SET decided = (SELECT count(*) FROM decisions WHERE run_id = ?1), "
                           "quarantined = (SELECT count(*) FROM quarantine WHERE run_id = ?1) WHERE id = ?1");
  q.Bind(1, run).Run();
}

// A batch reads every page it needs once (households, record_households and records, a count over
// households_by_grid) and appends what it writes, so a large page cache only costs fresh memory (page faults) and
// copies: 8 MiB holds the b-trees' upper levels. Imports insert into indexes at random; the connection's size comes back afterwards.
std::unique_ptr<ScopedPragma> BatchCacheSize(Database& db) {
  return std::make_unique<ScopedPragma>(db, "PRAGMA cache_size=-8192", "PRAGMA cache_size=-" + std::to_string(kPageCacheKiB));
}

// Households not decided by this run, if any (one imported mid-run with a smaller id than the last committed).
bool HasGaps(Database& db, int64_t run) {
  Statement q = db.Prepare("SELECT (SELECT count(*) FROM households) > decided + quarantined FROM runs WHERE id = ?1");
  q.Bind(1, run);
  q.Step();
  return q.Int(0) != 0;
}

// Stores every chunk of households after `after` as the pool finishes it (ProcessInOrder).
void ProcessFrom(HouseholdQuery& read, FactsReader& facts, DocumentReader& documents, const std::optional<std::string>& after,
                 BatchPool& pool, RunWriter& writer, Date as_of, const BatchOptions& options, int64_t& done, int64_t all) {
  ProcessInOrder(read, facts, documents, after, all - done, pool, [&](const Chunk<HouseholdOutcome>& chunk) {
    writer.Write(chunk.outcomes, chunk.n, as_of);
    done += static_cast<int64_t>(chunk.n);
    if (options.progress) options.progress(std::min(done, all), all);
    return true;
  });
}

}  // namespace

BatchReport SqliteRegistry::RunBatch(const BatchOptions& options, std::shared_ptr<const RulePack> pack) {
  BatchReport report;
  std::unique_ptr<ScopedPragma> cache = BatchCacheSize(db_);
  const std::string version(RulesVersion(*pack));
  const std::string as_of = options.as_of.ToString();
  {
    Statement store = db_.Prepare("INSERT OR IGNORE INTO packs(rules_version, files, stored_at) VALUES (?, ?, ?)");
    store.Bind(1, version).Bind(2, PackFilesJson(*pack)).Bind(3, NowUtc()).Run();
  }
  Statement find = db_.Prepare("SELECT id, status, body_format FROM runs WHERE as_of = ? AND rules_version = ? ORDER BY id DESC LIMIT 1");
  find.Bind(1, as_of).Bind(2, version);
  int body_format = kBodyFormat;
  if (!options.new_run && find.Step()) {
    report.run_id = find.Int(0);
    report.already_done = find.Text(1) == "done";
    report.resumed = !report.already_done;
    body_format = static_cast<int>(find.Int(2));
  }
  find.Reset();
  if (report.run_id == 0) {
    Statement total = db_.Prepare("SELECT count(*) FROM households");
    total.Step();
    Statement create = db_.Prepare("INSERT INTO runs(as_of, rules_version, started_at, status, total, body_format) "
                                   "VALUES (?, ?, ?, 'running', ?, ?)");
    create.Bind(1, as_of).Bind(2, version).Bind(3, NowUtc()).Bind(4, total.Int(0)).Bind(5, static_cast<int64_t>(body_format)).Run();
    report.run_id = db_.LastInsertId();
  }
  if (!report.already_done) {
    if (body_format != kBodyFormatV1 && body_format != kBodyFormatV2)
      throw DatabaseError("run " + std::to_string(report.run_id) + " stores its decisions in format " + std::to_string(body_format) +
                          ", which this jiuzhu does not write: upgrade jiuzhu");
    RunContext context;
    context.as_of = options.as_of;
    context.body_format = body_format;
    DecisionCodec codec(*pack);
    int threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<BatchWorker>> workers;
    workers.reserve(static_cast<size_t>(threads));
    for (int i = 0; i < threads; ++i) workers.push_back(std::make_unique<BatchWorker>(pack, codec, context));
    BatchPool pool(std::move(workers));
    RunTotals totals;
    RunWriter writer(db_, report.run_id, totals);
    if (report.resumed) {  // what the earlier process wrote; this one adds its own as it writes
      RecountRun(db_, report.run_id);
      totals.AddStored(db_, report.run_id);
    }
    Statement total = db_.Prepare("SELECT total, decided + quarantined FROM runs WHERE id = ?1");
    total.Bind(1, report.run_id);
    total.Step();
    int64_t all = total.Int(0), done = total.Int(1);
    total.Reset();
    if (options.progress) options.progress(done, all);  // where this run starts (a resumed run: part-way)
    HouseholdQuery in_order{
        db_.Prepare(kHouseholdColumns + "FROM households h ORDER BY h.id LIMIT ?2"),
        db_.Prepare(kHouseholdColumns + "FROM households h WHERE h.id > ?1 ORDER BY h.id LIMIT ?2")};
    FactsReader facts(db_, options.as_of);
    DocumentReader documents(db_);
    WalCheckpointer checkpointer(db_);
    ProcessFrom(in_order, facts, documents, LastCommitted(db_, report.run_id), pool, writer, options.as_of, options, done, all);
    if (HasGaps(db_, report.run_id)) {
      const std::string undecided = " NOT EXISTS (SELECT 1 FROM decisions d WHERE d.run_id = " + std::to_string(report.run_id) +
                                    " AND d.household_id = h.id) AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.run_id = " +
                                    std::to_string(report.run_id) + " AND q.household_id = h.id) ORDER BY h.id LIMIT ?2";
      HouseholdQuery missing{db_.Prepare(kHouseholdColumns + "FROM households h WHERE" + undecided),
                             db_.Prepare(kHouseholdColumns + "FROM households h WHERE h.id > ?1 AND" + undecided)};
      ProcessFrom(missing, facts, documents, std::nullopt, pool, writer, options.as_of, options, done, all);
    }
    FinishRun(db_, report.run_id, totals, FindUnmatchedRecords(db_, options.as_of));
  }
  FillReport(db_, report);
  cache.reset();  // the worklists sort a run's flags by grid: SQLite's sorter keeps as much in memory as the cache
  if (!options.worklists_dir.empty()) WriteRunWorklists(db_, report.run_id, options.worklists_dir);
  return report;
}

}  // namespace jiuzhu::registry
