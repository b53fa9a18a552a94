// One household of a monthly run, start to finish: read its stored document, apply a granted 渐退期 proposal
// and the departments' records, screen it, and encode what the run stores. One BatchWorker per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "jiuzhu/engine.h"
#include "jiuzhu/household_reader.h"
#include "registry/decision_codec.h"
#include "registry/records.h"

namespace jiuzhu::registry {

struct RunContext {
  Date as_of;
  int body_format = kBodyFormat;  // the run's (runs.body_format): a run keeps its format to the end
};

// registry.md: wage and pension records older than this many months before as_of are ignored — the pack's
// `data.record_max_age_months` for the household's region (semantics.md §11, item 39), this where a pack has
// no such parameter.
inline constexpr int kDefaultRecordMaxAgeMonths = 12;

// What the registry knows about one chunk's households, loaded with the chunk so that memory does not grow with
// the registry: their members' records dated on or before as_of, by person, and the 渐退期 end dates first
// proposed, by household and enrolment start. Read-only while workers run.
struct ChunkFacts {
  std::unordered_map<std::string, std::vector<Record>> records_by_person;
  std::unordered_map<std::string, std::vector<std::pair<Date, Date>>> proposals;  // household -> (since, until)
  void Clear() {
    records_by_person.clear();
    proposals.clear();
  }
};

// What the run's totals per flag and region need of one flag (RunTotals::Add).
struct FlagRow {
  std::string code;
  std::optional<Num> amount_now, amount_new;
};

// A list whose elements, and the buffers of their strings, outlive clear(): the next household of the same slot
// refills them instead of allocating again.
template <typename T>
class ReusedList {
 public:
  void clear() { used_ = 0; }
  T& emplace_back() {
    if (used_ == items_.size()) items_.emplace_back();
    return items_[used_++];
  }
  bool empty() const { return used_ == 0; }
  size_t size() const { return used_; }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + used_; }

 private:
  std::vector<T> items_;
  size_t used_ = 0;
};

// The stored outcome of one household in one run.
struct HouseholdOutcome {
  std::string id, region, grid;
  int64_t version = 0;
  bool needs_document = false;  // nothing decided: the household is to be read again with its document
  bool quarantined = false;
  std::string error_json;  // quarantined: the error object of cli.md
  std::string body;        // the encoded Decision
  std::string flag_codes;  // "missed;review_due"
  std::string flag_rows;   // decisions.flag_rows: the flags as JSON, empty when there are none
  ReusedList<FlagRow> flags;
  std::vector<std::pair<Date, Date>> new_proposals;  // (enrolment since, until) first proposed in this run
};

struct HouseholdInput {
  std::string id;
  std::string doc;    // households.doc, read only when `facts` is empty
  std::string facts;  // households.facts when current (facts_version = version), else empty: parse `doc`
  int64_t version = 0;
};

// The facts a run decides one household on: its stored facts (or document), the 渐退期 proposals stored by
// earlier runs, and the departments' records. Shared by the batch and `whatif`, so both packs of a what-if
// see exactly what a batch would. Buffers are reused between households.
class HouseholdLoader {
 public:
  explicit HouseholdLoader(const RunContext& context) : context_(context) {}
  enum class Status {
    kLoaded,
    kBroken,         // the stored household breaks the contract; `error` says why
    kNeedsDocument,  // its cached facts do not decode and it was read without its document (RedoFromDocuments)
  };
  // `rules` (whose parameters say how old a record may be) is the caller's, so that the loader needs no pack of
  // its own.
  Status Load(const HouseholdInput& in, const ChunkFacts& facts, Screener& rules, ReadResult& error);
  Household& household() { return household_; }
  // data_mismatch flags raised by the records, to append to the Decision.
  std::vector<Flag>& mismatches() { return mismatches_; }
  // Enrolment since dates that carried a phase_out_until before the run.
  const std::vector<std::string>& had_until() const { return had_until_; }

 private:
  void ApplyProposals(const std::string& id, const ChunkFacts& facts);
  int RecordMaxAgeMonths(Screener& rules);

  const RunContext& context_;
  HouseholdReader reader_;
  Household household_;
  std::vector<const Record*> records_;
  std::vector<Flag> mismatches_;
  std::vector<std::string> had_until_;
  const Screener* indexed_ = nullptr;  // the Screener whose parameter index is cached
  int max_age_param_ = -1;
};

class BatchWorker {
 public:
  BatchWorker(std::shared_ptr<const RulePack> pack, const DecisionCodec& codec, const RunContext& context);
  void Process(const HouseholdInput& in, const ChunkFacts& facts, HouseholdOutcome& out);

 private:
  void CollectFlags(HouseholdOutcome& out);

  const DecisionCodec& codec_;
  const RunContext& context_;
  Screener screener_;
  HouseholdLoader loader_;
  Decision decision_;
};

}  // namespace jiuzhu::registry
