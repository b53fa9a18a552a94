// Pack lints: warnings a policy reviewer wants to see, which do not stop the pack from loading.
//   PARAM_BASIS_ENDED     a value's source document ends (basis_until) and no later value follows
//   DEFAULT_ASSET_RULE    a region with a 低保标准 still relies on the national default asset rule
//   TEKUN_BASIC_BELOW_1_3 a published 特困 basic standard is below 1.3 × 低保标准 (it is raised to it)
//   PARAM_VALUE_GAP       a later dated value of a region drops a key an earlier one had: from that date the
//                         key has no value there (results become undetermined instead of using the old value)
//   PARAM_NOT_COVERED     a declared region has no value (its own, an enclosing region's or national) for
//                         parameters other regions set: one warning per region, listing them (parameters
//                         marked `optional: true`, regional options, are left out)
//   PARAM_NO_VALUE        a parameter has no value in any region (e.g. the 特困 care standards)
// and the cross-program checks of program_checks.cpp (TEKUN_COUNTED_IN_DIBAO, DERIVED_PARAM_MISSING).
#include <algorithm>

#include "compile/compiler.h"

namespace jiuzhu::compile {
namespace {

const plan::Param* FindParam(const RulePack& pack, std::string_view name) {
  for (const auto& p : pack.params) if (p.name == name) return &p;
  return nullptr;
}

void CheckBasisEnded(const pack::RawPack& raw, pack::DiagnosticSink& sink) {
  for (const auto& p : raw.params) {
    for (const auto& v : p.values) {
      if (!v.basis_until) continue;
      bool later = std::any_of(p.values.begin(), p.values.end(), [&](const pack::RawParamValue& w) {
        return w.region == v.region && w.from > *v.basis_until;
      });
      if (!later)
        sink.Warning(v.pos, "PARAM_BASIS_ENDED",
                     "the source of '" + p.name + "' (" + v.region + ") covers values until " + v.basis_until->ToString() +
                         "; the value is kept after that date as the pack's choice until a successor document is entered");
    }
  }
}

void CheckDefaultAssetRule(const RulePack& pack, pack::DiagnosticSink& sink, const pack::RawPack& raw) {
  const plan::Param* standard = FindParam(pack, "dibao.standard");
  const plan::Param* multiple = FindParam(pack, "assets.financial_months");
  if (!standard || !multiple) return;
  for (const auto& r : standard->regions) {
    if (r.region < 0) continue;
    bool own = std::any_of(multiple->regions.begin(), multiple->regions.end(),
                           [&](const plan::ParamRegionValues& m) { return m.region == r.region; });
    if (own) continue;
    const std::string& code = pack.regions[r.region].code;
    for (const auto& rr : raw.regions)
      if (rr.code == code)
        sink.Warning(rr.pos, "DEFAULT_ASSET_RULE",
                     "region " + code + " (" + rr.name + ") uses the national default asset rule (24 × 低保标准 per person, "
                     "no car, one residence, no business): no provincial figure is entered");
  }
}

void CheckTekunBasic(const RulePack& pack, pack::DiagnosticSink& sink, const pack::RawPack& raw) {
  const plan::Param* standard = FindParam(pack, "dibao.standard");
  const plan::Param* basic = FindParam(pack, "tekun.basic_published");
  if (!standard || !basic) return;
  for (const auto& br : basic->regions) {
    for (const auto& sr : standard->regions) {
      if (sr.region != br.region) continue;
      for (const auto& bv : br.values) {
        // The standard in force on the date the basic value starts.
        const plan::ParamValue* sv = nullptr;
        for (const auto& v : sr.values) if (v.from <= bv.from) sv = &v;
        if (!sv) continue;
        for (const char* hukou : {"urban", "rural"}) {
          int s_idx = static_cast<int>(std::find(standard->keys.begin(), standard->keys.end(), hukou) - standard->keys.begin());
          if (s_idx >= static_cast<int>(sv->by_key.size()) || !sv->by_key[s_idx].known()) continue;
          Num floor = sv->by_key[s_idx].n * Num::Ratio(13, 10);
          for (size_t k = 0; k < basic->keys.size(); ++k) {
            if (basic->keys[k].rfind(hukou, 0) != 0 || !bv.by_key[k].known()) continue;
            if (bv.by_key[k].n < floor) {
              for (const auto& rp : raw.params)
                if (rp.name == basic->name)
                  sink.Warning(rp.pos, "TEKUN_BASIC_BELOW_1_3",
                               "特困 basic standard " + bv.by_key[k].n.ToFixed2() + " (" + basic->keys[k] + ", " +
                                   pack.regions[br.region].code + ", from " + bv.from.ToString() + ") is below 1.3 × 低保标准 = " +
                                   floor.ToFixed2() + ": it is raised to that");
            }
          }
        }
      }
    }
  }
}

void CheckValueGaps(const pack::RawPack& raw, pack::DiagnosticSink& sink) {
  for (const auto& p : raw.params) {
    // Per region, the dated entries in date order.
    std::vector<const pack::RawParamValue*> entries;
    for (const auto& v : p.values) entries.push_back(&v);
    std::stable_sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) {
      return a->region != b->region ? a->region < b->region : a->from < b->from;
    });
    for (size_t i = 1; i < entries.size(); ++i) {
      const auto* before = entries[i - 1];
      const auto* after = entries[i];
      if (before->region != after->region) continue;
      for (const auto& entry : before->values) {
        const std::string& key = entry.first;  // named, not a structured binding: lambdas capture it (clang 14)
        bool kept = std::any_of(after->values.begin(), after->values.end(), [&](const auto& kv) { return kv.first == key; });
        if (!kept)
          sink.Warning(after->pos, "PARAM_VALUE_GAP",
                       "'" + p.name + "' for " + after->region + " from " + after->from.ToString() + " has no '" + key +
                           "' value, which the entry from " + before->from.ToString() +
                           " had: from this date it is missing there (results become undetermined)");
      }
    }
  }
}

// Whether `param` has a value for `region` itself, a declared region enclosing it, or nationally.
bool Covered(const RulePack& pack, const plan::Param& param, const plan::Region& region) {
  for (const auto& rv : param.regions) {
    if (rv.region < 0 || rv.values.empty()) {
      if (rv.region < 0 && !rv.values.empty()) return true;
      continue;
    }
    const std::string& prefix = pack.regions[rv.region].significant;
    if (region.significant.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

void CheckCoverage(const pack::RawPack& raw, const RulePack& pack, pack::DiagnosticSink& sink) {
  for (const auto& p : pack.params) {
    bool any = std::any_of(p.regions.begin(), p.regions.end(), [](const auto& rv) { return !rv.values.empty(); });
    if (any) continue;
    for (const auto& rp : raw.params)
      if (rp.name == p.name)
        sink.Warning(rp.pos, "PARAM_NO_VALUE", "'" + p.name + "' (" + p.title_zh + ") has no value in any region: results that need it are undetermined until a policy officer sets it");
  }
  std::vector<std::string_view> optional;
  for (const auto& rp : raw.params) if (rp.optional) optional.push_back(rp.name);
  for (const auto& rr : raw.regions) {
    const plan::Region* region = nullptr;
    for (const auto& r : pack.regions) if (r.code == rr.code) region = &r;
    if (!region) continue;
    std::string missing;
    for (const auto& p : pack.params) {
      if (std::find(optional.begin(), optional.end(), p.name) != optional.end()) continue;
      bool set_somewhere = std::any_of(p.regions.begin(), p.regions.end(), [](const auto& rv) { return rv.region >= 0 && !rv.values.empty(); });
      if (set_somewhere && !Covered(pack, p, *region)) missing += (missing.empty() ? "" : ", ") + p.name;
    }
    if (!missing.empty())
      sink.Warning(rr.pos, "PARAM_NOT_COVERED", "region " + rr.code + " (" + rr.name + ") has no value for: " + missing +
                                                    " — results there that need them are undetermined");
  }
}

}  // namespace

void RunPackChecks(const pack::RawPack& raw, const RulePack& pack, pack::DiagnosticSink& sink) {
  CheckBasisEnded(raw, sink);
  CheckDefaultAssetRule(pack, sink, raw);
  CheckTekunBasic(pack, sink, raw);
  CheckValueGaps(raw, sink);
  CheckCoverage(raw, pack, sink);
  RunProgramChecks(raw, pack, sink);
}

}  // namespace jiuzhu::compile
