#include "registry/whatif_totals.h"

#include <bit>
#include <cstdio>

#include "jiuzhu/decision_writer.h"
#include "registry/whatif_compare.h"

namespace jiuzhu::registry::whatif {
namespace {

ProgramDelta& ProgramSlot(HouseholdDelta& out, std::string_view program) {
  for (size_t i = 0; i < out.n_programs; ++i)
    if (out.programs[i].program == program) return out.programs[i];
  if (out.n_programs == out.programs.size()) out.programs.emplace_back();
  ProgramDelta& d = out.programs[out.n_programs++];
  d.program.assign(program);
  d.eligible_before = d.eligible_after = false;
  d.covered_before = d.covered_after = 0;
  d.fen_before = d.fen_after = 0;
  return d;
}

BandPair& BandSlot(HouseholdDelta& out, std::string_view rule) {
  for (size_t i = 0; i < out.n_bands; ++i)
    if (out.bands[i].rule == rule) return out.bands[i];
  if (out.n_bands == out.bands.size()) out.bands.emplace_back();
  BandPair& b = out.bands[out.n_bands++];
  b.rule.assign(rule);
  b.before = b.after = -1;
  return b;
}

void Side(const Household& household, const Decision& d, bool before, HouseholdDelta& out) {
  const size_t members = household.members.size();
  const uint64_t everyone = members >= 64 ? ~uint64_t{0} : (uint64_t{1} << members) - 1;
  for (const ProgramResult& r : d.programs) {
    ProgramDelta& p = ProgramSlot(out, r.program);
    if (r.status == Status::kEligible) {
      uint64_t bits = 0;
      if (r.member.empty()) {
        bits = everyone;
      } else {
        for (size_t i = 0; i < members && i < 64; ++i)
          if (household.members[i].id == r.member) bits = uint64_t{1} << i;
      }
      (before ? p.eligible_before : p.eligible_after) = true;
      (before ? p.covered_before : p.covered_after) |= bits;
    }
    if (r.monthly_amount && r.monthly_amount->IsValid()) (before ? p.fen_before : p.fen_after) += r.monthly_amount->RoundFen();
    for (const Reason& reason : r.reasons) {
      Num threshold, distance;
      if (!ThresholdOf(reason, threshold, distance) || !(threshold > Num())) continue;
      const auto band = static_cast<int8_t>(DistanceBand(threshold, distance));
      int8_t& slot = before ? BandSlot(out, reason.rule).before : BandSlot(out, reason.rule).after;
      if (slot < 0 || band < slot) slot = band;
    }
  }
}

ProgramTotals& ProgramOf(Totals& t, const std::string& program) {
  for (auto& [name, totals] : t.programs)
    if (name == program) return totals;
  return t.programs.emplace_back(program, ProgramTotals()).second;
}

void AppendInt(std::string& out, const char* key, int64_t v) {
  out += '"';
  out += key;
  out += "\":";
  out += std::to_string(v);
  out += ',';
}

void AppendMoney(std::string& out, const char* key, int64_t fen) {
  out += '"';
  out += key;
  out += "\":";
  out += Num::Fen(fen).ToFixed2();
  out += ',';
}

void AppendTotalsJson(const Totals& t, std::string& out) {
  out += '{';
  AppendInt(out, "households", t.households);
  AppendInt(out, "changed_households", t.changed_households);
  out += "\"programs\":{";
  bool first = true;
  for (const auto& [name, p] : t.programs) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(name, out);
    out += ":{";
    AppendInt(out, "households_newly_eligible", p.households_newly_eligible);
    AppendInt(out, "persons_newly_eligible", p.persons_newly_eligible);
    AppendInt(out, "households_no_longer_eligible", p.households_no_longer_eligible);
    AppendInt(out, "persons_no_longer_eligible", p.persons_no_longer_eligible);
    AppendInt(out, "households_amount_up", p.households_amount_up);
    AppendInt(out, "households_amount_down", p.households_amount_down);
    AppendInt(out, "households_eligible_before", p.households_eligible_before);
    AppendInt(out, "households_eligible_after", p.households_eligible_after);
    AppendMoney(out, "monthly_before", p.fen_before);
    AppendMoney(out, "monthly_after", p.fen_after);
    AppendMoney(out, "monthly_difference", p.fen_after - p.fen_before);
    AppendMoney(out, "yearly_difference", (p.fen_after - p.fen_before) * 12);
    out.back() = '}';
  }
  out += "}}";
}

void AppendBandsJson(const BandCounts& b, std::string& out) {
  out += "{\"evaluated\":" + std::to_string(b.evaluated) + ",\"within_5\":" + std::to_string(b.within[0]) +
         ",\"within_10\":" + std::to_string(b.within[1]) + ",\"within_20\":" + std::to_string(b.within[2]) + "}";
}

void Count(BandCounts& c, int8_t band) {
  if (band < 0) return;
  ++c.evaluated;
  for (size_t k = static_cast<uint8_t>(band); k < c.within.size(); ++k) ++c.within[k];
}

bool Changed(const ProgramTotals& p) {
  return p.households_newly_eligible || p.households_no_longer_eligible || p.households_amount_up ||
         p.households_amount_down || p.fen_before != p.fen_after;
}

void AppendRows(std::string_view scope, const Totals& t, bool always, std::string& out) {
  char line[512];
  for (const auto& [name, p] : t.programs) {
    if (!always && !Changed(p)) continue;
    std::snprintf(line, sizeof line, "%-22.*s %-18s %7lld %8lld %7lld %8lld %7lld %7lld %14s %14s %13s %14s\n",
                  static_cast<int>(scope.size()), scope.data(), name.c_str(), static_cast<long long>(p.households_newly_eligible),
                  static_cast<long long>(p.persons_newly_eligible), static_cast<long long>(p.households_no_longer_eligible),
                  static_cast<long long>(p.persons_no_longer_eligible), static_cast<long long>(p.households_amount_up),
                  static_cast<long long>(p.households_amount_down), Num::Fen(p.fen_before).ToFixed2().c_str(),
                  Num::Fen(p.fen_after).ToFixed2().c_str(), Num::Fen(p.fen_after - p.fen_before).ToFixed2().c_str(),
                  Num::Fen((p.fen_after - p.fen_before) * 12).ToFixed2().c_str());
    out += line;
  }
}

}  // namespace

void Summarize(const Household& household, const Decision& before, const Decision& after, HouseholdDelta& out) {
  out.n_programs = 0;
  out.n_bands = 0;
  Side(household, before, true, out);
  Side(household, after, false, out);
}

void Totals::Add(const HouseholdDelta& delta, bool changed) {
  ++households;
  changed_households += changed;
  for (size_t i = 0; i < delta.n_programs; ++i) {
    const ProgramDelta& d = delta.programs[i];
    ProgramTotals& p = ProgramOf(*this, d.program);
    p.households_eligible_before += d.eligible_before;
    p.households_eligible_after += d.eligible_after;
    p.households_newly_eligible += !d.eligible_before && d.eligible_after;
    p.households_no_longer_eligible += d.eligible_before && !d.eligible_after;
    p.persons_newly_eligible += std::popcount(d.covered_after & ~d.covered_before);
    p.persons_no_longer_eligible += std::popcount(d.covered_before & ~d.covered_after);
    if (d.eligible_before && d.eligible_after) {
      p.households_amount_up += d.fen_after > d.fen_before;
      p.households_amount_down += d.fen_after < d.fen_before;
    }
    p.fen_before += d.fen_before;
    p.fen_after += d.fen_after;
  }
}

void Accumulator::Add(std::string_view region, std::string_view grid, const HouseholdDelta& delta, bool changed) {
  all_.Add(delta, changed);
  auto r = regions_.find(region);
  if (r == regions_.end()) r = regions_.emplace(std::string(region), Totals()).first;
  r->second.Add(delta, changed);
  if (grid.empty()) grid = kNoGrid;
  auto g = grids_.find(grid);
  if (g == grids_.end()) g = grids_.emplace(std::string(grid), Totals()).first;
  g->second.Add(delta, changed);
  for (size_t i = 0; i < delta.n_bands; ++i) {
    const BandPair& b = delta.bands[i];
    auto d = distribution_.find(b.rule);
    if (d == distribution_.end()) d = distribution_.emplace(b.rule, std::pair<BandCounts, BandCounts>()).first;
    Count(d->second.first, b.before);
    Count(d->second.second, b.after);
  }
}

void Accumulator::AppendJson(std::string& out) const {
  out += "\"totals\":";
  AppendTotalsJson(all_, out);
  for (const auto& [key, scopes] : {std::pair{"regions", &regions_}, std::pair{"grids", &grids_}}) {
    out += ",\"";
    out += key;
    out += "\":{";
    bool first = true;
    for (const auto& [name, totals] : *scopes) {
      if (!first) out += ',';
      first = false;
      AppendJsonString(name, out);
      out += ':';
      AppendTotalsJson(totals, out);
    }
    out += '}';
  }
  out += ",\"distribution\":{";
  bool first = true;
  for (const auto& [rule, counts] : distribution_) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(rule, out);
    out += ":{\"before\":";
    AppendBandsJson(counts.first, out);
    out += ",\"after\":";
    AppendBandsJson(counts.second, out);
    out += '}';
  }
  out += '}';
}

void Accumulator::AppendTable(std::string& out) const {
  char line[512];
  std::snprintf(line, sizeof line, "%-22s %-18s %7s %8s %7s %8s %7s %7s %14s %14s %13s %14s\n", "scope", "program", "+hh",
                "+persons", "-hh", "-persons", "up", "down", "monthly_before", "monthly_after", "monthly_diff", "yearly_diff");
  out += line;
  AppendRows("全部 all", all_, true, out);
  for (const auto& [name, totals] : regions_) AppendRows("region " + name, totals, false, out);
  for (const auto& [name, totals] : grids_) AppendRows("grid " + name, totals, false, out);
  out += "\n阈值附近 near a threshold (households within 5% / 10% / 20% of it; before -> after):\n";
  for (const auto& [rule, counts] : distribution_) {
    const auto& [b, a] = counts;
    std::snprintf(line, sizeof line, "  %-44s evaluated %lld -> %lld   5%%: %lld -> %lld   10%%: %lld -> %lld   20%%: %lld -> %lld\n",
                  rule.c_str(), static_cast<long long>(b.evaluated), static_cast<long long>(a.evaluated),
                  static_cast<long long>(b.within[0]), static_cast<long long>(a.within[0]), static_cast<long long>(b.within[1]),
                  static_cast<long long>(a.within[1]), static_cast<long long>(b.within[2]), static_cast<long long>(a.within[2]));
    out += line;
  }
}

}  // namespace jiuzhu::registry::whatif
