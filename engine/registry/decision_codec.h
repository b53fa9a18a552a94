// DecisionCodec: a Decision as compact bytes for the run's decisions table, and back. It keeps what reproduces
// the Decision exactly — every result, every rule's outcome and the values it used, flags and data issues —
// but not the rule texts, which are rendered again at export from the pack of the run (stored once per
// rules_version). Immutable after construction; thread-safe.
//
// Two formats; `runs.body_format` says which one a run's decisions are in, and a run keeps its format to the
// end (a run begun by an older jiuzhu and resumed by this one goes on writing format 1):
//   1 (decision_codec_v1.cpp) every value with its kind, member ids and flag texts in full: ~530 bytes a household.
//   2 (decision_codec_v2.cpp) what the pack implies is left out — which rules a result's reasons are, each
//     value's kind — member ids are stored once, in 9 bytes, and flags keep the Chinese message of the contract
//     only: ~250 bytes, so the run's writing thread copies, checksums and writes half as much.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "compile/plan.h"
#include "jiuzhu/decision.h"

namespace jiuzhu::registry {

inline constexpr int kBodyFormatV1 = 1;
inline constexpr int kBodyFormatV2 = 2;
inline constexpr int kBodyFormat = kBodyFormatV2;  // what new runs write

class ByteWriter;
class ByteReader;

class DecisionCodec {
 public:
  explicit DecisionCodec(const RulePack& pack);

  // REQUIRES: format is kBodyFormatV1 or kBodyFormatV2.
  void Encode(const Decision& d, int format, std::string& out) const;
  // Fills `d` (household, as_of and rules_version are the caller's). Returns false on corrupt bytes or an
  // unknown format.
  bool Decode(std::string_view bytes, int format, Decision& d) const;

 private:
  struct RuleRef {
    int entry = -1;
    int rule = -1;  // -1: the entry's phase_out reason
  };
  uint64_t RuleIndex(std::string_view rule, size_t& hint) const;
  uint64_t LayerCode(std::string_view name) const;
  std::string_view LayerName(uint64_t code) const;
  // The rule's id, basis, pack, value names and texts, from the pack, for a decoded reason.
  void CompleteReason(RuleRef ref, Reason& reason) const;

  void EncodeV1(const Decision& d, ByteWriter& out) const;
  bool DecodeV1(ByteReader& in, Decision& d) const;
  void EncodeV2(const Decision& d, ByteWriter& out) const;
  bool DecodeV2(ByteReader& in, Decision& d) const;
  // Format 2: whether `pr`'s reasons are exactly its entry's rules in order (and its phase_out reason last, if
  // any), so that their rules need not be written; returns the entry's index, or -1.
  int CanonicalEntry(const ProgramResult& pr) const;
  // Format 2: the kind each value of each rule has when known (IndexImpliedValues); a reason's values written as
  // those kinds imply, false (part written) when one is not; and read back.
  void IndexImpliedValues();
  bool PutImpliedValues(uint64_t rule, const Reason& reason, ByteWriter& out) const;
  bool GetImpliedValues(uint64_t rule, ByteReader& in, Reason& reason) const;

  const RulePack& pack_;
  std::vector<RuleRef> rules_;                            // global rule index -> where it is
  std::vector<std::string_view> rule_ids_;                // global rule index -> rule id
  std::vector<int> entry_first_rule_;                     // entry -> global index of its first rule
  std::unordered_map<std::string_view, int> rule_index_;  // rule id -> global rule index
  std::unordered_map<const char*, int> rule_at_;          // the pack's rule id string -> global rule index
  std::vector<std::string_view> programs_;                // distinct program codes
  struct ImpliedValue {
    NamedValue::Kind kind = NamedValue::Kind::kUnknown;  // kUnknown: the value is always unknown
    Domain domain = Domain::kNone;                       // kText: the enumeration
  };
  std::vector<std::vector<ImpliedValue>> implied_;  // global rule index -> one per value of the rule
};

}  // namespace jiuzhu::registry
