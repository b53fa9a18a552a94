// What a pass over the registry shares, whether it stores a run (batch.cpp) or only compares two packs
// (whatif_runner.cpp): households read in id order a chunk at a time, each chunk's departments' records and
// 渐退期 proposals, and a pool of workers that evaluates a chunk while the reading thread prepares the next.
#pragma once

#include <atomic>
#include <cstdint>
#include <condition_variable>
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

// What a worker needs of a household (`households h`): its cached facts while they belong to its current version
// (schema v2), else its document. Not both: the document is most of a row's bytes, and copying it for nothing
// cost the reading thread more than any other step of reading a chunk.
inline const std::string kHouseholdColumns =
    "SELECT h.id, h.version, CASE WHEN h.facts_version = h.version AND h.facts IS NOT NULL THEN NULL ELSE h.doc END, "
    "CASE WHEN h.facts_version = h.version THEN h.facts END ";

// Workers wait for a chunk, take households by an atomic index, and signal when the chunk is done. `Worker`
// has Process(const HouseholdInput&, const ChunkFacts&, Outcome&).
template <typename Worker, typename Outcome>
class WorkerPool {
 public:
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

  // Processes households [0, n) of `in`, or with `only` just those indexes (n = only->size()).
  void Start(const std::vector<HouseholdInput>* in, const ChunkFacts* facts, std::vector<Outcome>* out, size_t n,
             const std::vector<uint32_t>* only = nullptr) {
    std::lock_guard lock(mutex_);
    in_ = in;
    facts_ = facts;
    out_ = out;
    n_ = n;
    only_ = only;
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
  void Loop(Worker& worker) {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
      }
      for (size_t i; (i = next_.fetch_add(1)) < n_;) {
        const size_t k = only_ ? (*only_)[i] : i;
        worker.Process((*in_)[k], *facts_, (*out_)[k]);
      }
      std::lock_guard lock(mutex_);
      if (--remaining_ == 0) done_.notify_all();
    }
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::vector<HouseholdInput>* in_ = nullptr;
  const ChunkFacts* facts_ = nullptr;
  std::vector<Outcome>* out_ = nullptr;
  size_t n_ = 0;
  const std::vector<uint32_t>* only_ = nullptr;
  std::atomic<size_t> next_{0};
  int remaining_ = 0;
  uint64_t generation_ = 0;
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

// Which household each record dated on or before as_of belongs to, resolved once per pass in a temporary table
// (this connection only, never in the registry file): a chunk then reads just its own records, instead of
// probing the records index for every member of the chunk when most people have none. The same look-ups find
// the records that belong to no one.
UnmatchedRecords IndexRecordsByHousehold(Database& db, Date as_of);

// Reads a chunk's facts: its members' records dated on or before as_of, and the proposals of its households.
// REQUIRES: IndexRecordsByHousehold for this as_of, after the last change to records or members.
class FactsReader {
 public:
  explicit FactsReader(Database& db);
  void Read(const std::string& first, const std::string& last, ChunkFacts& facts);

 private:
  Statement records_, proposals_;
};

// Households in id order, a chunk at a time: `from_start` for the first chunk (no lower bound: the empty string is
// a valid id), `after` for the ones that follow. Both select kHouseholdColumns with ?1 the lower bound and ?2
// the chunk size.
struct HouseholdQuery {
  Statement from_start;
  Statement after;
};

// Reads the next chunk of households after `after` (from the start when nullopt) in id order.
size_t ReadChunk(HouseholdQuery& query, const std::optional<std::string>& after, std::vector<HouseholdInput>& chunk);

template <typename Outcome>
struct Chunk {
  std::vector<HouseholdInput> households;
  ChunkFacts facts;
  std::vector<Outcome> outcomes;  // Outcome has `needs_document`
  size_t n = 0;
  std::vector<uint32_t> redo;  // households to decide again from their documents
};

// Reads the households after `after` and their facts into `chunk`; returns how many.
template <typename Outcome>
size_t Load(HouseholdQuery& read, FactsReader& facts, const std::optional<std::string>& after, Chunk<Outcome>& chunk) {
  chunk.n = ReadChunk(read, after, chunk.households);
  if (chunk.n > 0) facts.Read(chunk.households[0].id, chunk.households[chunk.n - 1].id, chunk.facts);
  return chunk.n;
}

// Reads a household's document when its cached facts turned out not to decode (a corrupt cache).
class DocumentReader {
 public:
  explicit DocumentReader(Database& db) : query_(db.Prepare("SELECT version, doc FROM households WHERE id = ?")) {}
  // Replaces `h`'s facts by its current document (empty when the household is gone, which the worker rejects).
  void Read(HouseholdInput& h);

 private:
  Statement query_;
};

// The households of a processed chunk whose outcome `needs_document` — read without their document, their cached
// facts did not decode — are decided again from it, by the (idle) pool. Rare: only a damaged cache gets here.
template <typename Worker, typename Outcome>
void RedoFromDocuments(WorkerPool<Worker, Outcome>& pool, DocumentReader& documents, Chunk<Outcome>& chunk) {
  chunk.redo.clear();
  for (size_t i = 0; i < chunk.n; ++i)
    if (chunk.outcomes[i].needs_document) chunk.redo.push_back(static_cast<uint32_t>(i));
  if (chunk.redo.empty()) return;
  for (uint32_t i : chunk.redo) documents.Read(chunk.households[i]);
  pool.Start(&chunk.households, &chunk.facts, &chunk.outcomes, chunk.redo.size(), &chunk.redo);
  pool.Wait();
}

}  // namespace jiuzhu::registry
