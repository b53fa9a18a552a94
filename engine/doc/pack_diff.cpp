// What differs between two packs, for the change view of `rules doc --base`. Entries are matched by their ids
// (programs, rules, notices, derived values, parameters, regions) and parameter values by (region, from date),
// so a moved or reordered entry is not reported as removed and added; within a match every field a reader
// sees is compared, with runs of white space folded (a re-wrapped block scalar is not a change).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "doc/pack_doc.h"

namespace jiuzhu::doc {
namespace {

using pack::RawExpr;
using pack::Text2;

std::string Fold(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

template <typename T>
const T* FindBy(const std::vector<T>& items, const std::string& key, std::string T::*field) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.*field == key; });
  return it == items.end() ? nullptr : &*it;
}

// Collects the changes of one subject; each Field call compares one field.
class Recorder {
 public:
  explicit Recorder(std::vector<Change>& out) : out_(out) {}

  void Subject(std::string kind, std::string subject, std::string anchor) {
    kind_ = std::move(kind);
    subject_ = std::move(subject);
    anchor_ = std::move(anchor);
  }
  void Field(std::string_view field, std::string_view before, std::string_view after) {
    std::string b = Fold(before), a = Fold(after);
    if (b != a) out_.push_back({ChangeAction::kChanged, kind_, subject_, anchor_, std::string(field), b, a});
  }
  void Text(std::string_view field, const Text2& before, const Text2& after) {
    Field(std::string(field) + ".zh", before.zh, after.zh);
    Field(std::string(field) + ".en", before.en, after.en);
  }
  void Expr(std::string_view field, const RawExpr& before, const RawExpr& after) { Field(field, before.text, after.text); }
  void Added(std::string kind, std::string subject, std::string anchor, const std::string& what) {
    out_.push_back({ChangeAction::kAdded, std::move(kind), std::move(subject), std::move(anchor), "", "", Fold(what)});
  }
  void Removed(std::string kind, std::string subject, const std::string& what) {
    out_.push_back({ChangeAction::kRemoved, std::move(kind), std::move(subject), "", "", Fold(what), ""});
  }

 private:
  std::vector<Change>& out_;
  std::string kind_, subject_, anchor_;
};

// Added and removed entries of two lists matched by `key`; `same` is called for each entry in both.
template <typename T, typename Describe, typename Same>
void Match(Recorder& rec, const std::vector<T>& before, const std::vector<T>& after, std::string T::*key,
           const std::string& kind, std::string (*anchor)(std::string_view), Describe describe, Same same) {
  for (const T& b : before)
    if (!FindBy(after, b.*key, key)) rec.Removed(kind, b.*key, describe(b));
  for (const T& a : after) {
    if (const T* b = FindBy(before, a.*key, key)) {
      same(*b, a);
    } else {
      rec.Added(kind, a.*key, anchor(a.*key), describe(a));
    }
  }
}

std::string NoAnchor(std::string_view) { return ""; }

// The text of a rule's shown value `name`, "" when it has none.
std::string ValueExpr(const pack::RawRule& r, const std::string& name) {
  for (const auto& kv : r.values)
    if (kv.first == name) return kv.second.text;
  return "";
}

void DiffRule(Recorder& rec, const pack::RawRule& b, const pack::RawRule& a) {
  rec.Subject("rule", a.id, RuleAnchor(a.id));
  rec.Expr("when", b.when, a.when);
  rec.Expr("test", b.test, a.test);
  for (const auto& kv : b.values) rec.Field("values." + kv.first, kv.second.text, ValueExpr(a, kv.first));
  for (const auto& kv : a.values)
    if (ValueExpr(b, kv.first).empty()) rec.Field("values." + kv.first, "", kv.second.text);
  rec.Text("pass", b.pass, a.pass);
  rec.Text("fail", b.fail, a.fail);
  rec.Text("unknown", b.unknown, a.unknown);
  rec.Field("basis", b.basis, a.basis);
  rec.Field("note", b.note, a.note);
}

std::vector<std::string> RuleIds(const pack::RawProgram& p) {
  std::vector<std::string> ids;
  for (const auto& r : p.rules) ids.push_back(r.id);
  return ids;
}

void DiffPhaseOut(Recorder& rec, const pack::RawPhaseOut& b, const pack::RawPhaseOut& a) {
  rec.Expr("phase_out.applies", b.applies, a.applies);
  rec.Expr("phase_out.grant", b.grant, a.grant);
  rec.Expr("phase_out.until", b.until, a.until);
  rec.Text("phase_out.pass", b.pass, a.pass);
  rec.Text("phase_out.fail", b.fail, a.fail);
  rec.Field("phase_out.basis", b.basis, a.basis);
  rec.Field("phase_out.note", b.note, a.note);
}

void DiffNotices(Recorder& rec, const pack::RawProgram& b, const pack::RawProgram& a) {
  auto describe = [](const pack::RawNotice& n) { return n.code + ": " + n.message.zh; };
  Match(rec, b.notices, a.notices, &pack::RawNotice::code, "notice", NoAnchor, describe,
        [&](const pack::RawNotice& nb, const pack::RawNotice& na) {
          rec.Subject("notice", a.id + " " + na.code, ProgramAnchor(a.id));
          rec.Expr("when", nb.when, na.when);
          rec.Text("message", nb.message, na.message);
          rec.Field("basis", nb.basis, na.basis);
        });
}

void DiffProgram(Recorder& rec, const pack::RawProgram& b, const pack::RawProgram& a) {
  rec.Subject("program", a.id, ProgramAnchor(a.id));
  rec.Text("title", b.title, a.title);
  rec.Field("program", b.program, a.program);
  rec.Field("scope", b.scope, a.scope);
  rec.Expr("for_each", b.for_each, a.for_each);
  rec.Field("exception_of", b.exception_of, a.exception_of);
  rec.Field("basis", b.basis, a.basis);
  rec.Field("note", b.note, a.note);
  rec.Expr("amount", b.amount, a.amount);
  rec.Expr("review_months", b.review_months, a.review_months);
  DiffPhaseOut(rec, b.phase_out, a.phase_out);
  rec.Field("rules (order)", Joined(RuleIds(b), ", "), Joined(RuleIds(a), ", "));
  auto describe = [](const pack::RawRule& r) { return r.test.text + " — " + r.pass.zh; };
  Match(rec, b.rules, a.rules, &pack::RawRule::id, "rule", RuleAnchor, describe,
        [&](const pack::RawRule& rb, const pack::RawRule& ra) { DiffRule(rec, rb, ra); });
  DiffNotices(rec, b, a);
}

// The keys of a parameter value with their text. A kinds list is also in `values`, as an empty placeholder
// (pack_loader.cpp): the list's items stand in for it.
std::vector<std::pair<std::string, std::string>> KeyTexts(const pack::RawParamValue& v) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, e] : v.values) {
    std::string text = e.text;
    for (const auto& [list_key, items] : v.lists)
      if (list_key == key) text = "[" + Joined(items, ", ") + "]";
    out.emplace_back(key, text);
  }
  return out;
}

std::string RegionOf(const pack::RawParamValue& v) { return v.region + " " + v.from.ToString(); }

std::string ValueText(const pack::RawParamValue& v) {
  std::vector<std::string> parts;
  for (const auto& [key, text] : KeyTexts(v)) parts.push_back(key + ": " + text);
  return Joined(parts, "; ") + (v.source.empty() ? "" : " (" + v.source + ")");
}


std::string TextOf(const std::vector<std::pair<std::string, std::string>>& keys, const std::string& key) {
  for (const auto& [k, text] : keys)
    if (k == key) return text;
  return "";
}

void DiffValue(Recorder& rec, const pack::RawParam& p, const pack::RawParamValue& b, const pack::RawParamValue& a) {
  rec.Subject("value", p.name + " " + RegionOf(a), ParamAnchor(p.name));
  auto kb = KeyTexts(b), ka = KeyTexts(a);
  for (const auto& [key, text] : kb) rec.Field(key, text, TextOf(ka, key));
  for (const auto& [key, text] : ka)
    if (TextOf(kb, key).empty()) rec.Field(key, "", text);
  rec.Field("basis_until", b.basis_until ? b.basis_until->ToString() : "", a.basis_until ? a.basis_until->ToString() : "");
  rec.Field("source", b.source, a.source);
  rec.Field("note", b.note, a.note);
}

void DiffParamValues(Recorder& rec, const pack::RawParam& b, const pack::RawParam& a) {
  auto same_key = [](const pack::RawParamValue& x, const pack::RawParamValue& y) {
    return x.region == y.region && x.from == y.from;
  };
  for (const auto& vb : b.values) {
    auto it = std::find_if(a.values.begin(), a.values.end(), [&](const auto& va) { return same_key(vb, va); });
    if (it == a.values.end()) rec.Removed("value", a.name + " " + RegionOf(vb), ValueText(vb));
  }
  for (const auto& va : a.values) {
    auto it = std::find_if(b.values.begin(), b.values.end(), [&](const auto& vb) { return same_key(vb, va); });
    if (it == b.values.end()) {
      rec.Added("value", a.name + " " + RegionOf(va), ParamAnchor(a.name), ValueText(va));
    } else {
      DiffValue(rec, a, *it, va);
    }
  }
}

void DiffParam(Recorder& rec, const pack::RawParam& b, const pack::RawParam& a) {
  rec.Subject("parameter", a.name, ParamAnchor(a.name));
  rec.Field("type", b.type, a.type);
  rec.Field("by", Joined(b.by, ", "), Joined(a.by, ", "));
  rec.Field("optional", b.optional ? "true" : "false", a.optional ? "true" : "false");
  rec.Text("title", b.title, a.title);
  rec.Field("basis", b.basis, a.basis);
  rec.Field("note", b.note, a.note);
  DiffParamValues(rec, b, a);
}

void DiffDerived(Recorder& rec, const pack::RawDerived& b, const pack::RawDerived& a) {
  rec.Subject("derived", a.name, DerivedAnchor(a.name));
  rec.Field("scope", b.scope, a.scope);
  rec.Expr("expr", b.expr, a.expr);
  rec.Text("title", b.title, a.title);
  rec.Field("basis", b.basis, a.basis);
  rec.Field("note", b.note, a.note);
}

}  // namespace

std::vector<Change> DiffPacks(const pack::RawPack& base, const pack::RawPack& now) {
  std::vector<Change> out;
  Recorder rec(out);
  rec.Subject("pack", now.name, "");
  rec.Field("pack", base.name, now.name);
  rec.Field("order", Joined(base.order, ", "), Joined(now.order, ", "));
  Match(rec, base.programs, now.programs, &pack::RawProgram::id, "program", ProgramAnchor,
        [](const pack::RawProgram& p) { return p.title.zh + " " + p.title.en; },
        [&](const pack::RawProgram& b, const pack::RawProgram& a) { DiffProgram(rec, b, a); });
  Match(rec, base.derived, now.derived, &pack::RawDerived::name, "derived", DerivedAnchor,
        [](const pack::RawDerived& d) { return d.title.zh + ": " + d.expr.text; },
        [&](const pack::RawDerived& b, const pack::RawDerived& a) { DiffDerived(rec, b, a); });
  Match(rec, base.params, now.params, &pack::RawParam::name, "parameter", ParamAnchor,
        [](const pack::RawParam& p) { return p.title.zh + " (" + std::to_string(p.values.size()) + " values)"; },
        [&](const pack::RawParam& b, const pack::RawParam& a) { DiffParam(rec, b, a); });
  Match(rec, base.regions, now.regions, &pack::RawRegion::code, "region", NoAnchor,
        [](const pack::RawRegion& r) { return r.name; },
        [&](const pack::RawRegion& b, const pack::RawRegion& a) {
          rec.Subject("region", a.code, "regions");
          rec.Field("name", b.name, a.name);
        });
  return out;
}

}  // namespace jiuzhu::doc
