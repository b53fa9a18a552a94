#include "expr/parser.h"

#include <catch2/catch.hpp>

using jiuzhu::expr::Ast;
using jiuzhu::expr::NodeKind;
using jiuzhu::expr::Parse;
using jiuzhu::expr::ParseError;

namespace {

// Renders the AST back as fully parenthesised text, so precedence is visible in one string.
std::string Show(const Ast& ast, int n) {
  const auto& node = ast.nodes[n];
  switch (node.kind) {
    case NodeKind::kNumber: case NodeKind::kName: case NodeKind::kBool: return node.text;
    case NodeKind::kString: return "'" + node.text + "'";
    case NodeKind::kField: return Show(ast, node.kids[0]) + "." + node.text;
    case NodeKind::kUnary: return "(" + node.text + " " + Show(ast, node.kids[0]) + ")";
    case NodeKind::kBinary: return "(" + Show(ast, node.kids[0]) + " " + node.text + " " + Show(ast, node.kids[1]) + ")";
    case NodeKind::kIf: return "(if " + Show(ast, node.kids[0]) + " then " + Show(ast, node.kids[1]) + " else " + Show(ast, node.kids[2]) + ")";
    case NodeKind::kList: {
      std::string s = "[";
      for (size_t i = 0; i < node.kids.size(); ++i) s += (i ? ", " : "") + Show(ast, node.kids[i]);
      return s + "]";
    }
    case NodeKind::kCall: {
      std::string s = node.text + "(";
      for (size_t i = 0; i < node.kids.size(); ++i) s += (i ? ", " : "") + Show(ast, node.kids[i]);
      return s + ")";
    }
    case NodeKind::kAggregate:
      return node.text + "(" + (node.kids[0] >= 0 ? Show(ast, node.kids[0]) + " for " : "") + node.var + " in " +
             Show(ast, node.kids[1]) + (node.kids[2] >= 0 ? " if " + Show(ast, node.kids[2]) : "") + ")";
  }
  return "?";
}

std::string ParseShow(const std::string& text) {
  Ast ast;
  std::vector<ParseError> errors;
  if (!Parse(text, ast, errors)) return "error@" + std::to_string(errors[0].offset) + ": " + errors[0].message;
  return Show(ast, ast.root);
}

}  // namespace

TEST_CASE("operators bind as the grammar says", "[expr][parser]") {
  auto [text, shown] = GENERATE(table<std::string, std::string>({
      {"a + b * c", "(a + (b * c))"},
      {"a - b - c", "((a - b) - c)"},
      {"not a and b or c", "(((not a) and b) or c)"},
      {"x < 1 and y >= 2", "((x < 1) and (y >= 2))"},
      {"-a * b", "((- a) * b)"},
      {"m.kind in ['wage', 'other']", "(m.kind in ['wage', 'other'])"},
      {"m.kind not in kinds", "(m.kind not in kinds)"},
      {"if a then 1 else if b then 2 else 3", "(if a then 1 else (if b then 2 else 3))"},
      {"dibao.standard * 1.5", "(dibao.standard * 1.5)"},
      {"max(0, a - b)", "max(0, (a - b))"},
      {"count(m in members if m.counted)", "count(m in members if m.counted)"},
      {"sum(i.monthly for i in m.incomes if i.kind == 'wage')", "sum(i.monthly for i in m.incomes if (i.kind == 'wage'))"},
      {"all(o.unable for o in m.obligors)", "all(o.unable for o in m.obligors)"},
      {"max(m.age for m in members)", "max(m.age for m in members)"},
  }));
  CAPTURE(text);
  CHECK(ParseShow(text) == shown);
}

TEST_CASE("syntax errors name the offset and what was expected", "[expr][parser]") {
  auto [text, offset, fragment] = GENERATE(table<std::string, int, std::string>({
      {"a <", 3, "ends too early"},
      {"(a + b", 6, "expected ')'"},
      {"if a then b", 11, "expected 'else'"},
      {"a < b < c", 6, "do not chain"},
      {"a $ b", 2, "unexpected character"},
      {"sum(x for x)", 11, "expected 'in'"},
      {"'open", 0, "unterminated"},
      {"a b", 2, "after the expression"},
  }));
  CAPTURE(text);
  Ast ast;
  std::vector<ParseError> errors;
  REQUIRE_FALSE(Parse(text, ast, errors));
  CHECK(errors[0].offset == offset);
  CHECK(errors[0].message.find(fragment) != std::string::npos);
}

TEST_CASE("numbers stay decimal text for exact parsing", "[expr][parser]") {
  Ast ast;
  std::vector<ParseError> errors;
  REQUIRE(Parse("5060 / 12", ast, errors));
  CHECK(ast.nodes[ast.nodes[ast.root].kids[0]].text == "5060");
  REQUIRE(Parse("0.35", ast, errors));
  CHECK(ast.nodes[ast.root].text == "0.35");
}
