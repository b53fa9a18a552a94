#include "compile/compiler.h"

#include <algorithm>
#include <boost/uuid/detail/sha1.hpp>
#include <unordered_map>
#include <unordered_set>

#include "base/did_you_mean.h"
#include "check/binder.h"
#include "check/catalog.h"
#include "expr/parser.h"
#include "jiuzhu/engine.h"

namespace jiuzhu::compile {
namespace {

using plan::Type;
using plan::TypeInfo;

TypeInfo T(Type t, Domain d = Domain::kNone) { return TypeInfo{t, d, false}; }

std::string Significant(const std::string& code) {
  std::string s = code;
  while (s.size() > 2 && s.compare(s.size() - 2, 2, "00") == 0) s.resize(s.size() - 2);
  return s;
}

class Compiler {
 public:
  Compiler(const pack::RawPack& raw, pack::DiagnosticSink& sink)
      : raw_(raw), sink_(sink), pack_(std::make_unique<RulePack>()), binder_(*pack_, raw, sink) {}

  std::unique_ptr<RulePack> Run() {
    pack_->name = raw_.name;
    pack_->layers = raw_.layers;
    if (pack_->layers.empty()) pack_->layers.emplace_back(raw_.name);
    for (int layer = 0; layer < static_cast<int>(pack_->layers.size()); ++layer) {
      size_t first = pack_->sources.size();
      for (const auto& f : raw_.files)
        if (f.layer == layer) pack_->sources.emplace_back(f.key.empty() ? f.path : f.key, f.text);
      std::sort(pack_->sources.begin() + static_cast<std::ptrdiff_t>(first), pack_->sources.end());
    }
    CompileRegions();
    CompileParams();
    pack_->derived.resize(raw_.derived.size());
    for (size_t i = 0; i < raw_.derived.size(); ++i) {
      pack_->derived[i].name = raw_.derived[i].name;
      const std::string& s = raw_.derived[i].scope;
      pack_->derived[i].scope = s == "member" ? 1 : s == "obligor" ? 2 : 0;
      if (s != "household" && s != "member" && s != "obligor")
        sink_.Error(raw_.derived[i].pos, "BAD_SCOPE", "scope is household, member or obligor, not '" + s + "'");
    }
    CheckDuplicateNames();
    binder_.BindAllDerived();
    entry_deps_.resize(raw_.programs.size());
    for (size_t i = 0; i < raw_.programs.size(); ++i) CompileEntry(static_cast<int>(i));
    CheckEntryCycles();
    MarkByPerson();
    CompileOrder();
    pack_->version = Hash();
    if (sink_.errors() > 0) return nullptr;
    return std::move(pack_);
  }

 private:
  void CompileRegions() {
    std::unordered_set<std::string> seen;
    for (const auto& r : raw_.regions) {
      bool digits = r.code.size() == 6 && std::all_of(r.code.begin(), r.code.end(), ::isdigit);
      if (!digits) { sink_.Error(r.pos, "BAD_REGION", "a region code is 6 digits (行政区划代码), not '" + r.code + "'"); continue; }
      if (!seen.insert(r.code).second) { sink_.Error(r.pos, "DUPLICATE_REGION", "region " + r.code + " is declared twice"); continue; }
      pack_->regions.push_back({r.code, Significant(r.code), r.name});
    }
    std::stable_sort(pack_->regions.begin(), pack_->regions.end(),
                     [](const plan::Region& a, const plan::Region& b) { return a.significant.size() > b.significant.size(); });
  }

  int RegionIndex(const std::string& code) const {
    for (size_t i = 0; i < pack_->regions.size(); ++i)
      if (pack_->regions[i].code == code) return static_cast<int>(i);
    return -2;
  }

  void CompileParams() {
    for (const auto& rp : raw_.params) {
      plan::Param p;
      p.name = rp.name;
      p.title_zh = rp.title.zh;
      p.title_en = rp.title.en;
      if (rp.type == "money") p.type = T(Type::kMoney);
      else if (rp.type == "number") p.type = T(Type::kNumber);
      else if (rp.type == "bool") p.type = T(Type::kBool);
      else if (rp.type == "kinds") p.type = T(Type::kSet, Domain::kIncomeKind);
      else if (rp.type == "rounding") p.type = T(Type::kEnum, Domain::kRounding);
      else sink_.Error(rp.pos, "BAD_TYPE", "parameter type is money, number, bool, kinds or rounding, not '" + rp.type + "'");
      for (const auto& d : rp.by) {
        if (d == "hukou") p.by_hukou = true;
        else if (d == "setting") p.by_setting = true;
        else sink_.Error(rp.pos, "BAD_DIMENSION", "a parameter varies 'by' hukou and/or setting, not '" + d + "'");
      }
      p.keys = KeysFor(p);
      SetCandidates(p);
      for (const auto& v : rp.values) AddParamValue(rp, v, p);
      for (auto& r : p.regions)
        std::stable_sort(r.values.begin(), r.values.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
      if (rp.name == "money.rounding") pack_->rounding_param = static_cast<int>(pack_->params.size());
      pack_->params.push_back(std::move(p));
    }
  }

  static std::vector<std::string> KeysFor(const plan::Param& p) {
    std::vector<std::string> keys = {"value"};
    if (p.by_hukou) { keys.push_back("urban"); keys.push_back("rural"); }
    if (p.by_setting) {
      keys.push_back("dispersed");
      keys.push_back("institutional");
      if (p.by_hukou)
        for (const char* h : {"urban", "rural"})
          for (const char* s : {"dispersed", "institutional"}) keys.push_back(std::string(h) + "." + s);
    }
    return keys;
  }

  // "rural.institutional", "rural", "institutional", "value": the keys a look-up tries, resolved once here.
  static void SetCandidates(plan::Param& p) {
    for (int h = 0; h < 2; ++h) {
      for (int s = 0; s < 2; ++s) {
        std::string hukou = h == 0 ? "urban" : "rural", setting = s == 0 ? "dispersed" : "institutional";
        std::vector<std::string> wanted;
        if (p.by_hukou && p.by_setting) wanted.push_back(hukou + "." + setting);
        if (p.by_hukou) wanted.push_back(hukou);
        if (p.by_setting) wanted.push_back(setting);
        wanted.push_back("value");
        for (const auto& key : wanted)
          for (size_t k = 0; k < p.keys.size(); ++k)
            if (p.keys[k] == key) p.candidates[h][s].push_back(static_cast<int>(k));
      }
    }
  }

  void AddParamValue(const pack::RawParam& rp, const pack::RawParamValue& v, plan::Param& p) {
    int region = v.region == "national" ? -1 : RegionIndex(v.region);
    if (region == -2) {
      std::vector<std::string_view> codes;
      for (const auto& r : raw_.regions) codes.push_back(r.code);
      sink_.Error(v.pos, "UNKNOWN_REGION", "region '" + v.region + "' is not declared under regions" + base::DidYouMeanSuffix(v.region, codes));
      return;
    }
    plan::ParamRegionValues* slot = nullptr;
    for (auto& r : p.regions) if (r.region == region) slot = &r;
    if (!slot) { p.regions.push_back({region, {}}); slot = &p.regions.back(); }
    // A value holds from its date until the next one of the same region, so two values overlap exactly when
    // they start on the same day for the same region.
    for (size_t k = 0; k < slot->values.size(); ++k)
      if (slot->values[k].from == v.from) {
        const pack::RawParamValue* other = nullptr;
        for (const auto& w : rp.values) if (&w != &v && w.region == v.region && w.from == v.from && !other) other = &w;
        std::string where = other && other->pos.file >= 0
                                ? " (the other is at " + raw_.files[other->pos.file].path + ":" + std::to_string(other->pos.line) + ")"
                                : "";
        sink_.Error(v.pos, "OVERLAPPING_VALUES", "parameter '" + rp.name + "' has two values for " + v.region + " from " +
                                                     v.from.ToString() + where + ": which one holds is ambiguous");
      }
    plan::ParamValue pv;
    pv.from = v.from;
    pv.layer = v.layer;
    pv.by_key.assign(p.keys.size(), Value::Unknown());
    if (v.values.empty()) sink_.Error(v.pos, "MISSING_VALUE", "a value entry of '" + rp.name + "' gives no value (value: / urban: / rural: ...)");
    for (const auto& [key, expr] : v.values) {
      auto it = std::find(p.keys.begin(), p.keys.end(), key);
      if (it == p.keys.end()) {
        std::vector<std::string_view> keys(p.keys.begin(), p.keys.end());
        sink_.Error(expr.pos, "UNKNOWN_KEY", "'" + key + "' is not a value key of '" + rp.name + "'" + base::DidYouMeanSuffix(key, keys));
        continue;
      }
      pv.by_key[it - p.keys.begin()] = ConstantValue(rp, p, v, key, expr);
    }
    slot->values.push_back(std::move(pv));
  }

  // A parameter value: a constant expression (money and number, e.g. `5060 / 12`), true/false, a rounding
  // mode, or a list of income kinds.
  Value ConstantValue(const pack::RawParam& rp, const plan::Param& p, const pack::RawParamValue& v,
                      const std::string& key, const pack::RawExpr& e) {
    switch (p.type.type) {
      case Type::kSet: {
        for (const auto& [k, items] : v.lists) {
          if (k != key) continue;
          uint64_t bits = 0;
          for (const auto& item : items) {
            int code = check::DomainCode(Domain::kIncomeKind, item);
            if (code < 0) sink_.Error(e.pos, "UNKNOWN_VALUE", "'" + item + "' is not an income kind" + base::DidYouMeanSuffix(item, check::DomainValues(Domain::kIncomeKind)));
            else bits |= uint64_t{1} << code;
          }
          return Value::Set(bits);
        }
        sink_.Error(e.pos, "TYPE_MISMATCH", "'" + rp.name + "' takes a list of income kinds");
        return Value::Unknown();
      }
      case Type::kEnum: {
        int code = check::DomainCode(p.type.domain, e.text);
        if (code < 0) sink_.Error(e.pos, "UNKNOWN_VALUE", "'" + e.text + "' is not a " + std::string(check::DomainName(p.type.domain)));
        return code < 0 ? Value::Unknown() : Value::Enum(code);
      }
      case Type::kBool:
        if (e.text == "true" || e.text == "false") return Value::Bool(e.text == "true");
        sink_.Error(e.pos, "TYPE_MISMATCH", "'" + rp.name + "' is true or false");
        return Value::Unknown();
      default: break;
    }
    return FoldNumber(e);
  }

  Value FoldNumber(const pack::RawExpr& e) {
    check::Scope empty;
    size_t mark = pack_->nodes.size();
    int root = binder_.Bind(e, empty);
    if (root < 0) return Value::Unknown();
    Value v = FoldConst(root);
    if (!v.known()) sink_.Error(e.pos, "NOT_CONSTANT", "a parameter value is a number or a constant calculation like 5060 / 12");
    pack_->nodes.resize(mark);  // folded: the nodes are not needed at run time
    return v;
  }

  Value FoldConst(int node) {
    const plan::Node& n = pack_->nodes[node];
    if (n.op == plan::Op::kConst) return pack_->consts[n.konst];
    if (n.op == plan::Op::kNeg) { Value a = FoldConst(n.kids[0]); return a.tag == Value::Tag::kNum ? Value::Number(-a.n) : Value::Unknown(); }
    if (n.op != plan::Op::kAdd && n.op != plan::Op::kSub && n.op != plan::Op::kMul && n.op != plan::Op::kDiv) return Value::Unknown();
    Value a = FoldConst(n.kids[0]), b = FoldConst(n.kids[1]);
    if (a.tag != Value::Tag::kNum || b.tag != Value::Tag::kNum) return Value::Unknown();
    switch (n.op) {
      case plan::Op::kAdd: return Value::Number(a.n + b.n);
      case plan::Op::kSub: return Value::Number(a.n - b.n);
      case plan::Op::kMul: return Value::Number(a.n * b.n);
      default: return Value::Number(a.n / b.n);
    }
  }

  void CheckDuplicateNames() {
    std::unordered_map<std::string, pack::Pos> seen;
    auto check = [&](const std::string& name, pack::Pos pos, const char* what) {
      auto [it, fresh] = seen.emplace(name, pos);
      if (!fresh) sink_.Error(pos, "DUPLICATE_NAME", std::string(what) + " '" + name + "' is already defined at line " + std::to_string(it->second.line));
    };
    for (const auto& p : raw_.params) check(p.name, p.pos, "parameter");
    for (const auto& d : raw_.derived) check(d.name, d.pos, "derived value");
    std::unordered_map<std::string, pack::Pos> entries;
    for (const auto& p : raw_.programs)
      if (!entries.emplace(p.id, p.pos).second) sink_.Error(p.pos, "DUPLICATE_PROGRAM", "program entry '" + p.id + "' is defined twice");
  }

  void CompileEntry(int index) {
    const pack::RawProgram& rp = raw_.programs[index];
    plan::Entry e;
    e.id = rp.id;
    e.program = rp.program;
    e.title_zh = rp.title.zh;
    e.title_en = rp.title.en;
    e.member_scope = rp.scope == "member";
    if (rp.scope != "member" && rp.scope != "household")
      sink_.Error(rp.pos, "BAD_SCOPE", "a program's scope is household or member, not '" + rp.scope + "'");
    check::Scope scope;
    if (e.member_scope) {
      e.member_slot = binder_.NewSlot();
      scope.vars.push_back({"m", {e.member_slot, T(Type::kMember)}});
      if (!rp.for_each.present()) sink_.Error(rp.pos, "MISSING_KEY", "a member program needs 'for_each': which members get a result");
      else e.for_each = binder_.BindAs(rp.for_each, scope, T(Type::kBool), "for_each", &entry_deps_[index]);
    }
    if (!rp.exception_of.empty()) {
      for (size_t i = 0; i < raw_.programs.size(); ++i) if (raw_.programs[i].id == rp.exception_of) e.exception_of = static_cast<int>(i);
      if (e.exception_of < 0) sink_.Error(rp.pos, "UNKNOWN_PROGRAM", "exception_of names no program entry '" + rp.exception_of + "'");
    }
    for (const auto& rr : rp.rules) e.rules.push_back(CompileRule(rr, scope, index));
    if (rp.amount.present()) e.amount = binder_.BindAs(rp.amount, scope, T(Type::kMoney), "amount", &entry_deps_[index]);
    else sink_.Error(rp.pos, "MISSING_KEY", "program '" + rp.id + "' needs 'amount'");
    if (rp.review_months.present()) e.review_months = binder_.BindAs(rp.review_months, scope, T(Type::kNumber), "review_months", &entry_deps_[index]);
    else sink_.Error(rp.pos, "MISSING_KEY", "program '" + rp.id + "' needs 'review_months' (复核 period)");
    if (rp.phase_out.present()) CompilePhaseOut(rp, scope, index, e);
    for (const auto& rn : rp.notices) {
      plan::Notice n;
      n.code = rn.code;
      n.when = binder_.BindAs(rn.when, scope, T(Type::kBool), "a notice's 'when'", &entry_deps_[index]);
      n.message = ParseMessage(rn.message, {}, rn.pos);
      n.basis = rn.basis;
      e.notices.push_back(std::move(n));
    }
    pack_->entries.push_back(std::move(e));
  }

  void CompilePhaseOut(const pack::RawProgram& rp, const check::Scope& scope, int index, plan::Entry& e) {
    if (e.member_scope) sink_.Error(rp.phase_out.pos, "BAD_PHASE_OUT", "a 渐退期 (phase_out) applies to household programs");
    plan::PhaseOut& po = e.phase_out;
    po.present = true;
    po.rule_id = rp.id + ".phase_out";
    po.layer = rp.layer;
    SetPosition(rp.phase_out.pos, po.file, po.line, po.column);
    po.applies = binder_.BindAs(rp.phase_out.applies, scope, T(Type::kBool), "phase_out.applies", &entry_deps_[index]);
    po.grant = binder_.BindAs(rp.phase_out.grant, scope, T(Type::kBool), "phase_out.grant", &entry_deps_[index]);
    po.until = binder_.BindAs(rp.phase_out.until, scope, T(Type::kDate), "phase_out.until", &entry_deps_[index]);
    std::vector<std::string> names = {"until"};
    po.pass = ParseMessage(rp.phase_out.pass, names, rp.phase_out.pos);
    po.fail = ParseMessage(rp.phase_out.fail, names, rp.phase_out.pos);
    po.basis = rp.phase_out.basis;
  }

  plan::Rule CompileRule(const pack::RawRule& rr, const check::Scope& scope, int entry) {
    plan::Rule r;
    r.id = rr.id;
    r.layer = rr.layer;
    SetPosition(rr.pos, r.file, r.line, r.column);
    r.basis = rr.basis;
    if (rr.when.present()) r.when = binder_.BindAs(rr.when, scope, T(Type::kBool), "'when'", &entry_deps_[entry]);
    r.test = binder_.BindAs(rr.test, scope, T(Type::kBool), "a rule's test", &entry_deps_[entry]);
    for (const auto& [name, ex] : rr.values) {
      int node = binder_.Bind(ex, scope, &entry_deps_[entry]);
      if (node >= 0) {
        Type t = pack_->nodes[node].type.type;
        bool scalar = t == Type::kBool || t == Type::kNumber || t == Type::kMoney || t == Type::kDate || t == Type::kEnum;
        if (!scalar) sink_.Error(ex.pos, "TYPE_MISMATCH", "a shown value must be a number, amount, date, yes/no or enumeration");
        if (pack_->nodes[node].type.literal) pack_->nodes[node].type.literal = false;
      }
      r.value_names.push_back(name);
      r.value_nodes.push_back(node);
    }
    r.pass = ParseMessage(rr.pass, r.value_names, rr.pos);
    r.fail = ParseMessage(rr.fail, r.value_names, rr.pos);
    if (rr.unknown.present()) r.unknown = ParseMessage(rr.unknown, r.value_names, rr.pos);
    return r;
  }

  void SetPosition(pack::Pos pos, std::string& file, int& line, int& column) const {
    if (pos.file < 0) return;
    file = raw_.files[pos.file].path;
    line = pos.line;
    column = pos.column;
  }

  // "{name}" placeholders name the rule's values; anything else is literal text.
  plan::Message ParseMessage(const pack::Text2& t, const std::vector<std::string>& names, pack::Pos pos) {
    plan::Message m;
    m.present = t.present();
    if (!t.present()) return m;
    m.zh = ParseTemplate(t.zh, names, t.pos.file >= 0 ? t.pos : pos, t.zh_at);
    m.en = ParseTemplate(t.en, names, t.pos.file >= 0 ? t.pos : pos, t.en_at);
    return m;
  }

  // `at` is where the text is written (when known): a bad placeholder is reported at its own column.
  std::vector<plan::MessagePart> ParseTemplate(const std::string& text, const std::vector<std::string>& names, pack::Pos pos,
                                               const pack::RawExpr& at) {
    std::vector<plan::MessagePart> parts;
    size_t i = 0;
    while (i < text.size()) {
      size_t open = text.find('{', i);
      if (open == std::string::npos) { parts.push_back({text.substr(i), -1}); break; }
      if (open > i) parts.push_back({text.substr(i, open - i), -1});
      size_t close = text.find('}', open);
      if (close == std::string::npos) {
        sink_.Error(pos, "BAD_MESSAGE", "unclosed '{' in message \"" + text + "\"");
        break;
      }
      std::string name = text.substr(open + 1, close - open - 1);
      auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end()) {
        std::vector<std::string_view> candidates(names.begin(), names.end());
        pack::Pos here = at.present() && at.text == text ? at.PosAt(static_cast<int>(open)) : pos;
        sink_.Error(here, "MESSAGE_PLACEHOLDER_UNKNOWN", "placeholder {" + name + "} names no value of this rule" + base::DidYouMeanSuffix(name, candidates));
      } else {
        parts.push_back({"", static_cast<int>(it - names.begin())});
      }
      i = close + 1;
    }
    return parts;
  }

  // An obligor's derived value that depends only on who the obligor is — not on whose obligor (o.order) nor on any
  // program's result — is evaluated once per person (plan::Derived::by_person): `unable` was otherwise evaluated
  // again for every member the person is an obligor of. (Nor can it read the member being decided: the binder
  // refuses a parameter by care setting outside member scope.)
  void MarkByPerson() {
    for (size_t i = 0; i < pack_->derived.size(); ++i) {
      plan::Derived& d = pack_->derived[i];
      d.by_person = d.scope == 2 && EntriesReached({{false, static_cast<int>(i)}}).empty() && OnlyThePerson(d.root);
    }
  }

  // The program entries `deps` read, directly or through derived values (which are followed, each once).
  std::vector<int> EntriesReached(std::vector<check::Dependency> deps) const {
    std::vector<int> entries;
    std::vector<char> seen_derived(raw_.derived.size(), 0);
    while (!deps.empty()) {
      check::Dependency d = deps.back();
      deps.pop_back();
      if (d.entry) { entries.push_back(d.index); continue; }
      if (seen_derived[d.index]) continue;
      seen_derived[d.index] = 1;
      for (const auto& dd : binder_.derived_deps()[d.index]) deps.push_back(dd);
    }
    return entries;
  }

  // No o.order in the expression at `node`, nor in the obligor values it reads.
  bool OnlyThePerson(int node) const {
    if (node < 0) return true;
    const plan::Node& n = pack_->nodes[node];
    if (n.op == plan::Op::kObligorField && n.a == static_cast<uint16_t>(check::ObligorField::kOrder)) return false;
    if (n.op == plan::Op::kObligorDerived && !OnlyThePerson(pack_->derived[n.a].root)) return false;
    if (n.op == plan::Op::kCall) {
      for (int k = 0; k < n.b; ++k)
        if (!OnlyThePerson(pack_->args[n.kids[0] + k])) return false;
      return true;
    }
    return std::all_of(n.kids.begin(), n.kids.end(), [&](int kid) { return OnlyThePerson(kid); });
  }

  // Entries depend on entries directly (status_of) or through derived values; a cycle cannot be evaluated. The
  // first cycle found is reported, once, with every program on it: after it the search stops, since the programs
  // still open on the path would make any later "cycle" through them a false one.
  void CheckEntryCycles() {
    int n = static_cast<int>(raw_.programs.size());
    std::vector<std::vector<int>> edges(n);
    for (int i = 0; i < n; ++i) {
      edges[i] = EntriesReached(entry_deps_[i]);
      if (raw_.programs[i].exception_of.size())
        for (int j = 0; j < n; ++j) if (raw_.programs[j].id == raw_.programs[i].exception_of) edges[i].push_back(j);
    }
    std::vector<int> state(n, 0), path;
    for (int i = 0; i < n; ++i)
      if (state[i] == 0 && !Visit(i, edges, state, path)) return;
  }

  // Depth first from `i`; `path` holds the programs open (state 1) in the order they were entered.
  bool Visit(int i, const std::vector<std::vector<int>>& edges, std::vector<int>& state, std::vector<int>& path) {
    state[i] = 1;
    path.push_back(i);
    for (int j : edges[i]) {
      if (j == i) continue;  // an entry may read its own other scopes (e.g. a household result) — no cycle
      if (state[j] == 1) {
        ReportCycle(std::vector<int>(std::find(path.begin(), path.end(), j), path.end()));
        return false;
      }
      if (state[j] == 0 && !Visit(j, edges, state, path)) return false;
    }
    state[i] = 2;
    path.pop_back();
    return true;
  }

  // `cycle`: each program reads the next, and the last reads the first.
  void ReportCycle(const std::vector<int>& cycle) {
    std::string names;
    for (int k : cycle) names += "'" + raw_.programs[k].id + "' -> ";
    names += "'" + raw_.programs[cycle.front()].id + "'";
    sink_.Error(raw_.programs[cycle.front()].pos, "PROGRAM_CYCLE",
                "programs depend on each other in a circle, so none of them can be decided: " + names +
                    " (each reads the next through status_of, eligible, amount_of or in_phase_out, directly or in a "
                    "derived value, or as its exception_of)");
  }

  void CompileOrder() {
    std::vector<char> listed(raw_.programs.size(), 0);
    for (const auto& id : raw_.order) {
      int found = -1;
      for (size_t i = 0; i < raw_.programs.size(); ++i) if (raw_.programs[i].id == id) found = static_cast<int>(i);
      if (found < 0) { sink_.Error(raw_.order_pos, "UNKNOWN_PROGRAM", "order names no program entry '" + id + "'"); continue; }
      listed[found] = 1;
      pack_->order.push_back(found);
    }
    for (size_t i = 0; i < raw_.programs.size(); ++i)
      if (!listed[i]) {
        if (!raw_.order.empty()) sink_.Warning(raw_.programs[i].pos, "NOT_IN_ORDER", "program entry '" + raw_.programs[i].id + "' is not listed in 'order': it comes last");
        pack_->order.push_back(static_cast<int>(i));
      }
  }

  std::string Hash() const {
    // Over the effective pack: every layer's files, bottom first, by name within a layer (pack->sources), so a
    // pack read from its folders and the same pack read back from a registry hash alike. A plain pack's keys
    // are its file names, as they always were.
    boost::uuids::detail::sha1 sha;
    for (const auto& [name, text] : pack_->sources) {
      sha.process_bytes(name.data(), name.size() + 1);  // include the NUL as a separator
      sha.process_bytes(text.data(), text.size());
    }
    unsigned int digest[5];
    sha.get_digest(digest);
    char hex[41];
    for (int i = 0; i < 5; ++i) snprintf(hex + i * 8, 9, "%08x", digest[i]);
    return std::string(hex, 16);
  }

  const pack::RawPack& raw_;
  pack::DiagnosticSink& sink_;
  std::unique_ptr<RulePack> pack_;
  check::Binder binder_;
  std::vector<std::vector<check::Dependency>> entry_deps_;
};

}  // namespace

std::unique_ptr<RulePack> Compile(const pack::RawPack& raw, pack::DiagnosticSink& sink) {
  Compiler compiler(raw, sink);
  return compiler.Run();
}

}  // namespace jiuzhu::compile

namespace jiuzhu {

const std::vector<std::pair<std::string, std::string>>& RulePackSources(const RulePack& pack) { return pack.sources; }

}  // namespace jiuzhu
