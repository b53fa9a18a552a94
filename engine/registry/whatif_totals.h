// What-if, part 2: what one household contributes to the totals (computed by a worker from its two Decisions)
// and the accumulator of those contributions per region, per grid and for the registry, with the distribution
// of households around each threshold. Only counters are kept: memory does not grow with the registry.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jiuzhu/decision.h"

namespace jiuzhu::registry::whatif {

// One program in one household, under each pack. Coverage: a household-scope result that is eligible covers
// every member; a member-scope result covers its member (households of more than 64 members count their first 64).
struct ProgramDelta {
  std::string program;
  bool eligible_before = false, eligible_after = false;  // some result of the program is eligible
  uint64_t covered_before = 0, covered_after = 0;         // members covered, one bit per member index
  int64_t fen_before = 0, fen_after = 0;                  // the program's monthly amounts summed (known ones)
};

// A threshold rule (ThresholdOf) in one household: its distance band under each pack, -1 when not evaluated; for
// a member-scope rule, the closest member.
struct BandPair {
  std::string rule;
  int8_t before = -1, after = -1;
};

// A household's contribution. Reused between households: strings and vectors keep their capacity.
struct HouseholdDelta {
  std::vector<ProgramDelta> programs;
  size_t n_programs = 0;
  std::vector<BandPair> bands;
  size_t n_bands = 0;
};

void Summarize(const Household& household, const Decision& before, const Decision& after, HouseholdDelta& out);

struct ProgramTotals {
  int64_t households_newly_eligible = 0, persons_newly_eligible = 0;
  int64_t households_no_longer_eligible = 0, persons_no_longer_eligible = 0;
  int64_t households_amount_up = 0, households_amount_down = 0;
  int64_t households_eligible_before = 0, households_eligible_after = 0;
  int64_t fen_before = 0, fen_after = 0;
};

struct Totals {
  int64_t households = 0, changed_households = 0;
  std::vector<std::pair<std::string, ProgramTotals>> programs;  // in the order first seen
  void Add(const HouseholdDelta& delta, bool changed);
};

struct BandCounts {
  int64_t evaluated = 0;
  std::array<int64_t, 3> within{};  // within 5 %, 10 %, 20 % (cumulative)
};

class Accumulator {
 public:
  void Add(std::string_view region, std::string_view grid, const HouseholdDelta& delta, bool changed);
  const Totals& all() const { return all_; }

  // summary.json's "totals", "regions", "grids" and "distribution" members (without the enclosing braces).
  void AppendJson(std::string& out) const;
  // The compact table for stdout: every scope (registry, regions, grids) with a change, per program.
  void AppendTable(std::string& out) const;

 private:
  Totals all_;
  std::map<std::string, Totals, std::less<>> regions_, grids_;
  std::map<std::string, std::pair<BandCounts, BandCounts>, std::less<>> distribution_;  // rule -> before, after
};

// The grid name of a household without one, as in the worklists.
inline constexpr std::string_view kNoGrid = "未分网格";

}  // namespace jiuzhu::registry::whatif
