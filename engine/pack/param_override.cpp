#include "pack/param_override.h"

#include <algorithm>

#include "base/did_you_mean.h"

namespace jiuzhu::pack {
namespace {

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// A region code without its trailing "00" pairs: the prefix every code it covers begins with (regions.yaml).
std::string_view Significant(std::string_view code) {
  while (code.size() > 2 && code.substr(code.size() - 2) == "00") code.remove_suffix(2);
  return code;
}

// The value of `param` in force on `from` written for exactly `region`, or null.
const RawParamValue* InForce(const RawParam& param, std::string_view region, Date from) {
  const RawParamValue* found = nullptr;
  for (const RawParamValue& v : param.values)
    if (v.region == region && v.from <= from && (!found || found->from <= v.from)) found = &v;
  return found;
}

// What `region`'s households read on `from`: its own value, else that of the nearest enclosing declared region,
// else the national one (eval/fields.cpp looks up in the same order).
const RawParamValue* Inherited(const RawPack& raw, const RawParam& param, std::string_view region, Date from) {
  if (const RawParamValue* own = InForce(param, region, from)) return own;
  const RawParamValue* best = nullptr;
  size_t best_length = 0;
  for (const RawRegion& r : raw.regions) {
    std::string_view prefix = Significant(r.code);
    if (r.code == region || region.substr(0, prefix.size()) != prefix || prefix.size() <= best_length) continue;
    if (const RawParamValue* v = InForce(param, r.code, from)) {
      best = v;
      best_length = prefix.size();
    }
  }
  return best ? best : InForce(param, "national", from);
}

// The expression text of a checked VALUE, exact: "1180", "1180.5" stays a fraction "2361 / 2".
std::string ExprText(const RawParam& param, std::string_view value) {
  if (param.type == "bool") return std::string(value);
  Num n = *ParseOverrideNumber(value);
  if (n.IsInteger()) return std::to_string(n.num());
  return std::to_string(n.num()) + " / " + std::to_string(n.den());
}

void SetKey(RawParamValue& v, const std::string& key, const RawExpr& expr) {
  for (auto& [k, e] : v.values)
    if (k == key) {
      e = expr;
      return;
    }
  v.values.emplace_back(key, expr);
}

// Replaces the keys an override of `hukou` ("" both) decides; keys a look-up would try before them go, so the
// new value is the one found (eval/fields.cpp: "rural.institutional", "rural", "institutional", "value").
void Override(const RawParam& param, const ParamOverride& o, RawParamValue& v) {
  const bool by_hukou = std::find(param.by.begin(), param.by.end(), "hukou") != param.by.end();
  RawExpr expr;
  expr.text = ExprText(param, o.value);
  expr.pos = v.pos.file >= 0 ? v.pos : param.pos;
  if (!by_hukou) {
    v.values.clear();
    v.values.emplace_back("value", expr);
    return;
  }
  for (const char* hukou : {"urban", "rural"}) {
    if (!o.hukou.empty() && o.hukou != hukou) continue;
    const std::string prefix = std::string(hukou) + ".";
    std::erase_if(v.values, [&](const auto& kv) { return kv.first.rfind(prefix, 0) == 0; });
    SetKey(v, hukou, expr);
  }
}

// Adds (or, when a value already starts on `from`, rewrites) the value of `region` dated `from`, starting from
// `base` (what the region reads now; null: nothing).
void Apply(RawParam& param, const ParamOverride& o, const std::string& region, const RawParamValue* base, Date from) {
  RawParamValue copy = base ? *base : RawParamValue();
  copy.region = region;
  copy.from = from;
  copy.basis_until.reset();
  copy.source = "jiuzhu whatif --set " + o.text;
  copy.note.clear();
  if (!base) copy.pos = param.pos;
  Override(param, o, copy);
  for (RawParamValue& v : param.values)
    if (v.region == region && v.from == from) {
      v = std::move(copy);
      return;
    }
  param.values.push_back(std::move(copy));
}

bool CheckValue(const RawParam& param, const ParamOverride& o, std::string& error) {
  if (param.type == "money" || param.type == "number") {
    if (ParseOverrideNumber(o.value)) return true;
    error = "--set " + o.text + ": " + Quoted(o.value) + " is not a " + param.type +
            " value for '" + param.name + "' (expected a decimal such as 1180 or 1180.50, or a fraction such as 5060/12)";
    return false;
  }
  if (param.type == "bool") {
    if (o.value == "true" || o.value == "false") return true;
    error = "--set " + o.text + ": '" + param.name + "' is a yes/no parameter: expected true or false, not " + Quoted(o.value);
    return false;
  }
  error = "--set " + o.text + ": '" + param.name + "' is of type " + param.type +
          ", which --set does not take (money, number and bool parameters only; edit a copy of the pack and use --new)";
  return false;
}

}  // namespace

bool ParseParamOverride(std::string_view text, ParamOverride& out, std::string& error) {
  out = ParamOverride();
  out.text = std::string(text);
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    error = "--set " + out.text + ": expected PARAM[@REGION][:HUKOU]=VALUE, e.g. dibao.standard@510502:urban=900";
    return false;
  }
  std::string_view target = text.substr(0, eq);
  out.value = std::string(text.substr(eq + 1));
  if (size_t colon = target.find(':'); colon != std::string_view::npos) {
    out.hukou = std::string(target.substr(colon + 1));
    target = target.substr(0, colon);
    if (out.hukou != "urban" && out.hukou != "rural") {
      error = "--set " + out.text + ": hukou (户籍) must be urban or rural, not " + Quoted(out.hukou) +
              base::DidYouMeanSuffix(out.hukou, {"urban", "rural"});
      return false;
    }
  }
  if (size_t at = target.find('@'); at != std::string_view::npos) {
    out.region = std::string(target.substr(at + 1));
    target = target.substr(0, at);
    if (out.region.empty()) {
      error = "--set " + out.text + ": '@' must be followed by a region code (行政区划), e.g. @510502";
      return false;
    }
  }
  out.param = std::string(target);
  if (out.param.empty()) {
    error = "--set " + out.text + ": no parameter name before '@', ':' or '='";
    return false;
  }
  return true;
}

std::optional<Num> ParseOverrideNumber(std::string_view value) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  value = trim(value);
  const size_t slash = value.find('/');
  if (slash == std::string_view::npos) return Num::ParseDecimal(value);
  auto num = Num::ParseDecimal(trim(value.substr(0, slash)));
  auto den = Num::ParseDecimal(trim(value.substr(slash + 1)));
  if (!num || !den || den->IsZero()) return std::nullopt;
  Num n = *num / *den;
  if (!n.IsValid()) return std::nullopt;
  return n;
}

bool ApplyParamOverrides(RawPack& raw, const std::vector<ParamOverride>& overrides, Date from, std::string& error) {
  for (const ParamOverride& o : overrides) {
    auto param = std::find_if(raw.params.begin(), raw.params.end(), [&](const RawParam& p) { return p.name == o.param; });
    if (param == raw.params.end()) {
      std::vector<std::string_view> names;
      for (const RawParam& p : raw.params) names.push_back(p.name);
      error = "--set " + o.text + ": no parameter " + Quoted(o.param) + " in the pack (parameters.yaml)" +
              base::DidYouMeanSuffix(o.param, names);
      return false;
    }
    if (!o.region.empty() && o.region != "national" &&
        std::none_of(raw.regions.begin(), raw.regions.end(), [&](const RawRegion& r) { return r.code == o.region; })) {
      std::vector<std::string_view> codes;
      for (const RawRegion& r : raw.regions) codes.push_back(r.code);
      error = "--set " + o.text + ": region (行政区划) " + Quoted(o.region) + " is not declared in the pack (regions.yaml)" +
              base::DidYouMeanSuffix(o.region, codes);
      return false;
    }
    if (!o.hukou.empty() && std::find(param->by.begin(), param->by.end(), "hukou") == param->by.end()) {
      error = "--set " + o.text + ": '" + o.param + "' does not vary by hukou (户籍); leave out :" + o.hukou;
      return false;
    }
    if (!CheckValue(*param, o, error)) return false;
    if (!o.region.empty()) {
      Apply(*param, o, o.region, Inherited(raw, *param, o.region, from), from);
      continue;
    }
    // Every region: each one whose own value is in force (national included) gets the override; a region
    // without one reads it from the region enclosing it, overridden here too.
    std::vector<std::string> regions;
    for (const RawParamValue& v : param->values)
      if (v.from <= from && std::find(regions.begin(), regions.end(), v.region) == regions.end()) regions.push_back(v.region);
    if (regions.empty()) {
      error = "--set " + o.text + ": '" + o.param + "' has no value in force on " + from.ToString() +
              " in any region; name one with @REGION";
      return false;
    }
    for (const std::string& region : regions) Apply(*param, o, region, InForce(*param, region, from), from);
  }
  return true;
}

}  // namespace jiuzhu::pack
