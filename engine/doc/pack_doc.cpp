// The policy page of `rules doc`: one self-contained HTML5 document (inline CSS, no scripts, nothing fetched)
// so that it can be mailed, archived with a decision or opened offline. Chinese first, English alongside.
// Every piece of pack text goes through Escape(); the only markup is the page's own.
#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "doc/pack_doc.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/num.h"
#include "jiuzhu/pack_doc.h"

namespace jiuzhu::doc {
namespace {

constexpr std::string_view kStyle = R"(
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;
  color:#1d2733;background:#f4f6f8;line-height:1.55;font-size:15px}
main{max-width:1180px;margin:0 auto;padding:24px 32px 64px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid #2b5d8a;padding-bottom:4px;margin-top:40px}
h3{font-size:18px;margin:28px 0 6px;color:#173f63}h4{font-size:15px;margin:0 0 6px}
.en{color:#66727f;font-size:.9em;font-weight:normal}
code,.expr{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:13px;background:#f1f3f5;padding:0 3px;
  border-radius:3px}
.expr{display:block;white-space:pre-wrap;padding:4px 8px;margin:2px 0}
.plain{padding:2px 8px;color:#233}.plain::before{content:"白话 in plain words：";color:#888;font-size:12px}
.term{color:#1b5e20;text-decoration:none;border-bottom:1px dotted #1b5e20}
.ph{background:#fff3b0;border:1px solid #e6c84c;border-radius:3px;padding:0 3px;font-family:monospace;font-size:13px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border:1px solid #d5dbe1;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#e9eef3}
table.fields th{width:150px;background:#f7f9fb;font-weight:600}
.rule{border:1px solid #c9d3dd;border-left:4px solid #2b5d8a;border-radius:4px;padding:8px 12px;margin:12px 0}
.rule h4 code{font-size:14px}
.program{margin-top:32px}.program+.program{border-top:1px solid #ccd}
.meta{color:#445}.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;white-space:nowrap}
.added{background:#dff3e0;color:#1b5e20}.removed{background:#fde2e1;color:#8e1b16}
.changed{background:#fff0cc;color:#7a5200}
.old{color:#8e1b16;text-decoration:line-through}.new{color:#1b5e20}
nav ol{columns:2;font-size:14px}nav li{margin:1px 0}
.none{color:#999}
@media print{body{background:#fff}main{padding:0}}
)";

// A bilingual label: Chinese, then the English in grey.
std::string Bi(std::string_view zh, std::string_view en) {
  if (en.empty()) return Escape(zh);
  return Escape(zh) + " <span class=\"en\">" + Escape(en) + "</span>";
}

// A message template: text escaped, `{name}` placeholders highlighted.
std::string MessageHtml(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out += Escape(text.substr(i, open - i));
    out += "<span class=\"ph\">" + Escape(text.substr(open + 1, close - open - 1)) + "</span>";
    i = close + 1;
  }
  return out + Escape(text.substr(std::min(i, text.size())));
}

std::string MessagePair(const pack::Text2& t) {
  if (!t.present()) return "";
  std::string out = MessageHtml(t.zh);
  if (!t.en.empty()) out += "<br><span class=\"en\">" + MessageHtml(t.en) + "</span>";
  return out;
}

// A table of labelled fields; rows with nothing to show are left out.
class Fields {
 public:
  void Row(std::string_view zh, std::string_view en, const std::string& html) {
    if (!html.empty()) rows_ += "<tr><th>" + Bi(zh, en) + "</th><td>" + html + "</td></tr>\n";
  }
  std::string Html() const { return rows_.empty() ? "" : "<table class=\"fields\">\n" + rows_ + "</table>\n"; }

 private:
  std::string rows_;
};

class PageWriter {
 public:
  PageWriter(const pack::RawPack& pack, std::string_view version, const ChangeView* changes)
      : pack_(pack), version_(version), changes_(changes), glossary_(MakeGlossary(pack)) {}

  std::string Render() {
    out_ += "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
            Escape("救助规则说明 · " + pack_.name) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
    Header();
    Contents();
    if (changes_) ChangesSection();
    Programs();
    DerivedSection();
    Parameters();
    Regions();
    out_ += "</main>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string ExprHtml(const pack::RawExpr& e) const {
    if (!e.present()) return "";
    return "<code class=\"expr\">" + Escape(Trimmed(e.text)) + "</code><div class=\"plain\">" +
           PlainWordsHtml(e.text, glossary_) + "</div>";
  }
  static std::string Trimmed(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
    return std::string(s);
  }
  static std::string Link(std::string_view anchor, std::string_view text) {
    return "<a href=\"#" + Escape(anchor) + "\">" + Escape(text) + "</a>";
  }

  void Header() {
    out_ += "<header>\n<h1>" + Bi("救助规则说明", "Social assistance rules") + " · " + Escape(pack_.name) + "</h1>\n";
    Fields f;
    f.Row("规则包", "pack", "<code>" + Escape(pack_.name) + "</code>");
    f.Row("规则版本", "rules_version", "<code>" + Escape(version_) + "</code>");
    std::string files;
    for (const auto& file : pack_.files)
      files += (files.empty() ? "" : " · ") + ("<code>" + Escape(std::filesystem::path(file.path).filename().string()) + "</code>");
    f.Row("来源文件", "files", files);
    f.Row("说明", "how to read",
          Escape("每条规则先写条件表达式原文，再附白话；结果“不符合”“待定”见各规则提示语。") +
              "<br><span class=\"en\">Each condition is shown as written, then in plain words; "
              "<span class=\"ph\">name</span> marks a value filled in from the household.</span>");
    out_ += f.Html() + "</header>\n";
  }

  void Contents() {
    out_ += "<nav>\n<h2>" + Bi("目录", "Contents") + "</h2>\n<ol>\n";
    if (changes_) out_ += "<li>" + Link("changes", "变更 changes") + "</li>\n";
    for (const auto& id : pack_.order)
      if (const pack::RawProgram* p = FindProgram(id))
        out_ += "<li>" + Link(ProgramAnchor(id), p->title.zh) + " <span class=\"en\">" + Escape(p->title.en) + "</span></li>\n";
    out_ += "<li>" + Link("derived", "派生值 derived values") + "</li>\n<li>" + Link("parameters", "参数 parameters") +
            "</li>\n<li>" + Link("regions", "行政区划 regions") + "</li>\n</ol>\n</nav>\n";
  }

  const pack::RawProgram* FindProgram(std::string_view id) const {
    for (const auto& p : pack_.programs)
      if (p.id == id) return &p;
    return nullptr;
  }

  // ------------------------------------------------------------------ change view
  static std::string_view ActionBadge(ChangeAction a) {
    switch (a) {
      case ChangeAction::kAdded: return "<span class=\"badge added\">新增 added</span>";
      case ChangeAction::kRemoved: return "<span class=\"badge removed\">删除 removed</span>";
      case ChangeAction::kChanged: return "<span class=\"badge changed\">修改 changed</span>";
    }
    return "";
  }
  static std::string_view KindLabel(std::string_view kind) {
    if (kind == "program") return "项目 program";
    if (kind == "rule") return "规则 rule";
    if (kind == "notice") return "提醒 notice";
    if (kind == "derived") return "派生值 derived";
    if (kind == "parameter") return "参数 parameter";
    if (kind == "value") return "参数值 value";
    if (kind == "region") return "地区 region";
    return "规则包 pack";
  }

  void ChangesSection() {
    out_ += "<section id=\"changes\">\n<h2>" + Bi("变更", "Changes") + "</h2>\n<p class=\"meta\">" +
            Bi("与基准规则包比较", "compared with the base pack") + "：<code>" + Escape(changes_->base_dir) +
            "</code>（rules_version <code>" + Escape(changes_->base_version) + "</code>）→ <code>" + Escape(version_) +
            "</code></p>\n";
    if (changes_->changes.empty()) {
      out_ += "<p>" + Bi("两个规则包的规则与参数相同。", "The two packs have the same rules and parameters.") + "</p>\n</section>\n";
      return;
    }
    out_ += "<table>\n<thead><tr><th>" + Bi("变化", "change") + "</th><th>" + Bi("类别", "kind") + "</th><th>" +
            Bi("对象", "subject") + "</th><th>" + Bi("字段", "field") + "</th><th>" + Bi("原", "before") + "</th><th>" +
            Bi("现", "after") + "</th></tr></thead>\n<tbody>\n";
    for (const Change& c : changes_->changes) {
      std::string subject = c.anchor.empty() ? "<code>" + Escape(c.subject) + "</code>"
                                             : "<a href=\"#" + Escape(c.anchor) + "\"><code>" + Escape(c.subject) + "</code></a>";
      out_ += "<tr><td>" + std::string(ActionBadge(c.action)) + "</td><td>" + std::string(KindLabel(c.kind)) + "</td><td>" +
              subject + "</td><td>" + Escape(c.field) + "</td><td class=\"old\">" + Escape(c.before) +
              "</td><td class=\"new\">" + Escape(c.after) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  // ------------------------------------------------------------------ programs
  void Programs() {
    out_ += "<section id=\"programs\">\n<h2>" + Bi("救助项目与规则", "Programs and rules") + "</h2>\n";
    for (const auto& id : pack_.order)
      if (const pack::RawProgram* p = FindProgram(id)) Program(*p);
    // Entries not in `order` do not load; kept here so a page never hides a program.
    for (const auto& p : pack_.programs)
      if (std::find(pack_.order.begin(), pack_.order.end(), p.id) == pack_.order.end()) Program(p);
    out_ += "</section>\n";
  }

  void Program(const pack::RawProgram& p) {
    out_ += "<article class=\"program\" id=\"" + Escape(ProgramAnchor(p.id)) + "\">\n<h3>" + Bi(p.title.zh, p.title.en) +
            " <code>" + Escape(p.id) + "</code></h3>\n";
    Fields f;
    if (!p.program.empty() && p.program != p.id) f.Row("输出项目代码", "program code", "<code>" + Escape(p.program) + "</code>");
    bool member = p.scope == "member";
    f.Row("范围", "scope", member ? Bi("每名成员", "one result per member") : Bi("全户", "one result per household"));
    if (member) f.Row("适用成员", "for each member where", ExprHtml(p.for_each));
    if (!p.exception_of.empty())
      f.Row("例外于", "exception of", Link(ProgramAnchor(p.exception_of), p.exception_of) + " " +
                                          Bi("（作为其一般规则的例外）", "(an exception to its general rule)"));
    f.Row("依据", "basis", Escape(p.basis));
    f.Row("说明", "note", Escape(p.note));
    out_ += f.Html();
    out_ += "<h4>" + Bi("规则（按顺序）", "Rules, in order") + "</h4>\n";
    for (size_t i = 0; i < p.rules.size(); ++i) Rule(p.rules[i], i + 1);
    Outcome(p);
    out_ += "</article>\n";
  }

  void Rule(const pack::RawRule& r, size_t n) {
    out_ += "<div class=\"rule\" id=\"" + Escape(RuleAnchor(r.id)) + "\">\n<h4>" + std::to_string(n) + ". <code>" +
            Escape(r.id) + "</code></h4>\n";
    Fields f;
    f.Row("适用前提", "when (else skipped)", ExprHtml(r.when));
    f.Row("条件", "test", ExprHtml(r.test));
    f.Row("符合时", "pass", MessagePair(r.pass));
    f.Row("不符合时", "fail", MessagePair(r.fail));
    f.Row("无法判定时", "unknown", MessagePair(r.unknown));
    f.Row("显示的数值", "values shown", ValuesTable(r.values));
    f.Row("依据", "basis", Escape(r.basis));
    f.Row("说明", "note", Escape(r.note));
    out_ += f.Html() + "</div>\n";
  }

  std::string ValuesTable(const std::vector<std::pair<std::string, pack::RawExpr>>& values) const {
    if (values.empty()) return "";
    std::string out = "<table>\n";
    for (const auto& [name, e] : values)
      out += "<tr><td><span class=\"ph\">" + Escape(name) + "</span></td><td>" + ExprHtml(e) + "</td></tr>\n";
    return out + "</table>";
  }

  // Amount, review period, 渐退期 and notices: what follows from the rules' result.
  void Outcome(const pack::RawProgram& p) {
    Fields f;
    f.Row("每月金额", "monthly amount (when eligible)", ExprHtml(p.amount));
    f.Row("复核周期（月）", "review period (months)", ExprHtml(p.review_months));
    if (p.phase_out.present()) f.Row("渐退期", "phase-out", PhaseOut(p.phase_out));
    std::string notices;
    for (const auto& n : p.notices) {
      Fields nf;
      nf.Row("代码", "code", "<code>" + Escape(n.code) + "</code>");
      nf.Row("条件", "when", ExprHtml(n.when));
      nf.Row("提示语", "message", MessagePair(n.message));
      nf.Row("依据", "basis", Escape(n.basis));
      notices += nf.Html();
    }
    f.Row("提醒", "notices (whatever the result)", notices);
    std::string html = f.Html();
    if (!html.empty()) out_ += "<h4>" + Bi("金额与后续", "Amount and follow-up") + "</h4>\n" + html;
  }

  std::string PhaseOut(const pack::RawPhaseOut& po) const {
    Fields f;
    f.Row("适用于", "applies", ExprHtml(po.applies));
    f.Row("给予新渐退期", "grant", ExprHtml(po.grant));
    f.Row("渐退期至", "until", ExprHtml(po.until));
    f.Row("给予时", "pass", MessagePair(po.pass));
    f.Row("不给予时", "fail", MessagePair(po.fail));
    f.Row("依据", "basis", Escape(po.basis));
    f.Row("说明", "note", Escape(po.note));
    return f.Html();
  }

  // ------------------------------------------------------------------ derived values
  static std::string ScopeLabel(std::string_view scope) {
    if (scope == "member") return Bi("每名成员", "per member") + "（<code>m</code>）";
    if (scope == "obligor") return Bi("每名义务人", "per obligor") + "（<code>o</code>）";
    return Bi("全户", "household");
  }

  void DerivedSection() {
    out_ += "<section id=\"derived\">\n<h2>" + Bi("派生值", "Derived values") + "</h2>\n<p class=\"meta\">" +
            Bi("由家庭情况计算、供规则使用的数值。", "Values computed from the household and used by the rules.") + "</p>\n";
    for (const auto& d : pack_.derived) {
      out_ += "<div class=\"rule\" id=\"" + Escape(DerivedAnchor(d.name)) + "\">\n<h4>" + Bi(d.title.zh, d.title.en) +
              " <code>" + Escape(d.name) + "</code></h4>\n";
      Fields f;
      f.Row("范围", "scope", ScopeLabel(d.scope));
      f.Row("计算", "expression", ExprHtml(d.expr));
      f.Row("依据", "basis", Escape(d.basis));
      f.Row("说明", "note", Escape(d.note));
      out_ += f.Html() + "</div>\n";
    }
    out_ += "</section>\n";
  }

  // ------------------------------------------------------------------ parameters
  void Parameters() {
    out_ += "<section id=\"parameters\">\n<h2>" + Bi("参数", "Parameters") + "</h2>\n<p class=\"meta\">" +
            Bi("每个数值自起始日期起适用，直至同一地区的下一个数值；住户按其所在最具体的已声明地区取值。",
               "A value holds from its date until the next value of the same region; a household takes the most "
               "specific declared region that covers its code.") +
            "</p>\n";
    for (const auto& p : pack_.params) Parameter(p);
    out_ += "</section>\n";
  }

  static std::string TypeLabel(std::string_view type) {
    if (type == "money") return Bi("金额（元）", "money (yuan)");
    if (type == "number") return Bi("数值", "number");
    if (type == "bool") return Bi("是/否", "yes/no");
    if (type == "kinds") return Bi("收入类型列表", "list of income kinds");
    if (type == "rounding") return Bi("取整单位", "rounding unit");
    return Escape(type);
  }
  static std::string DimensionLabel(const std::vector<std::string>& by) {
    std::string out;
    for (const auto& d : by) {
      std::string label = d == "hukou" ? Bi("户籍（城市/农村）", "hukou") : d == "setting" ? Bi("供养方式（分散/集中）", "care setting")
                                                                                      : Escape(d);
      out += (out.empty() ? "" : "；") + label;
    }
    return out.empty() ? Bi("无（单一数值）", "none (one value)") : out;
  }

  void Parameter(const pack::RawParam& p) {
    out_ += "<article id=\"" + Escape(ParamAnchor(p.name)) + "\">\n<h3>" + Bi(p.title.zh, p.title.en) + " <code>" +
            Escape(p.name) + "</code></h3>\n";
    Fields f;
    f.Row("类型", "type", TypeLabel(p.type));
    f.Row("维度", "by", DimensionLabel(p.by));
    if (p.optional) f.Row("可选", "optional", Bi("地方选项：地区无此数值属正常", "a regional option: a region without a value is normal"));
    f.Row("依据", "basis", Escape(p.basis));
    f.Row("说明", "note", Escape(p.note));
    out_ += f.Html() + ValueTable(p) + "</article>\n";
  }

  std::string RegionLabel(const std::string& code) const {
    if (code == "national") return Bi("全国默认", "national");
    for (const auto& r : pack_.regions)
      if (r.code == code) return "<code>" + Escape(code) + "</code> " + Escape(r.name);
    return "<code>" + Escape(code) + "</code>";
  }

  static std::vector<std::string> KeysOf(const pack::RawParam& p) {
    std::vector<std::string> keys;
    auto add = [&](const std::string& k) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    };
    for (const auto& v : p.values) {
      for (const auto& kv : v.values) add(kv.first);
      for (const auto& kv : v.lists) add(kv.first);
    }
    return keys;
  }

  static std::string KeyLabel(std::string_view key) {
    static const std::pair<std::string_view, std::string_view> kParts[] = {
        {"value", "数值"}, {"urban", "城市"}, {"rural", "农村"}, {"dispersed", "分散供养"}, {"institutional", "集中供养"}};
    std::string zh;
    size_t start = 0;
    while (start <= key.size()) {
      size_t dot = std::min(key.find('.', start), key.size());
      std::string_view part = key.substr(start, dot - start);
      std::string_view word = part;
      for (const auto& [from, to] : kParts)
        if (from == part) word = to;
      zh += (zh.empty() ? "" : "·") + std::string(word);
      start = dot + 1;
    }
    return Bi(zh, key);
  }

  std::string ValueTable(const pack::RawParam& p) const {
    if (p.values.empty())
      return "<p class=\"none\">" + Bi("暂无数值：各地区均缺此参数，用到它的规则结果为“待定”。",
                                       "No values: every region is missing it; rules that use it are undetermined.") + "</p>\n";
    std::vector<std::string> keys = KeysOf(p);
    bool notes = std::any_of(p.values.begin(), p.values.end(), [](const auto& v) { return !v.note.empty(); });
    std::string out = "<table>\n<thead><tr><th>" + Bi("地区", "region") + "</th><th>" + Bi("起始日期", "from") + "</th>";
    for (const auto& k : keys) out += "<th>" + KeyLabel(k) + "</th>";
    out += "<th>" + Bi("依据有效至", "basis until") + "</th><th>" + Bi("来源", "source") + "</th>";
    if (notes) out += "<th>" + Bi("说明", "note") + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& v : p.values) out += ValueRow(p, v, keys, notes);
    return out + "</tbody>\n</table>\n";
  }

  std::string ValueRow(const pack::RawParam& p, const pack::RawParamValue& v, const std::vector<std::string>& keys,
                       bool notes) const {
    std::string row = "<tr><td>" + RegionLabel(v.region) + "</td><td class=\"num\">" + Escape(v.from.ToString()) + "</td>";
    for (const auto& k : keys) row += "<td class=\"num\">" + CellOf(p, v, k) + "</td>";
    row += "<td class=\"num\">" + (v.basis_until ? Escape(v.basis_until->ToString()) : std::string()) + "</td><td>" +
           Escape(v.source) + "</td>";
    if (notes) row += "<td>" + Escape(v.note) + "</td>";
    return row + "</tr>\n";
  }

  static std::string CellOf(const pack::RawParam& p, const pack::RawParamValue& v, const std::string& key) {
    // Lists first: a kinds list also stands in `values` as an empty placeholder (pack_loader.cpp).
    for (const auto& [k, items] : v.lists) {
      if (k != key) continue;
      std::string out;
      for (const auto& item : items) out += (out.empty() ? "" : "、") + ("<code>" + Escape(item) + "</code>");
      return out;
    }
    for (const auto& [k, e] : v.values)
      if (k == key) return FormatValue(p.type, e.text);
    return "<span class=\"none\">—</span>";
  }

  // Money with two decimals; an exact fraction as written with its monthly value to the fen.
  static std::string FormatValue(std::string_view type, std::string_view text) {
    std::string t = Trimmed(text);
    while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    if (auto n = Num::ParseDecimal(t)) return Escape(type == "money" ? n->ToFixed2() : n->ToString());
    size_t slash = t.find('/');
    if (slash != std::string::npos) {
      auto a = Num::ParseDecimal(Trimmed(t.substr(0, slash)));
      std::string rhs = t.substr(slash + 1);
      while (!rhs.empty() && rhs.front() == ' ') rhs.erase(0, 1);
      auto b = Num::ParseDecimal(rhs);
      if (a && b && !b->IsZero()) {
        Num q = *a / *b;
        if (q.IsValid())
          return Escape(t) + "<br>= " + Escape(type == "money" ? q.ToFixed2() : q.ToString()) +
                 (type == "money" ? " <span class=\"en\">元/月</span>" : "");
      }
    }
    return "<code>" + Escape(t) + "</code>";
  }

  // ------------------------------------------------------------------ regions
  void Regions() {
    out_ += "<section id=\"regions\">\n<h2>" + Bi("行政区划", "Regions") + "</h2>\n<table>\n<thead><tr><th>" +
            Bi("代码", "code") + "</th><th>" + Bi("名称", "name") + "</th></tr></thead>\n<tbody>\n";
    for (const auto& r : pack_.regions)
      out_ += "<tr><td><code>" + Escape(r.code) + "</code></td><td>" + Escape(r.name) + "</td></tr>\n";
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  const pack::RawPack& pack_;
  std::string_view version_;
  const ChangeView* changes_;
  Glossary glossary_;
  std::string out_;
};

// A pack as the page needs it: compiled (so a pack with errors is refused, and for its rules_version) and as
// written (for the texts).
struct LoadedPack {
  pack::RawPack raw;
  std::string version;
};

bool LoadForDoc(const std::string& dir, LoadedPack& out, std::vector<Diagnostic>& diagnostics) {
  LoadResult loaded = LoadRulePack(dir);
  diagnostics.insert(diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  if (!loaded.ok()) return false;
  out.version = std::string(RulesVersion(*loaded.pack));
  pack::DiagnosticSink sink(out.raw.files);
  pack::LoadRawPack(dir, out.raw, sink);
  if (sink.errors() == 0) return true;
  // The files changed between the two reads: report what the second read found.
  diagnostics.insert(diagnostics.end(), sink.diagnostics().begin(), sink.diagnostics().end());
  return false;
}

}  // namespace

std::string RenderPage(const pack::RawPack& pack, std::string_view rules_version, const ChangeView* changes) {
  return PageWriter(pack, rules_version, changes).Render();
}

}  // namespace jiuzhu::doc

namespace jiuzhu {

bool RenderPackDoc(const std::string& dir, const std::string* base_dir, std::string& html,
                   std::vector<Diagnostic>& diagnostics) {
  doc::LoadedPack now;
  if (!doc::LoadForDoc(dir, now, diagnostics)) return false;
  if (!base_dir) {
    html = doc::RenderPage(now.raw, now.version, nullptr);
    return true;
  }
  doc::LoadedPack base;
  if (!doc::LoadForDoc(*base_dir, base, diagnostics)) return false;
  doc::ChangeView view{*base_dir, base.version, doc::DiffPacks(base.raw, now.raw)};
  html = doc::RenderPage(now.raw, now.version, &view);
  return true;
}

}  // namespace jiuzhu
