// YAML rule-pack files -> RawPack. Only shape is checked here (which keys, which scalars); names, types and
// references are the checker's job. Every *.yaml file directly in the pack folder is read, sorted by name; a
// file holds any of these top-level sections:
//
//   pack: NAME                       # the pack's name (once per pack)
//   order: [ENTRY_ID, ...]           # program entries in output order (once per pack)
//   regions:    - {code: "510500", name: 四川省泸州市}
//   parameters: - name: dibao.standard
//                 type: money | number | bool | kinds | rounding
//                 by: [hukou, setting]          # optional dimensions of the value
//                 optional: true                # a regional option: regions without a value are normal
//                 title: {zh: 低保标准, en: ...}
//                 basis: 社会救助暂行办法 第十条
//                 note: why this reading          # optional
//                 values:
//                   - {region: "510500" | national, from: 2024-07-01, urban: 788, rural: 580,
//                      basis_until: 2025-12-31, source: ..., note: ...}
//   derived:    - {name: counted, scope: household | member | obligor, expr: ..., title: {zh, en}, basis, note}
//   programs:   - id: dibao                       # entry id; `program:` gives the output code (default: id)
//                 scope: household | member
//                 for_each: EXPR                  # member scope: who gets a result
//                 exception_of: ENTRY_ID          # written as an exception to that entry's general rule
//                 title: {zh, en}, basis, note
//                 rules: - {id, when, test, values: {name: EXPR}, pass: {zh, en}, fail: {zh, en},
//                           unknown: {zh, en}, basis, note}
//                 amount: EXPR                    # money per month when eligible
//                 review_months: EXPR             # review (复核) period of an enrolment
//                 phase_out: {applies, grant, until, pass: {zh, en}, fail: {zh, en}, basis, note}
//                 notices: - {code: verify, when: EXPR, message: {zh, en}, basis}
//
// A local pack (a province's or a county's) extends another pack without copying it. One of its files says
//   extends: ../..                   # the base pack's folder, relative to this pack's folder
// and its files may hold, besides regions, new parameters, derived values and programs:
//   parameters: - {name: BASE_PARAM, values: [...]}   # dated values added to a base parameter; a value with the
//                                                     # same region and `from` as a base value replaces it
//   derived:    - {replaces: BASE_NAME, expr: ..., ...}  # a base derived value written anew
//   rules:      - {replaces: BASE_RULE_ID, test: ..., pass: ..., fail: ..., basis: ...}  # in place, same entry
//               - {id: NEW_ID, program: ENTRY_ID, after: RULE_ID, test: ...}          # added to an entry
// Each pack of the chain is a layer (0 the bottom); every element keeps its layer, so a decision can say which
// pack a rule or a parameter value came from. Names that should exist in the base and do not are errors with a
// did-you-mean, at the local file's position. The base is read first, whole, then the local layer's sections
// are applied once all its files are read (so the local files' order does not matter).
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <set>

#include "base/did_you_mean.h"
#include "pack/raw_pack.h"

namespace jiuzhu::pack {
namespace {

class Loader {
 public:
  Loader(RawPack& pack, DiagnosticSink& sink) : pack_(pack), sink_(sink) {}

  // Loads layer `layer` from its files; layers are loaded bottom first, so a local layer sees its base whole.
  void LoadLayer(int layer, const std::vector<int>& files) {
    layer_ = layer;
    pending_ = {};
    layer_name_.clear();
    layer_name_pos_ = Pos{};
    for (int f : files) LoadFile(f);
    if (static_cast<int>(pack_.layers.size()) <= layer) pack_.layers.resize(layer + 1);
    if (layer > 0) {
      ApplyLocal();
      if (layer_name_.empty())
        sink_.Error(files.empty() ? Pos{} : Pos{files[0], 1, 1}, "MISSING_KEY",
                    "a local pack needs 'pack: NAME' (decisions name it as the source of its rules and values)");
    }
    pack_.layers[layer] = layer_name_;
    if (!layer_name_.empty() || layer == 0) {
      pack_.name = layer_name_;
      pack_.name_pos = layer_name_pos_;
    }
  }

  void LoadFile(int file) {
    file_ = file;
    YAML::Node root;
    try {
      root = YAML::Load(pack_.files[file].text);
    } catch (const YAML::Exception& e) {
      sink_.Error(At(e.mark), "YAML_SYNTAX", e.msg);
      return;
    }
    if (root.IsNull()) return;
    if (!root.IsMap()) {
      sink_.Error(At(root.Mark()), "EXPECTED_MAP", "a pack file is a mapping of sections (pack, regions, parameters, derived, programs)");
      return;
    }
    try {
      LoadRoot(root);
    } catch (const YAML::Exception& e) {
      sink_.Error(At(e.mark), "YAML_SHAPE", e.msg);
    }
  }

 private:
  Pos At(const YAML::Mark& m) const {
    if (m.is_null()) return Pos{file_, 0, 0};
    return Pos{file_, m.line + 1, m.column + 1};
  }

  // Checks the keys of a mapping against the allowed ones; reports unknown keys with a suggestion.
  bool Keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what,
            const std::set<std::string>* extra = nullptr) {
    if (!map.IsMap()) {
      sink_.Error(At(map.Mark()), "EXPECTED_MAP", std::string(what) + " must be a mapping");
      return false;
    }
    std::vector<std::string_view> names(allowed);
    for (const auto& kv : map) {
      std::string key = kv.first.Scalar();
      bool known = std::find(names.begin(), names.end(), key) != names.end() || (extra && extra->count(key));
      if (!known)
        sink_.Error(At(kv.first.Mark()), "UNKNOWN_KEY",
                    "unknown key '" + key + "' in " + std::string(what) + base::DidYouMeanSuffix(key, names));
    }
    return true;
  }

  std::string Str(const YAML::Node& map, const char* key, bool required, std::string_view what) {
    YAML::Node n = map[key];
    if (!n) {
      if (required) sink_.Error(At(map.Mark()), "MISSING_KEY", std::string(what) + " needs '" + key + "'");
      return "";
    }
    if (!n.IsScalar()) {
      sink_.Error(At(n.Mark()), "EXPECTED_SCALAR", std::string("'") + key + "' must be a single value");
      return "";
    }
    return n.Scalar();
  }

  RawExpr Expr(const YAML::Node& map, const char* key, bool required, std::string_view what) {
    RawExpr e;
    YAML::Node n = map[key];
    if (!n) {
      if (required) sink_.Error(At(map.Mark()), "MISSING_KEY", std::string(what) + " needs '" + key + "'");
      return e;
    }
    return ExprOf(n);
  }

  RawExpr ExprOf(const YAML::Node& n) {
    RawExpr e;
    if (!n.IsScalar()) {
      sink_.Error(At(n.Mark()), "EXPECTED_SCALAR", "an expression must be a single text value");
      return e;
    }
    e.text = n.Scalar();
    e.pos = At(n.Mark());
    LocateScalar(e);
    return e;
  }

  // yaml-cpp marks a scalar at its first character for plain scalars, at the quote for quoted ones and at the
  // indicator for block scalars: move the position to the expression's first character.
  void LocateScalar(RawExpr& e) {
    const SourceFile& f = pack_.files[file_];
    std::string line = f.Line(e.pos.line);
    size_t col = static_cast<size_t>(e.pos.column - 1);
    if (col >= line.size()) return;
    char c = line[col];
    if (c == '"' || c == '\'') {
      e.pos.column += 1;
    } else if (c == '|' || c == '>') {
      std::string next = f.Line(e.pos.line + 1);
      int indent = 0;
      while (indent < static_cast<int>(next.size()) && next[indent] == ' ') ++indent;
      e.block = true;
      e.indent = indent;
      e.pos.line += 1;
      e.pos.column = indent + 1;
    }
  }

  Text2 Text(const YAML::Node& map, const char* key, bool required, std::string_view what) {
    Text2 t;
    YAML::Node n = map[key];
    if (!n) {
      if (required) sink_.Error(At(map.Mark()), "MISSING_MESSAGE", std::string(what) + " needs '" + key + "' with zh and en");
      return t;
    }
    t.pos = At(n.Mark());
    if (!Keys(n, {"zh", "en"}, std::string(key) + " (a text in zh and en)")) return t;
    t.zh = Str(n, "zh", true, key);
    t.en = Str(n, "en", true, key);
    if (n["zh"] && n["zh"].IsScalar()) t.zh_at = ExprOf(n["zh"]);
    if (n["en"] && n["en"].IsScalar()) t.en_at = ExprOf(n["en"]);
    return t;
  }

  void LoadRoot(const YAML::Node& root) {
    if (layer_ == 0)
      Keys(root, {"pack", "order", "regions", "parameters", "derived", "programs"}, "a pack file");
    else
      Keys(root, {"pack", "extends", "order", "regions", "parameters", "derived", "programs", "rules"}, "a local pack file");
    if (root["pack"]) {
      layer_name_ = Str(root, "pack", true, "pack");
      layer_name_pos_ = At(root["pack"].Mark());
    }
    if (root["order"]) LoadOrder(root["order"]);
    ForEach(root, "regions", [&](const YAML::Node& n) { LoadRegion(n); });
    if (layer_ == 0) {
      ForEach(root, "parameters", [&](const YAML::Node& n) { LoadParam(n); });
      ForEach(root, "derived", [&](const YAML::Node& n) { LoadDerived(n); });
      ForEach(root, "programs", [&](const YAML::Node& n) { LoadProgram(n); });
      return;
    }
    // A local layer: kept until all its files are read (ApplyLocal).
    ForEach(root, "parameters", [&](const YAML::Node& n) { pending_.params.push_back({file_, n}); });
    ForEach(root, "derived", [&](const YAML::Node& n) { pending_.derived.push_back({file_, n}); });
    ForEach(root, "programs", [&](const YAML::Node& n) { pending_.programs.push_back({file_, n}); });
    ForEach(root, "rules", [&](const YAML::Node& n) { pending_.rules.push_back({file_, n}); });
  }

  // ------------------------------------------------------------------ local layers
  struct Item {
    int file;
    YAML::Node node;
  };
  struct Pending {
    std::vector<Item> params, derived, programs, rules;
  };

  // New names first (a local override may name a parameter the same layer declares), then what changes the base.
  void ApplyLocal() {
    for (const Item& it : pending_.params) {
      file_ = it.file;
      if (!(it.node.IsMap() && it.node["type"])) continue;
      YAML::Node name = it.node["name"];
      bool base = name && name.IsScalar() &&
                  std::any_of(pack_.params.begin(), pack_.params.end(), [&](const RawParam& p) { return p.name == name.Scalar(); });
      if (base) {
        sink_.Error(At(name.Mark()), "LOCAL_REDEFINES",
                    "parameter '" + name.Scalar() + "' is in the base pack: a local pack gives only 'name' and 'values' to add its values");
        continue;
      }
      LoadParam(it.node);
    }
    for (const Item& it : pending_.params) {
      file_ = it.file;
      if (!(it.node.IsMap() && it.node["type"])) OverrideParam(it.node);
    }
    for (const Item& it : pending_.derived) {
      file_ = it.file;
      if (it.node.IsMap() && it.node["replaces"]) ReplaceDerived(it.node);
      else NewLocalDerived(it.node);
    }
    for (const Item& it : pending_.programs) {
      file_ = it.file;
      if (it.node.IsMap() && it.node["id"] && it.node["id"].IsScalar() && FindProgram(it.node["id"].Scalar())) {
        sink_.Error(At(it.node["id"].Mark()), "LOCAL_REDEFINES",
                    "program entry '" + it.node["id"].Scalar() + "' is in the base pack: add a rule to it under 'rules:' with "
                    "'program: " + it.node["id"].Scalar() + "', or replace one with 'replaces: RULE_ID'");
        continue;
      }
      LoadProgram(it.node);
    }
    for (const Item& it : pending_.rules) {
      file_ = it.file;
      LocalRule(it.node);
    }
  }

  RawProgram* FindProgram(const std::string& id) {
    for (auto& p : pack_.programs) if (p.id == id) return &p;
    return nullptr;
  }

  // Values for a parameter of the base: added by region and date; one with the base's region and `from`
  // replaces that value (an override is a dated value of the local pack, not a second one for the same day).
  void OverrideParam(const YAML::Node& n) {
    if (!Keys(n, {"name", "values", "note"}, "a local parameter override (name and values; a new parameter also needs type, title, basis)")) return;
    std::string name = Str(n, "name", true, "a parameter override");
    RawParam* base = nullptr;
    for (auto& p : pack_.params) if (p.name == name) base = &p;
    if (!base) {
      std::vector<std::string_view> names;
      for (const auto& p : pack_.params) names.push_back(p.name);
      sink_.Error(At(n["name"] ? n["name"].Mark() : n.Mark()), "UNKNOWN_PARAMETER",
                  "'" + name + "' is not a parameter of the base pack" + base::DidYouMeanSuffix(name, names) +
                      " (a new parameter needs type, title and basis)");
      return;
    }
    if (!n["values"]) {
      sink_.Error(At(n.Mark()), "MISSING_KEY", "a parameter override needs 'values'");
      return;
    }
    RawParam scratch;
    scratch.name = base->name;
    ForEach(n, "values", [&](const YAML::Node& v) { LoadParamValue(v, scratch); });
    for (auto& v : scratch.values) {
      auto same = std::find_if(base->values.begin(), base->values.end(), [&](const RawParamValue& b) {
        return b.region == v.region && b.from == v.from && b.layer < layer_;
      });
      if (same != base->values.end()) *same = std::move(v);
      else base->values.push_back(std::move(v));
    }
  }

  void ReplaceDerived(const YAML::Node& n) {
    if (!Keys(n, {"replaces", "name", "scope", "expr", "title", "basis", "note"}, "a derived value")) return;
    std::string name = Str(n, "replaces", true, "a derived value");
    auto it = std::find_if(pack_.derived.begin(), pack_.derived.end(), [&](const RawDerived& d) { return d.name == name; });
    if (it == pack_.derived.end()) {
      std::vector<std::string_view> names;
      for (const auto& d : pack_.derived) names.push_back(d.name);
      sink_.Error(At(n["replaces"].Mark()), "UNKNOWN_DERIVED",
                  "replaces: '" + name + "' is not a derived value of the base pack" + base::DidYouMeanSuffix(name, names));
      return;
    }
    if (it->layer == layer_) {
      sink_.Error(At(n["replaces"].Mark()), "DUPLICATE_NAME", "derived value '" + name + "' is replaced twice in this pack");
      return;
    }
    RawDerived d = ParseDerived(n, name, it->scope, it->title);
    if (d.basis.empty()) d.basis = it->basis;
    *it = std::move(d);
  }

  void NewLocalDerived(const YAML::Node& n) {
    if (n.IsMap() && n["name"] && n["name"].IsScalar()) {
      const std::string name = n["name"].Scalar();
      bool exists = std::any_of(pack_.derived.begin(), pack_.derived.end(), [&](const RawDerived& d) { return d.name == name; });
      if (exists) {
        sink_.Error(At(n["name"].Mark()), "LOCAL_REDEFINES",
                    "derived value '" + name + "' is in the base pack: write 'replaces: " + name + "' to replace it");
        return;
      }
    }
    LoadDerived(n);
  }

  // A local rule: `replaces: ID` writes a base rule anew in its place; otherwise `program:` names the entry it
  // is added to (after `after:`, or last).
  void LocalRule(const YAML::Node& n) {
    if (!Keys(n, {"id", "replaces", "program", "after", "when", "test", "values", "pass", "fail", "unknown", "basis", "note"},
              "a local rule")) return;
    std::vector<std::string_view> ids;
    for (const auto& p : pack_.programs) for (const auto& r : p.rules) ids.push_back(r.id);
    if (n["replaces"]) {
      std::string target = Str(n, "replaces", true, "a local rule");
      if (n["program"] || n["after"])
        sink_.Error(At(n.Mark()), "UNKNOWN_KEY", "a replacing rule stays where the rule it replaces is: no 'program' or 'after'");
      for (auto& p : pack_.programs) {
        for (auto& r : p.rules) {
          if (r.id != target) continue;
          if (r.layer == layer_) {
            sink_.Error(At(n["replaces"].Mark()), "DUPLICATE_RULE", "rule '" + target + "' is replaced twice in this pack");
            return;
          }
          RawRule fresh = ParseRule(n, target);
          if (fresh.id != target && std::find(ids.begin(), ids.end(), fresh.id) != ids.end()) {
            sink_.Error(At(n["id"].Mark()), "DUPLICATE_RULE", "rule id '" + fresh.id + "' is already used");
            return;
          }
          r = std::move(fresh);
          return;
        }
      }
      sink_.Error(At(n["replaces"].Mark()), "UNKNOWN_RULE",
                  "replaces: '" + target + "' is not a rule of the base pack" + base::DidYouMeanSuffix(target, ids));
      return;
    }
    std::string entry = Str(n, "program", true, "a new local rule (the program entry it belongs to)");
    RawProgram* p = FindProgram(entry);
    if (!p) {
      if (!entry.empty()) {
        std::vector<std::string_view> entries;
        for (const auto& q : pack_.programs) entries.push_back(q.id);
        sink_.Error(At(n["program"].Mark()), "UNKNOWN_PROGRAM",
                    "program: '" + entry + "' is not a program entry" + base::DidYouMeanSuffix(entry, entries));
      }
      return;
    }
    RawRule fresh = ParseRule(n, "");
    if (fresh.id.empty()) return;
    if (std::find(ids.begin(), ids.end(), fresh.id) != ids.end()) {
      sink_.Error(At(n["id"].Mark()), "DUPLICATE_RULE",
                  "rule id '" + fresh.id + "' is already used: write 'replaces: " + fresh.id + "' to replace that rule");
      return;
    }
    size_t at = p->rules.size();
    if (n["after"]) {
      std::string after = Str(n, "after", true, "");
      auto it = std::find_if(p->rules.begin(), p->rules.end(), [&](const RawRule& r) { return r.id == after; });
      if (it == p->rules.end()) {
        std::vector<std::string_view> in_entry;
        for (const auto& r : p->rules) in_entry.push_back(r.id);
        sink_.Error(At(n["after"].Mark()), "UNKNOWN_RULE",
                    "after: '" + after + "' is not a rule of '" + entry + "'" + base::DidYouMeanSuffix(after, in_entry));
        return;
      }
      at = static_cast<size_t>(it - p->rules.begin()) + 1;
    }
    p->rules.insert(p->rules.begin() + static_cast<std::ptrdiff_t>(at), std::move(fresh));
  }

  template <typename Fn>
  void ForEach(const YAML::Node& map, const char* key, Fn fn) {
    YAML::Node seq = map[key];
    if (!seq) return;
    if (!seq.IsSequence()) {
      sink_.Error(At(seq.Mark()), "EXPECTED_LIST", std::string("'") + key + "' must be a list (items start with '- ')");
      return;
    }
    for (const auto& item : seq) fn(item);
  }

  void LoadOrder(const YAML::Node& n) {
    pack_.order_pos = At(n.Mark());
    if (!n.IsSequence()) {
      sink_.Error(At(n.Mark()), "EXPECTED_LIST", "'order' lists program entry ids");
      return;
    }
    for (const auto& item : n) pack_.order.push_back(item.Scalar());
  }

  void LoadRegion(const YAML::Node& n) {
    if (!Keys(n, {"code", "name", "note"}, "a region")) return;
    RawRegion r;
    r.pos = At(n.Mark());
    r.layer = layer_;
    r.code = Str(n, "code", true, "a region");
    r.name = Str(n, "name", true, "a region");
    pack_.regions.push_back(std::move(r));
  }

  void LoadParam(const YAML::Node& n) {
    if (!Keys(n, {"name", "type", "by", "optional", "title", "basis", "note", "values"}, "a parameter")) return;
    RawParam p;
    p.pos = At(n.Mark());
    p.layer = layer_;
    p.name = Str(n, "name", true, "a parameter");
    p.type = Str(n, "type", true, "parameter '" + p.name + "'");
    std::string optional = Str(n, "optional", false, "");
    if (!optional.empty() && optional != "true" && optional != "false")
      sink_.Error(At(n["optional"].Mark()), "EXPECTED_BOOL", "'optional' is true or false");
    p.optional = optional == "true";
    if (YAML::Node by = n["by"]) {
      if (by.IsScalar()) p.by.push_back(by.Scalar());
      else for (const auto& d : by) p.by.push_back(d.Scalar());
    }
    p.title = Text(n, "title", true, "parameter '" + p.name + "'");
    p.basis = Str(n, "basis", true, "parameter '" + p.name + "'");
    p.note = Str(n, "note", false, "");
    ForEach(n, "values", [&](const YAML::Node& v) { LoadParamValue(v, p); });
    pack_.params.push_back(std::move(p));
  }

  void LoadParamValue(const YAML::Node& n, RawParam& p) {
    if (!n.IsMap()) {
      sink_.Error(At(n.Mark()), "EXPECTED_MAP", "a parameter value is a mapping with region, from, the value and its source");
      return;
    }
    RawParamValue v;
    v.pos = At(n.Mark());
    v.layer = layer_;
    v.region = Str(n, "region", true, "a parameter value");
    v.from = DateOf(n, "from", true);
    if (n["basis_until"]) v.basis_until = DateOf(n, "basis_until", true);
    v.source = Str(n, "source", true, "a parameter value");
    v.note = Str(n, "note", false, "");
    static const std::set<std::string> kMeta = {"region", "from", "basis_until", "source", "note"};
    for (const auto& kv : n) {
      std::string key = kv.first.Scalar();
      if (kMeta.count(key)) continue;
      if (kv.second.IsSequence()) {
        std::vector<std::string> items;
        for (const auto& item : kv.second) items.push_back(item.Scalar());
        v.lists.emplace_back(key, std::move(items));
        RawExpr placeholder;
        placeholder.pos = At(kv.first.Mark());
        v.values.emplace_back(key, placeholder);
      } else {
        RawExpr e = ExprOf(kv.second);
        if (e.present()) v.values.emplace_back(key, e);
      }
    }
    p.values.push_back(std::move(v));
  }

  Date DateOf(const YAML::Node& map, const char* key, bool required) {
    std::string s = Str(map, key, required, "a dated value");
    if (s.empty()) return Date();
    auto d = Date::Parse(s);
    if (!d) {
      sink_.Error(At(map[key].Mark()), "BAD_DATE", "'" + s + "' is not a date YYYY-MM-DD");
      return Date();
    }
    return *d;
  }

  void LoadDerived(const YAML::Node& n) {
    if (!Keys(n, {"name", "scope", "expr", "title", "basis", "note"}, "a derived value")) return;
    pack_.derived.push_back(ParseDerived(n, "", "household", Text2{}));
  }

  // `replaced` names the base value a local one replaces; its scope and title are kept unless given.
  RawDerived ParseDerived(const YAML::Node& n, const std::string& replaced, const std::string& scope, const Text2& title) {
    RawDerived d;
    d.pos = At(n.Mark());
    d.layer = layer_;
    d.name = replaced.empty() ? Str(n, "name", true, "a derived value") : replaced;
    if (!replaced.empty() && n["name"] && n["name"].IsScalar() && n["name"].Scalar() != replaced)
      sink_.Error(At(n["name"].Mark()), "BAD_REPLACES", "a replacing derived value keeps the name it replaces ('" + replaced + "')");
    d.scope = Str(n, "scope", false, "");
    if (d.scope.empty()) d.scope = scope;
    d.expr = Expr(n, "expr", true, "derived value '" + d.name + "'");
    d.title = replaced.empty() || n["title"] ? Text(n, "title", true, "derived value '" + d.name + "'") : title;
    d.basis = Str(n, "basis", false, "");
    d.note = Str(n, "note", false, "");
    return d;
  }

  void LoadProgram(const YAML::Node& n) {
    if (!Keys(n, {"id", "program", "scope", "for_each", "exception_of", "title", "basis", "note", "combine",
                  "rules", "amount", "review_months", "phase_out", "notices"},
              "a program")) return;
    RawProgram p;
    p.pos = At(n.Mark());
    p.layer = layer_;
    p.id = Str(n, "id", true, "a program");
    p.program = Str(n, "program", false, "");
    if (p.program.empty()) p.program = p.id;
    std::string what = "program '" + p.id + "'";
    p.scope = Str(n, "scope", true, what);
    p.for_each = Expr(n, "for_each", false, what);
    p.exception_of = Str(n, "exception_of", false, what);
    p.title = Text(n, "title", true, what);
    p.basis = Str(n, "basis", true, what);
    p.note = Str(n, "note", false, what);
    p.combine = Str(n, "combine", false, what);
    if (p.combine.empty()) p.combine = "all";
    ForEach(n, "rules", [&](const YAML::Node& r) { LoadRule(r, p); });
    p.amount = Expr(n, "amount", false, what);
    p.review_months = Expr(n, "review_months", false, what);
    if (YAML::Node po = n["phase_out"]) LoadPhaseOut(po, p);
    ForEach(n, "notices", [&](const YAML::Node& r) { LoadNotice(r, p); });
    pack_.programs.push_back(std::move(p));
  }

  void LoadRule(const YAML::Node& n, RawProgram& p) {
    if (!Keys(n, {"id", "when", "test", "values", "pass", "fail", "unknown", "basis", "note"}, "a rule")) return;
    p.rules.push_back(ParseRule(n, ""));
  }

  // `replaced`: the id a local rule replaces, which it keeps unless it gives its own.
  RawRule ParseRule(const YAML::Node& n, const std::string& replaced) {
    RawRule r;
    r.pos = At(n.Mark());
    r.layer = layer_;
    r.id = replaced.empty() || n["id"] ? Str(n, "id", true, "a rule") : replaced;
    std::string what = "rule '" + r.id + "'";
    r.when = Expr(n, "when", false, what);
    r.test = Expr(n, "test", true, what);
    if (YAML::Node vals = n["values"]) {
      if (!vals.IsMap()) {
        sink_.Error(At(vals.Mark()), "EXPECTED_MAP", "'values' maps names to expressions");
      } else {
        for (const auto& kv : vals) r.values.emplace_back(kv.first.Scalar(), ExprOf(kv.second));
      }
    }
    r.pass = Text(n, "pass", true, what);
    r.fail = Text(n, "fail", true, what);
    r.unknown = Text(n, "unknown", false, what);
    r.basis = Str(n, "basis", false, what);
    if (r.basis.empty()) sink_.Error(r.pos, "MISSING_BASIS", what + " needs 'basis': the document and article it applies");
    r.note = Str(n, "note", false, what);
    return r;
  }

  void LoadPhaseOut(const YAML::Node& n, RawProgram& p) {
    if (!Keys(n, {"applies", "grant", "until", "pass", "fail", "basis", "note"}, "phase_out")) return;
    RawPhaseOut& po = p.phase_out;
    po.pos = At(n.Mark());
    po.applies = Expr(n, "applies", true, "phase_out");
    po.grant = Expr(n, "grant", true, "phase_out");
    po.until = Expr(n, "until", true, "phase_out");
    po.pass = Text(n, "pass", true, "phase_out");
    po.fail = Text(n, "fail", true, "phase_out");
    po.basis = Str(n, "basis", true, "phase_out");
    po.note = Str(n, "note", false, "phase_out");
  }

  void LoadNotice(const YAML::Node& n, RawProgram& p) {
    if (!Keys(n, {"code", "when", "message", "basis"}, "a notice")) return;
    RawNotice r;
    r.pos = At(n.Mark());
    r.code = Str(n, "code", true, "a notice");
    r.when = Expr(n, "when", true, "a notice");
    r.message = Text(n, "message", true, "a notice");
    r.basis = Str(n, "basis", true, "a notice");
    p.notices.push_back(std::move(r));
  }

  RawPack& pack_;
  DiagnosticSink& sink_;
  int file_ = 0;
  int layer_ = 0;
  std::string layer_name_;
  Pos layer_name_pos_;
  Pending pending_;
};

// A pack folder's files, with `extends:` found (where it is written, for errors).
struct Folder {
  std::vector<SourceFile> files;
  std::string extends;
  int extends_file = -1;  // index in files
  Pos extends_pos;        // file: index in files
};

bool ReadFolder(const std::string& dir, Folder& out, DiagnosticSink& sink) {
  std::vector<std::string> paths = ListFiles(dir, ".yaml");
  if (paths.empty()) {
    sink.Error(Pos{}, "NO_PACK", "no *.yaml rule files in '" + dir + "'");
    return false;
  }
  for (const std::string& path : paths) {
    std::string text;
    if (!ReadFile(path, text)) {
      sink.Error(Pos{}, "UNREADABLE", "cannot read '" + path + "'");
      continue;
    }
    SourceFile f = MakeSourceFile(path, std::move(text));
    // Only `extends` is looked for here; the file is read properly, with every error, by the Loader. A file
    // without the word cannot have the key, and needs no parse of its own (yaml-cpp reads ~1 MB/s: parsing
    // every file twice was half of loading a pack, on the serial path of every command).
    if (f.text.find("extends") != std::string::npos) {
      try {
        YAML::Node root = YAML::Load(f.text);
        if (root.IsMap() && root["extends"] && out.extends_file < 0) {
          out.extends = root["extends"].IsScalar() ? root["extends"].Scalar() : "";
          out.extends_file = static_cast<int>(out.files.size());
          out.extends_pos = Pos{out.extends_file, root["extends"].Mark().line + 1, root["extends"].Mark().column + 1};
        }
      } catch (const YAML::Exception&) {
      }
    }
    out.files.push_back(std::move(f));
  }
  return true;
}

// Reads `dir` and, first, the chain of packs it extends; returns the layer `dir` became, or -1.
int ReadChain(const std::string& dir, RawPack& out, DiagnosticSink& sink, std::vector<std::string>& seen) {
  Folder folder;
  if (!ReadFolder(dir, folder, sink)) return -1;
  std::error_code ec;
  std::string canonical = std::filesystem::weakly_canonical(dir, ec).string();
  bool cycle = std::find(seen.begin(), seen.end(), canonical) != seen.end();
  seen.push_back(canonical);
  int layer = 0;
  // The local files are added before an error about `extends` so that the error can name them.
  auto add = [&](int at_layer) {
    int first = static_cast<int>(out.files.size());
    for (auto& f : folder.files) {
      std::string base = f.path.substr(f.path.find_last_of('/') + 1);
      f.key = at_layer == 0 ? base : "layer" + std::to_string(at_layer) + "/" + base;
      f.layer = at_layer;
      out.files.push_back(std::move(f));
    }
    return first;
  };
  if (folder.extends_file < 0) {
    add(0);
    return 0;
  }
  std::filesystem::path base = std::filesystem::path(dir) / folder.extends;
  std::string problem;
  if (cycle || seen.size() > 8) problem = "local packs extend each other in a cycle (or more than 8 deep)";
  else if (folder.extends.empty()) problem = "'extends' names the base pack's folder, relative to this pack";
  else if (!std::filesystem::is_directory(base, ec)) problem = "no base pack folder '" + base.lexically_normal().string() + "'";
  else if (std::filesystem::weakly_canonical(base, ec).string() == canonical) problem = "a pack cannot extend itself";
  if (problem.empty()) {
    int below = ReadChain(base.lexically_normal().string(), out, sink, seen);
    if (below < 0) problem = "the base pack '" + base.lexically_normal().string() + "' cannot be read";
    else layer = below + 1;
  }
  int first = add(layer);
  if (!problem.empty()) {
    Pos pos = folder.extends_pos;
    pos.file += first;
    sink.Error(pos, "BAD_EXTENDS", problem);
    return -1;
  }
  return layer;
}

}  // namespace

int LayerOfKey(const std::string& key) {
  if (key.rfind("layer", 0) != 0) return 0;
  size_t slash = key.find('/');
  if (slash == std::string::npos || slash == 5) return 0;
  int layer = 0;
  for (size_t i = 5; i < slash; ++i) {
    if (key[i] < '0' || key[i] > '9' || layer > 100) return 0;
    layer = layer * 10 + (key[i] - '0');
  }
  return layer;
}

void LoadRawPack(const std::string& dir, RawPack& out, DiagnosticSink& sink) {
  std::vector<std::string> seen;
  if (ReadChain(dir, out, sink, seen) < 0) return;
  LoadRawPackFiles(out, sink);
}

void LoadRawPackFiles(RawPack& out, DiagnosticSink& sink) {
  // Layers are loaded bottom first: a local layer's overrides and replacements need its base whole.
  int top = 0;
  for (auto& f : out.files) {
    if (f.key.empty()) {
      f.key = f.path;
      f.layer = LayerOfKey(f.key);
    }
    top = std::max(top, f.layer);
  }
  Loader loader(out, sink);
  for (int layer = 0; layer <= top; ++layer) {
    std::vector<int> files;
    for (int i = 0; i < static_cast<int>(out.files.size()); ++i)
      if (out.files[i].layer == layer) files.push_back(i);
    loader.LoadLayer(layer, files);
  }
}

}  // namespace jiuzhu::pack
