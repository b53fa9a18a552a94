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
#include <yaml-cpp/yaml.h>

#include <set>

#include "base/did_you_mean.h"
#include "pack/raw_pack.h"

namespace jiuzhu::pack {
namespace {

class Loader {
 public:
  Loader(RawPack& pack, DiagnosticSink& sink) : pack_(pack), sink_(sink) {}

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
    return t;
  }

  void LoadRoot(const YAML::Node& root) {
    Keys(root, {"pack", "order", "regions", "parameters", "derived", "programs"}, "a pack file");
    if (root["pack"]) {
      pack_.name = Str(root, "pack", true, "pack");
      pack_.name_pos = At(root["pack"].Mark());
    }
    if (root["order"]) LoadOrder(root["order"]);
    ForEach(root, "regions", [&](const YAML::Node& n) { LoadRegion(n); });
    ForEach(root, "parameters", [&](const YAML::Node& n) { LoadParam(n); });
    ForEach(root, "derived", [&](const YAML::Node& n) { LoadDerived(n); });
    ForEach(root, "programs", [&](const YAML::Node& n) { LoadProgram(n); });
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
    r.code = Str(n, "code", true, "a region");
    r.name = Str(n, "name", true, "a region");
    pack_.regions.push_back(std::move(r));
  }

  void LoadParam(const YAML::Node& n) {
    if (!Keys(n, {"name", "type", "by", "optional", "title", "basis", "note", "values"}, "a parameter")) return;
    RawParam p;
    p.pos = At(n.Mark());
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
    RawDerived d;
    d.pos = At(n.Mark());
    d.name = Str(n, "name", true, "a derived value");
    d.scope = Str(n, "scope", false, "");
    if (d.scope.empty()) d.scope = "household";
    d.expr = Expr(n, "expr", true, "derived value '" + d.name + "'");
    d.title = Text(n, "title", true, "derived value '" + d.name + "'");
    d.basis = Str(n, "basis", false, "");
    d.note = Str(n, "note", false, "");
    pack_.derived.push_back(std::move(d));
  }

  void LoadProgram(const YAML::Node& n) {
    if (!Keys(n, {"id", "program", "scope", "for_each", "exception_of", "title", "basis", "note", "combine",
                  "rules", "amount", "review_months", "phase_out", "notices"},
              "a program")) return;
    RawProgram p;
    p.pos = At(n.Mark());
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
    RawRule r;
    r.pos = At(n.Mark());
    r.id = Str(n, "id", true, "a rule");
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
    p.rules.push_back(std::move(r));
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
};

}  // namespace

void LoadRawPack(const std::string& dir, RawPack& out, DiagnosticSink& sink) {
  std::vector<std::string> paths = ListFiles(dir, ".yaml");
  if (paths.empty()) {
    sink.Error(Pos{}, "NO_PACK", "no *.yaml rule files in '" + dir + "'");
    return;
  }
  for (const std::string& path : paths) {
    std::string text;
    if (!ReadFile(path, text)) {
      sink.Error(Pos{}, "UNREADABLE", "cannot read '" + path + "'");
      continue;
    }
    out.files.push_back(MakeSourceFile(path, std::move(text)));
  }
  LoadRawPackFiles(out, sink);
}

void LoadRawPackFiles(RawPack& out, DiagnosticSink& sink) {
  Loader loader(out, sink);
  for (int i = 0; i < static_cast<int>(out.files.size()); ++i) loader.LoadFile(i);
}

}  // namespace jiuzhu::pack
