// What a pass over the registry shares, whether it stores a run (batch.cpp) or only compares two packs
// (whatif_runner.cpp): households read in id order a chunk at a time, each chunk's departments' records and
// 渐退期 proposals, and a pool of workers that evaluates a chunk while the reading thread reads the next one and
// hands over the processed ones in order (ProcessInOrder).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "registry/batch_worker.h"
#include "registry/database.h"

namespace jiuzhu::registry {

inline constexpr int kChunk = 4096;

// How many households the next chunk reads: few at first, so that the workers start soon after the pass does, and
// few again towards the expected end, so that little is left to store once they have finished (the first and last
// chunks are the pass's serial part); kChunk in between.
class ChunkSizer {
 public:
  static constexpr int kFirst = 512;
  // `expected`: households the pass is expected to read; 0 when unknown (no slowing down at the end).
  explicit ChunkSizer(int64_t expected) : left_(expected), known_(expected > 0) {}
  int Next() {
    int size = ramp_;
    ramp_ = std::min(kChunk, ramp_ * 2);
    // More households than expected (imported during the pass) read at full size.
    if (known_ && left_ > 0) size = static_cast<int>(std::min<int64_t>(size, std::max<int64_t>(kFirst, left_ / 4)));
    return size;
  }
  void Read(size_t n) { left_ -= static_cast<int64_t>(n); }

 private:
  int ramp_ = kFirst;
  int64_t left_;
  bool known_;
};

// What a worker needs of a household (`households h`): its cached facts while they belong to its current version
// (schema v2), else its document. Not both: the document is most of a row's bytes, and copying it for nothing
// cost the reading thread more than any other step of reading a chunk.
inline const std::string kHouseholdColumns =
    "SELECT h.id, h.version, CASE WHEN h.facts_version = h.version AND h.facts IS NOT NULL THEN NULL ELSE h.doc END, "
    "CASE WHEN h.facts_version = h.version THEN h.facts END ";

// One piece of work for the pool: households [0, n) of `in`, or with `only` just those indexes (n = only->size()).
template <typename Outcome>
struct PoolJob {
  const std::vector<HouseholdInput>* in = nullptr;
  const ChunkFacts* facts = nullptr;
  std::vector<Outcome>* out = nullptr;
  size_t n = 0;
  const std::vector<uint32_t>* only = nullptr;

  // The pool's: the next index to take, the workers inside the job, and whether all have left it.
  std::atomic<size_t> next{0};
  int active = 0;     // under the pool's mutex
  bool done = true;   // under the pool's mutex
};

// Workers take households from the oldest submitted job that has any left, by an atomic index, so that a worker
// done with one chunk goes on with the next one already queued instead of waiting for the reading thread. A job is
// done when its households are all taken and every worker that took one has left it; from then on no worker
// touches it, so it may be refilled and submitted again. `Worker` has
// Process(const HouseholdInput&, const ChunkFacts&, Outcome&).
template <typename Worker, typename Outcome>
class WorkerPool {
 public:
  using Job = PoolJob<Outcome>;

  explicit WorkerPool(std::vector<std::unique_ptr<Worker>> workers) : workers_(std::move(workers)) {
    for (size_t i = 0; i < workers_.size(); ++i) threads_.emplace_back([this, i] { Loop(*workers_[i]); });
  }
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`, whose fields are set; it stays untouched by the caller until Wait(job) returns.
  void Submit(Job& job) {
    std::lock_guard lock(mutex_);
    job.next = 0;
    job.active = 0;
    job.done = job.n == 0;
    if (!job.done) queue_.push_back(&job);
    wake_.notify_all();
  }
  void Wait(Job& job) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return job.done; });
  }

 private:
  // The oldest job with households left to take (entered: counted active), or nullptr. REQUIRES: mutex_ held.
  Job* Enter() {
    while (!queue_.empty() && queue_.front()->next.load() >= queue_.front()->n) queue_.pop_front();
    if (queue_.empty()) return nullptr;
    ++queue_.front()->active;
    return queue_.front();
  }

  void Loop(Worker& worker) {
    for (;;) {
      Job* job = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || (job = Enter()) != nullptr; });
        if (stop_) return;
      }
      for (size_t i; (i = job->next.fetch_add(1)) < job->n;) {
        const size_t k = job->only ? (*job->only)[i] : i;
        worker.Process((*job->in)[k], *job->facts, (*job->out)[k]);
      }
      std::lock_guard lock(mutex_);
      // A worker leaves only once every index is taken, so the last to leave knows every household is done. The
      // job leaves the queue with it: once done, its owner may destroy it, and no worker may look at it again.
      if (--job->active == 0) {
        queue_.erase(std::remove(queue_.begin(), queue_.end(), job), queue_.end());
        job->done = true;
        done_.notify_all();
      }
    }
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::deque<Job*> queue_;
  bool stop_ = false;
};

// Departments' records dated on or before as_of whose person is no member of any household (the run's summary
// lists them): how many, and the first kUnmatchedListed in file order.
inline constexpr int kUnmatchedListed = 1000;
struct UnmatchedRecord {
  std::string person_id, source, kind, date, file;
  int64_t line = 0;
};
struct UnmatchedRecords {
  int64_t count = 0;
  std::vector<UnmatchedRecord> listed;
};

// The records dated on or before as_of whose person is no member of any household (record_households, kept by
// the schema's triggers, has no row for them): one pass over the records in file order.
UnmatchedRecords FindUnmatchedRecords(Database& db, Date as_of);

// Reads a chunk's facts: its members' records dated on or before as_of (by record_households), and the
// proposals of its households.
class FactsReader {
 public:
  FactsReader(Database& db, Date as_of);
  void Read(const std::string& first, const std::string& last, ChunkFacts& facts);

 private:
  std::string as_of_;
  Statement records_, proposals_;
};

// Households in id order, a chunk at a time: `from_start` for the first chunk (no lower bound: the empty string is
// a valid id), `after` for the ones that follow. Both select kHouseholdColumns with ?1 the lower bound and ?2
// the chunk size.
struct HouseholdQuery {
  Statement from_start;
  Statement after;
};

// Reads the next `size` (at most kChunk) households after `after` (from the start when nullopt) in id order.
size_t ReadChunk(HouseholdQuery& query, const std::optional<std::string>& after, int size, std::vector<HouseholdInput>& chunk);

// Reads a household's document when its cached facts turned out not to decode (a corrupt cache).
class DocumentReader {
 public:
  explicit DocumentReader(Database& db) : query_(db.Prepare("SELECT version, doc FROM households WHERE id = ?")) {}
  // Replaces `h`'s facts by its current document (empty when the household is gone, which the worker rejects).
  void Read(HouseholdInput& h);

 private:
  Statement query_;
};

template <typename Outcome>
struct Chunk {
  std::vector<HouseholdInput> households;
  ChunkFacts facts;
  std::vector<Outcome> outcomes;  // Outcome has `needs_document`
  size_t n = 0;
  PoolJob<Outcome> job;           // the chunk's households, for the pool
  std::vector<uint32_t> redo;     // households to decide again from their documents
  PoolJob<Outcome> redo_job;
};

// Points `job` at `chunk`'s households: the first n, or with `only` those indexes (n = only->size()).
template <typename Outcome>
void AimAt(Chunk<Outcome>& chunk, PoolJob<Outcome>& job, size_t n, const std::vector<uint32_t>* only) {
  job.in = &chunk.households;
  job.facts = &chunk.facts;
  job.out = &chunk.outcomes;
  job.n = n;
  job.only = only;
}

// Reads the next `size` households after `after` and their facts into `chunk`; returns how many.
template <typename Outcome>
size_t Load(HouseholdQuery& read, FactsReader& facts, const std::optional<std::string>& after, int size, Chunk<Outcome>& chunk) {
  chunk.n = ReadChunk(read, after, size, chunk.households);
  if (chunk.n > 0) facts.Read(chunk.households[0].id, chunk.households[chunk.n - 1].id, chunk.facts);
  AimAt(chunk, chunk.job, chunk.n, nullptr);
  return chunk.n;
}

// The households of a processed chunk whose outcome `needs_document` — read without their document, their cached
// facts did not decode — are decided again from it. Rare: only a damaged cache gets here.
template <typename Worker, typename Outcome>
void RedoFromDocuments(WorkerPool<Worker, Outcome>& pool, DocumentReader& documents, Chunk<Outcome>& chunk) {
  chunk.redo.clear();
  for (size_t i = 0; i < chunk.n; ++i)
    if (chunk.outcomes[i].needs_document) chunk.redo.push_back(static_cast<uint32_t>(i));
  if (chunk.redo.empty()) return;
  for (uint32_t i : chunk.redo) documents.Read(chunk.households[i]);
  AimAt(chunk, chunk.redo_job, chunk.redo.size(), &chunk.redo);
  pool.Submit(chunk.redo_job);
  pool.Wait(chunk.redo_job);
}

// Reads the households after `after` in id order, a chunk at a time, and hands every chunk to `done(chunk)` in
// order once the pool has processed it, until `done` returns false. The next chunk is read and queued before the
// handed-over one is waited for, so the workers go on with it while `done` stores the other. `expected`: how
// many households the pass should read, 0 if not known (ChunkSizer).
template <typename Worker, typename Outcome, typename Done>
void ProcessInOrder(HouseholdQuery& read, FactsReader& facts, DocumentReader& documents, std::optional<std::string> after,
                    int64_t expected, WorkerPool<Worker, Outcome>& pool, Done&& done) {
  ChunkSizer sizes(expected);
  constexpr int kInFlight = 2;  // a third gained nothing measurable at 100k or 1M and cost 5-18 MB
  Chunk<Outcome> chunks[kInFlight];
  // However the loop ends (`done` may throw: a full disk), no worker may still be inside a chunk when they go.
  struct Drain {
    WorkerPool<Worker, Outcome>& pool;
    Chunk<Outcome> (&chunks)[kInFlight];
    ~Drain() {
      for (auto& c : chunks) pool.Wait(c.job);
    }
  } drain{pool, chunks};
  bool ended = false;
  auto read_next = [&](Chunk<Outcome>& c) {
    if (ended || Load(read, facts, after, sizes.Next(), c) == 0) {
      ended = true;
      c.n = 0;
      return;
    }
    sizes.Read(c.n);
    after = c.households[c.n - 1].id;
    pool.Submit(c.job);
  };
  for (auto& c : chunks) c.outcomes.resize(kChunk);
  for (int i = 0; i + 1 < kInFlight; ++i) read_next(chunks[i]);
  for (int k = 0; chunks[k].n > 0; k = (k + 1) % kInFlight) {
    read_next(chunks[(k + kInFlight - 1) % kInFlight]);  // the chunk handed over last time round
    pool.Wait(chunks[k].job);
    RedoFromDocuments(pool, documents, chunks[k]);
    if (!done(chunks[k])) return;
  }
}

}  // namespace jiuzhu::registry
