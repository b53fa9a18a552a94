// Parameter overrides given on the command line (`whatif --set PARAM[@REGION][:HUKOU]=VALUE`), applied to a
// RawPack before it is compiled: the override is a value of the pack itself, dated from the as-of date, so the
// compiler checks and folds it like any value written in parameters.yaml.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/num.h"
#include "pack/raw_pack.h"

namespace jiuzhu::pack {

struct ParamOverride {
  std::string text;    // the option as given, for messages
  std::string param;   // its name in parameters.yaml, e.g. "dibao.standard"
  std::string region;  // a declared region code, "national", or "" for every region
  std::string hukou;   // "urban", "rural", or "" for both
  std::string value;   // as written: "1180", "1180.5", "5060/12", "true"
};

// Splits "PARAM[@REGION][:HUKOU]=VALUE". Knows nothing of the pack: false with `error` when the text does not
// have that shape or names a hukou other than urban/rural.
bool ParseParamOverride(std::string_view text, ParamOverride& out, std::string& error);

// A money or number VALUE as an exact Num: a decimal ("1180", "1180.50") or a fraction of two ("5060/12").
// nullopt when it is neither (or divides by zero).
std::optional<Num> ParseOverrideNumber(std::string_view value);

// Checks each override against the pack (the parameter exists — with a did-you-mean —, the region is declared,
// the parameter varies by hukou when one is named, the value has the parameter's type) and applies it: in every
// region it targets that has a value in force on `from` (for a named region: its own value, else the one it
// inherits from the nearest enclosing region, else national), a copy of that value dated `from` with the
// overridden keys replaced. false with `error` (naming the option) on the first override that does not fit.
bool ApplyParamOverrides(RawPack& raw, const std::vector<ParamOverride>& overrides, Date from, std::string& error);

}  // namespace jiuzhu::pack
