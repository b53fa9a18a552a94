// Expression text → plain words for readers of the policy page. A light rewording over the parser's AST, not a
// translation: operators become words (且, 或, 低于 …), aggregates become phrases (满足 X 的家庭成员数), and
// names the pack titles become those titles, linked to their entry. Fields the pack does not title stay as
// code, so the reader always sees what the rule really reads.
#include <string>
#include <string_view>

#include "doc/pack_doc.h"
#include "expr/parser.h"

namespace jiuzhu::doc {
namespace {

using expr::Ast;
using expr::Node;
using expr::NodeKind;

// Binding strength, as in parser.cpp's grammar: a child weaker than its place needs is bracketed.
enum Prec : int { kIfPrec = 0, kOr = 1, kAnd = 2, kNot = 3, kCompare = 4, kAdd = 5, kMul = 6, kNeg = 7, kAtom = 8 };

int BinaryPrec(std::string_view op) {
  if (op == "or") return kOr;
  if (op == "and") return kAnd;
  if (op == "+" || op == "-") return kAdd;
  if (op == "*" || op == "/") return kMul;
  return kCompare;
}

std::string_view BinaryWord(std::string_view op) {
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"and", "且"},      {"or", "或"},         {"<", "低于"},   {"<=", "不高于"}, {">", "高于"},
      {">=", "不低于"},   {"==", "等于"},       {"!=", "不等于"}, {"in", "属于"},   {"not in", "不属于"},
      {"+", "+"},         {"-", "−"},           {"*", "×"},       {"/", "÷"}};
  for (const auto& [from, to] : kWords)
    if (from == op) return to;
  return op;
}

// Collections the catalog offers, named as a reader would.
std::string_view CollectionNoun(std::string_view field) {
  if (field == "members") return "家庭成员";
  if (field == "incomes") return "收入";
  if (field == "obligors") return "义务人";
  if (field == "houses") return "住房";
  if (field == "vehicles") return "车辆";
  return "";
}

class PlainWriter {
 public:
  PlainWriter(const Ast& ast, const Glossary& glossary) : ast_(ast), glossary_(glossary) {}

  std::string Render(int node, int need) {
    if (node < 0) return "";
    std::string s = RenderNode(node);
    return Prec(ast_.nodes[node]) < need ? "（" + s + "）" : s;
  }

 private:
  static int Prec(const Node& n) {
    switch (n.kind) {
      case NodeKind::kIf: return kIfPrec;
      case NodeKind::kUnary: return n.text == "not" ? kNot : kNeg;
      case NodeKind::kBinary: return BinaryPrec(n.text);
      default: return kAtom;
    }
  }

  std::string RenderNode(int node) {
    const Node& n = ast_.nodes[node];
    switch (n.kind) {
      case NodeKind::kNumber: return Escape(n.text);
      case NodeKind::kString: return "<code>'" + Escape(n.text) + "'</code>";
      case NodeKind::kBool: return n.text == "true" ? "是" : "否";
      case NodeKind::kName:
      case NodeKind::kField: return Name(node);
      case NodeKind::kCall: return Call(n);
      case NodeKind::kUnary:
        return n.text == "not" ? "非 " + Render(n.kids[0], kNot) : "−" + Render(n.kids[0], kNeg);
      case NodeKind::kBinary: return Binary(n);
      case NodeKind::kIf:
        return "如果 " + Render(n.kids[0], kOr) + "，则 " + Render(n.kids[1], kOr) + "；否则 " + Render(n.kids[2], kIfPrec);
      case NodeKind::kList: return List(n);
      case NodeKind::kAggregate: return Aggregate(n);
    }
    return Escape(n.text);
  }

  std::string Binary(const Node& n) {
    int prec = BinaryPrec(n.text);
    // Left-associative chains (a - b - c) need no brackets on the left; comparisons never chain.
    int left_need = prec == kCompare ? prec + 1 : prec;
    return Render(n.kids[0], left_need) + " " + std::string(BinaryWord(n.text)) + " " + Render(n.kids[1], prec + 1);
  }

  std::string List(const Node& n) {
    std::string out;
    for (size_t i = 0; i < n.kids.size(); ++i) out += (i ? "、" : "") + Render(n.kids[i], kOr);
    return "〔" + out + "〕";
  }

  // "dibao.standard", "m.counted": the dotted path when the node is a chain of plain names, else "".
  std::string Path(int node) const {
    if (node < 0) return "";
    const Node& n = ast_.nodes[node];
    if (n.kind == NodeKind::kName) return n.text;
    if (n.kind != NodeKind::kField) return "";
    std::string base = Path(n.kids[0]);
    return base.empty() ? "" : base + "." + n.text;
  }

  std::string Name(int node) {
    const Node& n = ast_.nodes[node];
    std::string path = Path(node);
    if (path.empty()) return Render(n.kids[0], kAtom) + "." + Escape(n.text);  // a field of a call's result
    if (const Term* t = Find(path)) return TermHtml(path, *t);
    // m.counted, o.member.tekun_income: a derived value read through a variable.
    if (n.kind == NodeKind::kField)
      if (const Term* t = Find(n.text)) return TermHtml(path, *t);
    if (path == "as_of") return "评估日期";
    return "<code>" + Escape(path) + "</code>";
  }

  const Term* Find(std::string_view name) const {
    auto it = glossary_.find(name);
    return it == glossary_.end() ? nullptr : &it->second;
  }

  static std::string TermHtml(std::string_view path, const Term& t) {
    return "<a class=\"term\" href=\"#" + Escape(t.anchor) + "\" title=\"" + Escape(path) + "\">" + Escape(t.title) + "</a>";
  }

  std::string Arg(const Node& n, size_t i) { return i < n.kids.size() ? Render(n.kids[i], kOr) : ""; }

  std::string Call(const Node& n) {
    const std::string& f = n.text;
    if (f == "known") return Arg(n, 0) + " 已知";
    if (f == "coalesce") return Arg(n, 0) + "（未知时取 " + Arg(n, 1) + "）";
    if ((f == "max" || f == "min") && n.kids.size() >= 2) return Joined(n, "、") + " 中的" + (f == "max" ? "较大者" : "较小者");
    if (f == "abs") return Arg(n, 0) + " 的绝对值";
    if (f == "add_months") return Arg(n, 0) + " 加 " + Arg(n, 1) + " 个月";
    if (f == "end_of_month") return Arg(n, 0) + " 所在月的月末";
    if (f == "months_between") return "从 " + Arg(n, 0) + " 到 " + Arg(n, 1) + " 的月数";
    if (f == "date") return Arg(n, 0);
    if (f == "status_of") return Arg(n, 0) + " 的判定结果";
    if (f == "eligible") return Arg(n, 0) + " 判定为符合";
    if (f == "in_phase_out") return Arg(n, 0) + " 处于渐退期";
    if (f == "unknown_fact") return "未知（需核实 " + Arg(n, 1) + "）";
    return "<code>" + Escape(f) + "</code>（" + Joined(n, "，") + "）";
  }

  std::string Joined(const Node& n, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < n.kids.size(); ++i) out += (i ? std::string(sep) : "") + Arg(n, i);
    return out;
  }

  // The collection an aggregate runs over, as a noun.
  std::string Source(int node) {
    const Node& n = ast_.nodes[node];
    std::string_view noun = n.kind == NodeKind::kName || n.kind == NodeKind::kField ? CollectionNoun(n.text) : "";
    if (noun.empty()) return Render(node, kAtom);
    return "<span title=\"" + Escape(Path(node)) + "\">" + std::string(noun) + "</span>";
  }

  std::string Aggregate(const Node& n) {
    int head = n.kids[0], filter = n.kids[2];
    std::string noun = Source(n.kids[1]);
    std::string which = filter >= 0 ? "满足 " + Render(filter, kOr) + " 的" : "";
    const std::string& f = n.text;
    if (f == "count") {
      if (head >= 0) which = "满足 " + Render(head, kOr) + (filter >= 0 ? " 且 " + Render(filter, kAnd) : "") + " 的";
      return which + noun + "数";
    }
    std::string each = head >= 0 ? Render(head, kOr) : "";
    if (f == "sum") return which + noun + "各项 " + each + " 之和";
    if (f == "any") return (which.empty() ? "" : which) + noun + "中有一项 " + each;
    if (f == "all") return (which.empty() ? "全部" : which) + noun + "均 " + each;
    return which + noun + "中 " + each + " 的" + (f == "min" ? "最小值" : "最大值");
  }

  const Ast& ast_;
  const Glossary& glossary_;
};

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Glossary MakeGlossary(const pack::RawPack& pack) {
  Glossary g;
  for (const auto& p : pack.params)
    g[p.name] = Term{ParamAnchor(p.name), p.title.zh.empty() ? p.name : p.title.zh};
  for (const auto& d : pack.derived)
    g[d.name] = Term{DerivedAnchor(d.name), d.title.zh.empty() ? d.name : d.title.zh};
  return g;
}

std::string PlainWordsHtml(std::string_view expr, const Glossary& glossary) {
  expr::Ast ast;
  std::vector<expr::ParseError> errors;
  if (!expr::Parse(expr, ast, errors) || ast.root < 0) return Escape(expr);
  return PlainWriter(ast, glossary).Render(ast.root, kIfPrec);
}

}  // namespace jiuzhu::doc
