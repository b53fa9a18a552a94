// Cross-program checks a reviewer makes on a pack: static analysis of the expressions as written (the AST,
// which keeps every column), with the compiled parameter tables for dates and regions.
//
//   TEKUN_COUNTED_IN_DIBAO (error)   a person could be 特困 and counted in a 低保 household at once.
//     The 低保 household entry (program dibao, household scope) decides on counts and sums over `members`
//     (counted_members, counted_income, ...). Every `count(...)`/`sum(...)` over `members` that its rules, amount
//     or 渐退期 read (through derived values, not through other programs' results) must filter members by a
//     condition that is false for a member whose 特困 result is eligible — `status_of('tekun', m) != 'eligible'`,
//     `not eligible('tekun', m)`, or a member value such as `m.counted` whose definition says so (followed
//     through `and`). A 低保 exception entry (单人保) must do the same in its `for_each`, and the 低保 entry must
//     not read `member_count` (every member) in a test or amount. Why a static rule and not a declaration:
//     semantics.md §3 fixes the interaction (特困 first, then who is counted), so a pack never needs to say it,
//     only to keep it; an edit that drops the condition is exactly the mistake to catch. The error points at
//     the definition that lost it (the derived value's expression, e.g. `counted`, or the aggregate or
//     for_each itself). Packs without both a 低保 household entry and a `tekun` member entry are not checked.
//
//   DERIVED_PARAM_MISSING (warning)  a region has a 低保标准 for a date but not a value another rule multiplies
//     it by (tekun.basic_multiple for the 特困 floor, dibao.edge_multiple, assets.financial_months ...).
//     Found, not listed: every `P * S` where S reads dibao.standard (directly or through derived values) and P is
//     a parameter, unless P is `optional: true` or the product is a non-last argument of coalesce() (it has a
//     fallback). For each region's (and the national) 低保标准 entry, each such P must resolve — as evaluation
//     resolves it: the most specific declared region with a value in force, else national — for each hukou the
//     entry gives, on the entry's date and on every date P changes before the next entry. Reported at the
//     低保标准 entry, naming each missing P, where it is used, the hukou and the first date.
#include <algorithm>
#include <map>
#include <set>

#include "compile/compiler.h"
#include "expr/parser.h"

namespace jiuzhu::compile {
namespace {

using expr::Ast;
using expr::NodeKind;

struct Parsed {
  const pack::RawExpr* src = nullptr;
  Ast ast;
  bool ok = false;
};

class Analyzer {
 public:
  Analyzer(const pack::RawPack& raw, const RulePack& pack, pack::DiagnosticSink& sink) : raw_(raw), pack_(pack), sink_(sink) {
    for (const auto& d : raw_.derived) derived_[d.name] = &d;
    for (const auto& p : raw_.params) params_[p.name] = &p;
  }

  void CheckTekunInDibao();
  void CheckDerivedParams();

 private:
  const Parsed& Get(const pack::RawExpr& e) {
    auto it = parsed_.find(&e);
    if (it != parsed_.end()) return it->second;
    Parsed& p = parsed_[&e];
    p.src = &e;
    std::vector<expr::ParseError> errors;
    p.ok = e.present() && expr::Parse(e.text, p.ast, errors) && p.ast.root >= 0;
    return p;
  }

  // "dibao.standard", "m.counted", "counted_members": a name or a chain of fields; "" for anything else.
  static std::string Dotted(const Ast& ast, int node) {
    const expr::Node& n = ast.nodes[node];
    if (n.kind == NodeKind::kName) return n.text;
    if (n.kind != NodeKind::kField) return "";
    std::string base = Dotted(ast, n.kids[0]);
    return base.empty() ? "" : base + "." + n.text;
  }

  // The derived value a name refers to: a household value by name, a member/obligor value as `var.name`.
  const pack::RawDerived* DerivedOf(const Ast& ast, int node, const std::set<std::string>& vars) const {
    std::string dotted = Dotted(ast, node);
    if (dotted.empty()) return nullptr;
    size_t dot = dotted.find('.');
    if (dot != std::string::npos && vars.count(dotted.substr(0, dot))) {
      auto it = derived_.find(dotted.substr(dot + 1));
      return it != derived_.end() && it->second->scope != "household" ? it->second : nullptr;
    }
    auto it = derived_.find(dotted);
    return it != derived_.end() && it->second->scope == "household" ? it->second : nullptr;
  }

  static std::set<std::string> VarsOf(const pack::RawDerived& d) {
    if (d.scope == "member") return {"m"};
    if (d.scope == "obligor") return {"o"};
    return {};
  }

  // ---------------------------------------------------------------- 特困 / 低保
  struct Blame {
    pack::Pos pos;
    std::string what;      // the definition at fault
    std::set<std::string> users;  // where the count or sum is written
  };

  bool IsStatusOfTekun(const Ast& ast, int node, const std::string& var) const {
    const expr::Node& n = ast.nodes[node];
    if (n.kind != NodeKind::kCall || n.kids.size() != 2) return false;
    const expr::Node& a = ast.nodes[n.kids[0]];
    const expr::Node& b = ast.nodes[n.kids[1]];
    return a.kind == NodeKind::kString && a.text == tekun_ && b.kind == NodeKind::kName && b.text == var;
  }

  // Whether `node` (a yes/no about member `var`) is false for a member whose 特困 result is eligible.
  bool ExcludesTekun(const Ast& ast, int node, const std::string& var, int depth) {
    if (node < 0 || depth > 16) return false;
    const expr::Node& n = ast.nodes[node];
    if (n.kind == NodeKind::kBinary && n.text == "and")
      return ExcludesTekun(ast, n.kids[0], var, depth + 1) || ExcludesTekun(ast, n.kids[1], var, depth + 1);
    if (n.kind == NodeKind::kBinary && (n.text == "!=" || n.text == "==")) {
      for (int side = 0; side < 2; ++side) {
        const expr::Node& other = ast.nodes[n.kids[1 - side]];
        if (ast.nodes[n.kids[side]].kind != NodeKind::kCall || ast.nodes[n.kids[side]].text != "status_of") continue;
        if (!IsStatusOfTekun(ast, n.kids[side], var) || other.kind != NodeKind::kString) continue;
        if (n.text == "!=" ? other.text == "eligible" : other.text != "eligible") return true;
      }
      return false;
    }
    if (n.kind == NodeKind::kUnary && n.text == "not") {
      const expr::Node& k = ast.nodes[n.kids[0]];
      return k.kind == NodeKind::kCall && k.text == "eligible" && IsStatusOfTekun(ast, n.kids[0], var);
    }
    if (n.kind == NodeKind::kField && ast.nodes[n.kids[0]].kind == NodeKind::kName && ast.nodes[n.kids[0]].text == var) {
      auto it = derived_.find(n.text);
      if (it == derived_.end() || it->second->scope != "member") return false;
      const Parsed& p = Get(it->second->expr);
      return p.ok && ExcludesTekun(p.ast, p.ast.root, "m", depth + 1);
    }
    return false;
  }

  // The definition to point at when `filter` does not exclude 特困: the member value it relies on (the
  // 共同生活家庭成员 definition) when the filter is just that value, or when it is the value the 低保 counts
  // filter by (so 单人保's `m.counted and ...` blames `counted`); else the filter or aggregate itself.
  std::pair<pack::Pos, std::string> BlameOf(const Parsed& p, int filter, int aggregate, const std::string& var) {
    if (filter < 0) return {p.src->PosAt(p.ast.nodes[aggregate].offset), "the aggregate"};
    std::vector<int> conjuncts, stack = {filter};
    while (!stack.empty()) {
      int node = stack.back();
      stack.pop_back();
      const expr::Node& n = p.ast.nodes[node];
      if (n.kind == NodeKind::kBinary && n.text == "and") {
        stack.push_back(n.kids[1]);
        stack.push_back(n.kids[0]);
      } else {
        conjuncts.push_back(node);
      }
    }
    for (int node : conjuncts) {
      const expr::Node& n = p.ast.nodes[node];
      if (n.kind != NodeKind::kField || p.ast.nodes[n.kids[0]].kind != NodeKind::kName || p.ast.nodes[n.kids[0]].text != var) continue;
      auto it = derived_.find(n.text);
      if (it == derived_.end() || it->second->scope != "member") continue;
      if (conjuncts.size() == 1) membership_.insert(n.text);
      if (conjuncts.size() == 1 || membership_.count(n.text))
        return {it->second->expr.PosAt(0), "member value '" + n.text + "'"};
    }
    return {p.src->PosAt(p.ast.nodes[filter].offset), conjuncts.size() == 1 ? "the filter" : "the condition"};
  }

  void AddBlame(pack::Pos pos, const std::string& what, const std::string& user) {
    std::string key = std::to_string(pos.file) + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
    Blame& b = blames_[key];
    b.pos = pos;
    b.what = what;
    b.users.insert(user);
  }

  void WalkDibao(const Parsed& p, int node, const std::set<std::string>& vars, const std::string& where) {
    if (node < 0) return;
    const expr::Node& n = p.ast.nodes[node];
    if (n.kind == NodeKind::kAggregate) {
      const expr::Node& source = p.ast.nodes[n.kids[1]];
      bool over_members = source.kind == NodeKind::kName && source.text == "members" && !vars.count("members");
      if (over_members && (n.text == "count" || n.text == "sum") && !ExcludesTekun(p.ast, n.kids[2], n.var, 0)) {
        auto [pos, what] = BlameOf(p, n.kids[2], node, n.var);
        AddBlame(pos, what, where + " (`" + p.src->text.substr(n.offset, n.length) + "`)");
      }
      std::set<std::string> inner = vars;
      inner.insert(n.var);
      WalkDibao(p, n.kids[0], inner, where);
      WalkDibao(p, n.kids[1], vars, where);
      return;  // the filter chooses members; what it reads is not a count of them
    }
    if (n.kind == NodeKind::kCall && (n.text == "status_of" || n.text == "eligible" || n.text == "amount_of" || n.text == "in_phase_out"))
      return;  // another program's result: checked as that program
    if (n.kind == NodeKind::kName && n.text == "member_count" && !vars.count(n.text)) {
      AddBlame(p.src->PosAt(n.offset), "'member_count' (every member, 特困 included)", where);
      return;
    }
    if (n.kind == NodeKind::kName || n.kind == NodeKind::kField) {
      if (const pack::RawDerived* d = DerivedOf(p.ast, node, vars)) {
        if (walked_.insert(d->name).second) {
          const Parsed& dp = Get(d->expr);
          if (dp.ok) WalkDibao(dp, dp.ast.root, VarsOf(*d), "'" + d->name + "'");
        }
        return;
      }
    }
    for (int k : n.kids) WalkDibao(p, k, vars, where);
  }

  // ---------------------------------------------------------------- derived from the 低保标准
  bool ReadsStandard(const Ast& ast, int node, const std::set<std::string>& vars, int depth) {
    if (node < 0 || depth > 32) return false;
    const expr::Node& n = ast.nodes[node];
    if (n.kind == NodeKind::kName || n.kind == NodeKind::kField) {
      if (Dotted(ast, node) == "dibao.standard") return true;
      if (const pack::RawDerived* d = DerivedOf(ast, node, vars)) {
        auto memo = reads_standard_.find(d->name);
        if (memo != reads_standard_.end()) return memo->second;
        reads_standard_[d->name] = false;  // a cycle is the compiler's error; here it reads as "no"
        const Parsed& dp = Get(d->expr);
        bool r = dp.ok && ReadsStandard(dp.ast, dp.ast.root, VarsOf(*d), depth + 1);
        reads_standard_[d->name] = r;
        return r;
      }
    }
    if (n.kind == NodeKind::kCall && (n.text == "status_of" || n.text == "eligible" || n.text == "amount_of")) return false;
    std::set<std::string> inner = vars;
    if (n.kind == NodeKind::kAggregate) inner.insert(n.var);
    for (int k : n.kids)
      if (ReadsStandard(ast, k, inner, depth + 1)) return true;
    return false;
  }

  void FindMultipliers(const Parsed& p, int node, const std::set<std::string>& vars, const std::string& where, bool fallback) {
    if (node < 0) return;
    const expr::Node& n = p.ast.nodes[node];
    if (n.kind == NodeKind::kBinary && n.text == "*" && !fallback) {
      for (int side = 0; side < 2; ++side) {
        std::string name = Dotted(p.ast, n.kids[side]);
        auto it = params_.find(name);
        if (it == params_.end() || it->second->optional || name == "dibao.standard") continue;
        if (ReadsStandard(p.ast, n.kids[1 - side], vars, 0)) multipliers_.emplace(name, where);
      }
    }
    std::set<std::string> inner = vars;
    if (n.kind == NodeKind::kAggregate) inner.insert(n.var);
    bool coalesce = n.kind == NodeKind::kCall && n.text == "coalesce";
    for (size_t k = 0; k < n.kids.size(); ++k)
      FindMultipliers(p, n.kids[k], n.kind == NodeKind::kAggregate && k == 0 ? inner : vars, where,
                      fallback || (coalesce && k + 1 < n.kids.size()));
  }

  void Scan(const pack::RawExpr& e, const std::set<std::string>& vars, const std::string& where) {
    const Parsed& p = Get(e);
    if (p.ok) FindMultipliers(p, p.ast.root, vars, where, false);
  }

  // Mirrors eval's look-up (Frame::Param): the most specific region of `chain` with a value in force on `day`,
  // else national; true when that value has one of the keys for (hukou, setting).
  static bool Resolves(const plan::Param& p, const std::vector<int>& chain, Date day, int hukou, int setting) {
    auto in_force = [&](int region) -> const plan::ParamValue* {
      const plan::ParamValue* found = nullptr;
      for (const auto& rv : p.regions)
        if (rv.region == region)
          for (const auto& v : rv.values) if (v.from <= day) found = &v;
      return found;
    };
    const plan::ParamValue* v = nullptr;
    for (int r : chain) if ((v = in_force(r))) break;
    if (!v) v = in_force(-1);
    if (!v) return false;
    for (int key : p.candidates[hukou][setting])
      if (v->by_key[key].known()) return true;
    return false;
  }

  const pack::RawPack& raw_;
  const RulePack& pack_;
  pack::DiagnosticSink& sink_;
  std::map<const pack::RawExpr*, Parsed> parsed_;
  std::map<std::string, const pack::RawDerived*> derived_;
  std::map<std::string, const pack::RawParam*> params_;
  std::string tekun_;
  std::set<std::string> walked_;
  std::set<std::string> membership_;  // member values the 低保 counts filter by alone (e.g. counted)
  std::map<std::string, Blame> blames_;
  std::map<std::string, bool> reads_standard_;
  std::map<std::string, std::string> multipliers_;  // parameter -> first use
};

void Analyzer::CheckTekunInDibao() {
  const pack::RawProgram* dibao = nullptr;
  const pack::RawProgram* tekun = nullptr;
  for (const auto& p : raw_.programs) {
    if (p.program == "dibao" && p.scope == "household" && p.exception_of.empty() && !dibao) dibao = &p;
    if (p.program == "tekun" && p.scope == "member" && !tekun) tekun = &p;
  }
  if (!dibao || !tekun) return;
  tekun_ = tekun->id;
  auto walk = [&](const pack::RawExpr& e, const std::string& where) {
    const Parsed& p = Get(e);
    if (p.ok) WalkDibao(p, p.ast.root, {}, where);
  };
  for (const auto& r : dibao->rules) {
    walk(r.when, "rule " + r.id);
    walk(r.test, "rule " + r.id);
  }
  walk(dibao->amount, "the amount of '" + dibao->id + "'");
  if (dibao->phase_out.present()) {
    walk(dibao->phase_out.applies, "the 渐退期 of '" + dibao->id + "'");
    walk(dibao->phase_out.grant, "the 渐退期 of '" + dibao->id + "'");
  }
  // 单人保 and any other exception to 低保: its members must not be 特困 either.
  for (const auto& p : raw_.programs) {
    if (p.program != "dibao" || p.scope != "member" || !p.for_each.present()) continue;
    const Parsed& fp = Get(p.for_each);
    if (!fp.ok || ExcludesTekun(fp.ast, fp.ast.root, "m", 0)) continue;
    auto [pos, what] = BlameOf(fp, fp.ast.root, fp.ast.root, "m");
    AddBlame(pos, what, "for_each of '" + p.id + "'");
  }
  for (const auto& [key, b] : blames_) {
    std::string users;
    for (const auto& u : b.users) users += (users.empty() ? "" : "; ") + u;
    sink_.Error(b.pos, "TEKUN_COUNTED_IN_DIBAO",
                b.what + " does not leave out a member whose 特困 result is eligible, and 低保 counts or covers members by it (" +
                    users + "): a person could be supported as 特困 and counted in a 低保 household at once. Add `and status_of('" +
                    tekun_ + "', m) != 'eligible'` to the condition (semantics.md §3)");
  }
}

void Analyzer::CheckDerivedParams() {
  const plan::Param* standard = nullptr;
  for (const auto& p : pack_.params) if (p.name == "dibao.standard") standard = &p;
  if (!standard) return;
  for (const auto& d : raw_.derived) Scan(d.expr, VarsOf(d), "'" + d.name + "'");
  for (const auto& prog : raw_.programs) {
    std::set<std::string> vars;
    if (prog.scope == "member") vars.insert("m");
    for (const auto& r : prog.rules) {
      Scan(r.when, vars, "rule " + r.id);
      Scan(r.test, vars, "rule " + r.id);
      for (const auto& v : r.values) Scan(v.second, vars, "rule " + r.id);
    }
    Scan(prog.amount, vars, "the amount of '" + prog.id + "'");
    Scan(prog.for_each, vars, "for_each of '" + prog.id + "'");
    if (prog.phase_out.present()) {
      Scan(prog.phase_out.grant, vars, "the 渐退期 of '" + prog.id + "'");
      Scan(prog.phase_out.until, vars, "the 渐退期 of '" + prog.id + "'");
    }
  }
  if (multipliers_.empty()) return;
  const pack::RawParam* raw_standard = params_.count("dibao.standard") ? params_.at("dibao.standard") : nullptr;
  for (const auto& sr : standard->regions) {
    // Declared regions enclosing this one, most specific first (pack_.regions is sorted that way).
    std::vector<int> chain;
    if (sr.region >= 0) {
      const std::string& sig = pack_.regions[sr.region].significant;
      for (size_t r = 0; r < pack_.regions.size(); ++r)
        if (sig.compare(0, pack_.regions[r].significant.size(), pack_.regions[r].significant) == 0) chain.push_back(static_cast<int>(r));
    }
    const std::string code = sr.region >= 0 ? pack_.regions[sr.region].code : "national";
    for (size_t i = 0; i < sr.values.size(); ++i) {
      const plan::ParamValue& sv = sr.values[i];
      std::optional<Date> next;
      if (i + 1 < sr.values.size()) next = sr.values[i + 1].from;
      std::string missing;
      for (const auto& [name, where] : multipliers_) {
        const plan::Param* p = nullptr;
        for (const auto& q : pack_.params) if (q.name == name) p = &q;
        if (!p) continue;
        std::vector<Date> days = {sv.from};
        for (const auto& rv : p->regions) {
          bool relevant = rv.region < 0 || std::find(chain.begin(), chain.end(), rv.region) != chain.end();
          if (!relevant) continue;
          for (const auto& v : rv.values)
            if (v.from > sv.from && (!next || v.from < *next)) days.push_back(v.from);
        }
        std::sort(days.begin(), days.end());
        std::string first;
        for (Date day : days) {
          for (int hukou = 0; hukou < 2 && first.empty(); ++hukou) {
            // Only the hukou the 低保标准 entry gives a value for.
            bool has = std::any_of(standard->candidates[hukou][0].begin(), standard->candidates[hukou][0].end(),
                                   [&](int key) { return sv.by_key[key].known(); });
            if (!has) continue;
            for (int setting = 0; setting < (p->by_setting ? 2 : 1) && first.empty(); ++setting)
              if (!Resolves(*p, chain, day, hukou, setting))
                first = std::string(hukou == 0 ? "urban" : "rural") + " on " + day.ToString();
          }
          if (!first.empty()) break;
        }
        if (!first.empty()) missing += (missing.empty() ? "" : "; ") + name + " (× 低保标准 in " + where + "; " + first + ")";
      }
      if (missing.empty()) continue;
      pack::Pos pos;
      if (raw_standard)
        for (const auto& v : raw_standard->values)
          if (v.region == code && v.from == sv.from) pos = v.pos;
      sink_.Warning(pos, "DERIVED_PARAM_MISSING",
                    "低保标准 of " + code + " from " + sv.from.ToString() +
                        (next ? " (until " + next->AddDays(-1).ToString() + ")" : "") +
                        " lacks values derived from it: " + missing + " — results that need them are undetermined there");
    }
  }
}

}  // namespace

void RunProgramChecks(const pack::RawPack& raw, const RulePack& pack, pack::DiagnosticSink& sink) {
  Analyzer a(raw, pack, sink);
  a.CheckTekunInDibao();
  a.CheckDerivedParams();
}

}  // namespace jiuzhu::compile
