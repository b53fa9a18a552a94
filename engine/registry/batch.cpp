// `batch`: the monthly run (registry.md). A run is found or started by (as_of, rules_version); households are
// read in id order in chunks, evaluated by a pool of workers while the main thread reads the next chunk and
// commits the previous one. Each chunk commits its decisions in one transaction, so a run killed at any moment
// resumes from what was committed: the same command completes it, every household decided exactly once.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "jiuzhu/decision_writer.h"
#include "pack/raw_pack.h"
#include "registry/batch_summary.h"
#include "registry/batch_worker.h"
#include "registry/sqlite_registry.h"

namespace jiuzhu::registry {
namespace {

constexpr int kChunk = 4096;

// Workers wait for a chunk, take households by an atomic index, and signal when the chunk is done.
class WorkerPool {
 public:
  WorkerPool(int threads, std::shared_ptr<const RulePack> pack, const DecisionCodec& codec, const RunContext& context) {
    for (int i = 0; i < threads; ++i) workers_.push_back(std::make_unique<BatchWorker>(pack, codec, context));
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this, i] { Loop(*workers_[i]); });
  }
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

  void Start(const std::vector<HouseholdInput>* in, std::vector<HouseholdOutcome>* out, size_t n) {
    std::lock_guard lock(mutex_);
    in_ = in;
    out_ = out;
    n_ = n;
    next_ = 0;
    remaining_ = static_cast<int>(threads_.size());
    ++generation_;
    wake_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return remaining_ == 0; });
  }

 private:
  void Loop(BatchWorker& worker) {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
      }
      for (size_t i; (i = next_.fetch_add(1)) < n_;) worker.Process((*in_)[i], (*out_)[i]);
      std::lock_guard lock(mutex_);
      if (--remaining_ == 0) done_.notify_all();
    }
  }

  std::vector<std::unique_ptr<BatchWorker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::vector<HouseholdInput>* in_ = nullptr;
  std::vector<HouseholdOutcome>* out_ = nullptr;
  size_t n_ = 0;
  std::atomic<size_t> next_{0};
  int remaining_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

std::string PackFilesJson(const std::string& dir) {
  std::string json = "{";
  for (const std::string& path : pack::ListFiles(dir, ".yaml")) {
    std::string text;
    pack::ReadFile(path, text);
    if (json.size() > 1) json += ',';
    AppendJsonString(path.substr(path.find_last_of('/') + 1), json);
    json += ':';
    AppendJsonString(text, json);
  }
  return json + "}";
}

void LoadRecords(Database& db, RunContext& context) {
  Statement q = db.Prepare("SELECT source, person_id, kind, date, value, line FROM records WHERE date <= ? ORDER BY seq");
  q.Bind(1, context.as_of.ToString());
  while (q.Step()) {
    Record r;
    r.source = q.Text(0);
    r.person_id = q.Text(1);
    r.kind = q.Text(2);
    r.date = Date::Parse(q.Text(3)).value_or(Date());
    r.value = q.Text(4);
    r.line = q.Int(5);
    context.records_by_person[r.person_id].push_back(std::move(r));
  }
}

void LoadProposals(Database& db, RunContext& context) {
  Statement q = db.Prepare("SELECT household_id, enrolment_since, until FROM phase_out_proposals");
  while (q.Step()) {
    auto since = Date::Parse(q.Text(1));
    auto until = Date::Parse(q.Text(2));
    if (since && until) context.proposals[std::string(q.Text(0))].emplace_back(*since, *until);
  }
}

class RunWriter {
 public:
  RunWriter(Database& db, int64_t run)
      : db_(db), run_(run),
        decision_(db.Prepare("INSERT OR IGNORE INTO decisions(run_id, household_id, version, flags, body) VALUES (?, ?, ?, ?, ?)")),
        flag_(db.Prepare("INSERT OR IGNORE INTO run_flags(run_id, household_id, seq, code, program, member, region, grid, amount_now, amount_new, message) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
        quarantine_(db.Prepare("INSERT OR IGNORE INTO quarantine(run_id, household_id, error) VALUES (?, ?, ?)")),
        proposal_(db.Prepare("INSERT OR IGNORE INTO phase_out_proposals(household_id, enrolment_since, until, proposed_on, run_id) VALUES (?, ?, ?, ?, ?)")) {}

  void Write(const std::vector<HouseholdOutcome>& outcomes, size_t n, Date as_of) {
    Transaction tx(db_);
    for (size_t i = 0; i < n; ++i) WriteOne(outcomes[i], as_of);
    tx.Commit();
  }

 private:
  void WriteOne(const HouseholdOutcome& o, Date as_of) {
    if (o.quarantined) {
      quarantine_.Bind(1, run_).Bind(2, o.id).Bind(3, o.error_json).Run();
      return;
    }
    decision_.Bind(1, run_).Bind(2, o.id).Bind(3, o.version).Bind(4, o.flag_codes).BindBlob(5, o.body).Run();
    for (const FlagRow& f : o.flags) {
      flag_.Bind(1, run_).Bind(2, o.id).Bind(3, static_cast<int64_t>(f.seq)).Bind(4, f.code).Bind(5, f.program)
          .Bind(6, f.member).Bind(7, o.region);
      if (o.grid.empty()) flag_.BindNull(8); else flag_.Bind(8, o.grid);
      if (f.amount_now) flag_.Bind(9, f.amount_now->ToFixed2()); else flag_.BindNull(9);
      if (f.amount_new) flag_.Bind(10, f.amount_new->ToFixed2()); else flag_.BindNull(10);
      flag_.Bind(11, f.message).Run();
    }
    for (const auto& [since, until] : o.new_proposals)
      proposal_.Bind(1, o.id).Bind(2, since.ToString()).Bind(3, until.ToString()).Bind(4, as_of.ToString()).Bind(5, run_).Run();
  }

  Database& db_;
  int64_t run_;
  Statement decision_, flag_, quarantine_, proposal_;
};

// Reads the next chunk of households after `after` in id order.
size_t ReadChunk(Statement& q, const std::string& after, std::vector<HouseholdInput>& chunk) {
  q.Bind(1, after).Bind(2, static_cast<int64_t>(kChunk));
  size_t n = 0;
  while (q.Step()) {
    if (chunk.size() <= n) chunk.emplace_back();
    HouseholdInput& h = chunk[n++];
    h.id = q.Text(0);
    h.version = q.Int(1);
    h.doc = q.Text(2);
  }
  return n;
}

// Chunks are committed in id order, so what a run has decided is a prefix of the households: an interrupted
// run resumes after the last id it committed.
std::string LastCommitted(Database& db, int64_t run) {
  Statement q = db.Prepare("SELECT max(coalesce((SELECT max(household_id) FROM decisions WHERE run_id = ?1), ''), "
                           "coalesce((SELECT max(household_id) FROM quarantine WHERE run_id = ?1), ''))");
  q.Bind(1, run);
  q.Step();
  return std::string(q.Text(0));
}

// Households not decided by this run, if any (one imported mid-run with a smaller id than the last committed).
bool HasGaps(Database& db, int64_t run) {
  Statement q = db.Prepare("SELECT (SELECT count(*) FROM households) > (SELECT count(*) FROM decisions WHERE run_id = ?1) + "
                           "(SELECT count(*) FROM quarantine WHERE run_id = ?1)");
  q.Bind(1, run);
  q.Step();
  return q.Int(0) != 0;
}

// Pipeline: while the workers evaluate one chunk, this thread reads the next and commits the previous.
void ProcessFrom(Statement& read, const std::string& after, WorkerPool& pool, RunWriter& writer, Date as_of,
                 const BatchOptions& options, int64_t& done, int64_t all) {
  std::vector<HouseholdInput> chunks[2];
  std::vector<HouseholdOutcome> outcomes[2];
  outcomes[0].resize(kChunk);
  outcomes[1].resize(kChunk);
  size_t n = ReadChunk(read, after, chunks[0]);
  int cur = 0;
  if (n > 0) pool.Start(&chunks[0], &outcomes[0], n);
  while (n > 0) {
    size_t next_n = ReadChunk(read, chunks[cur][n - 1].id, chunks[1 - cur]);
    pool.Wait();
    if (next_n > 0) pool.Start(&chunks[1 - cur], &outcomes[1 - cur], next_n);
    writer.Write(outcomes[cur], n, as_of);
    done += static_cast<int64_t>(n);
    if (options.progress) options.progress(std::min(done, all), all);
    cur = 1 - cur;
    n = next_n;
  }
}

}  // namespace

BatchReport SqliteRegistry::RunBatch(const BatchOptions& options, std::shared_ptr<const RulePack> pack,
                                     const std::string& pack_dir) {
  BatchReport report;
  const std::string version(RulesVersion(*pack));
  const std::string as_of = options.as_of.ToString();
  {
    Statement store = db_.Prepare("INSERT OR IGNORE INTO packs(rules_version, files, stored_at) VALUES (?, ?, ?)");
    store.Bind(1, version).Bind(2, PackFilesJson(pack_dir)).Bind(3, NowUtc()).Run();
  }
  Statement find = db_.Prepare("SELECT id, status FROM runs WHERE as_of = ? AND rules_version = ? ORDER BY id DESC LIMIT 1");
  find.Bind(1, as_of).Bind(2, version);
  if (!options.new_run && find.Step()) {
    report.run_id = find.Int(0);
    report.already_done = find.Text(1) == "done";
    report.resumed = !report.already_done;
  }
  find.Reset();
  if (report.run_id == 0) {
    Statement total = db_.Prepare("SELECT count(*) FROM households");
    total.Step();
    Statement create = db_.Prepare("INSERT INTO runs(as_of, rules_version, started_at, status, total) VALUES (?, ?, ?, 'running', ?)");
    create.Bind(1, as_of).Bind(2, version).Bind(3, NowUtc()).Bind(4, total.Int(0)).Run();
    report.run_id = db_.LastInsertId();
  }
  if (!report.already_done) {
    RunContext context;
    context.as_of = options.as_of;
    LoadRecords(db_, context);
    LoadProposals(db_, context);
    DecisionCodec codec(*pack);
    int threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    WorkerPool pool(threads, pack, codec, context);
    RunWriter writer(db_, report.run_id);
    Statement total = db_.Prepare("SELECT total, (SELECT count(*) FROM decisions WHERE run_id = ?1) + "
                                  "(SELECT count(*) FROM quarantine WHERE run_id = ?1) FROM runs WHERE id = ?1");
    total.Bind(1, report.run_id);
    total.Step();
    int64_t all = total.Int(0), done = total.Int(1);
    total.Reset();
    if (options.progress) options.progress(done, all);  // where this run starts (a resumed run: part-way)
    Statement in_order = db_.Prepare("SELECT id, version, doc FROM households WHERE id > ?1 ORDER BY id LIMIT ?2");
    ProcessFrom(in_order, LastCommitted(db_, report.run_id), pool, writer, options.as_of, options, done, all);
    if (HasGaps(db_, report.run_id)) {
      Statement missing = db_.Prepare(
          "SELECT h.id, h.version, h.doc FROM households h WHERE h.id > ?1 AND NOT EXISTS "
          "(SELECT 1 FROM decisions d WHERE d.run_id = " + std::to_string(report.run_id) + " AND d.household_id = h.id) "
          "AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.run_id = " + std::to_string(report.run_id) +
          " AND q.household_id = h.id) ORDER BY h.id LIMIT ?2");
      ProcessFrom(missing, "", pool, writer, options.as_of, options, done, all);
    }
    FinishRun(db_, report.run_id, options.as_of);
  }
  FillReport(db_, report);
  if (!options.worklists_dir.empty()) WriteRunWorklists(db_, report.run_id, options.worklists_dir);
  return report;
}

}  // namespace jiuzhu::registry
