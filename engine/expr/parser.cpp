// Recursive-descent parser for the rule expression language.
//
//   expr      := 'if' expr 'then' expr 'else' expr | or
//   or        := and ('or' and)*
//   and       := not ('and' not)*
//   not       := 'not' not | compare
//   compare   := additive (('<'|'<='|'>'|'>='|'=='|'!=') additive | ['not'] 'in' additive)?
//   additive  := term (('+'|'-') term)*
//   term      := unary (('*'|'/') unary)*
//   unary     := '-' unary | postfix
//   postfix   := primary ('.' IDENT)*
//   primary   := NUMBER | STRING | 'true' | 'false' | '(' expr ')' | '[' [expr (',' expr)*] ']'
//              | AGG '(' [expr 'for'] IDENT 'in' expr ['if' expr] ')'      AGG: count sum any all min max
//              | IDENT '(' [expr (',' expr)*] ')' | IDENT
//   NUMBER    := digits ['.' digits]          (exact decimal; no exponent)
//   STRING    := "'" chars "'" | '"' chars '"'
//   IDENT     := (letter | '_') (letter | digit | '_')*
//
// Comparisons do not chain (a < b < c is an error): policy texts compare one value with one threshold.
#include "expr/parser.h"

#include <cctype>
#include <string>
#include <utility>

namespace jiuzhu::expr {
namespace {

enum class Tok : uint8_t { kEnd, kNumber, kString, kIdent, kOp, kError };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  int offset = 0;
  int length = 0;
};

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token Next() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    Token t;
    t.offset = static_cast<int>(pos_);
    if (pos_ >= text_.size()) return t;
    char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c))) return LexNumber(t);
    if (IsIdentStart(c)) return LexIdent(t);
    if (c == '\'' || c == '"') return LexString(t, c);
    return LexOp(t);
  }

 private:
  Token LexNumber(Token t) {
    size_t start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    return Finish(std::move(t), Tok::kNumber, start);
  }
  Token LexIdent(Token t) {
    size_t start = pos_;
    while (pos_ < text_.size() && IsIdentChar(text_[pos_])) ++pos_;
    return Finish(std::move(t), Tok::kIdent, start);
  }
  Token LexString(Token t, char quote) {
    size_t start = ++pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) ++pos_;
    if (pos_ >= text_.size()) {
      t.kind = Tok::kError;
      t.text = "unterminated string";
      t.length = static_cast<int>(text_.size()) - t.offset;
      return t;
    }
    t.kind = Tok::kString;
    t.text = std::string(text_.substr(start, pos_ - start));
    ++pos_;
    t.length = static_cast<int>(pos_) - t.offset;
    return t;
  }
  Token LexOp(Token t) {
    static const char* kTwo[] = {"<=", ">=", "==", "!="};
    for (const char* op : kTwo) {
      if (text_.substr(pos_, 2) == op) {
        pos_ += 2;
        return Finish(t, Tok::kOp, pos_ - 2);
      }
    }
    char c = text_[pos_];
    if (std::string_view("+-*/<>()[],.").find(c) != std::string_view::npos) {
      ++pos_;
      return Finish(t, Tok::kOp, pos_ - 1);
    }
    t.kind = Tok::kError;
    t.text = "unexpected character '" + std::string(1, c) + "'";
    t.length = 1;
    ++pos_;
    return t;
  }
  Token Finish(Token t, Tok kind, size_t start) {
    t.kind = kind;
    t.text = std::string(text_.substr(start, pos_ - start));
    t.length = static_cast<int>(pos_ - start);
    return t;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

class Parser {
 public:
  Parser(std::string_view text, Ast& ast, std::vector<ParseError>& errors)
      : lexer_(text), ast_(ast), errors_(errors) {
    Advance();
  }

  bool Run() {
    ast_.nodes.clear();
    ast_.root = ParseExpr();
    if (errors_.empty() && tok_.kind != Tok::kEnd) Error(tok_, "unexpected '" + tok_.text + "' after the expression");
    return errors_.empty();
  }

 private:
  void Advance() {
    tok_ = lexer_.Next();
    if (tok_.kind == Tok::kError) {
      Error(tok_, tok_.text);
      tok_.kind = Tok::kEnd;
    }
  }
  bool IsOp(std::string_view op) const { return tok_.kind == Tok::kOp && tok_.text == op; }
  bool IsWord(std::string_view w) const { return tok_.kind == Tok::kIdent && tok_.text == w; }
  void Error(const Token& at, std::string message) {
    if (errors_.empty()) errors_.push_back({at.offset, std::move(message)});  // first error only: the rest cascade
  }
  bool Expect(std::string_view op) {
    if (tok_.kind == Tok::kOp && tok_.text == op) {
      Advance();
      return true;
    }
    Error(tok_, "expected '" + std::string(op) + "'" + Found());
    return false;
  }
  std::string Found() const { return tok_.kind == Tok::kEnd ? " at the end" : ", found '" + tok_.text + "'"; }

  int Add(NodeKind kind, std::string text, std::vector<int> kids, int offset, int end) {
    Node n;
    n.kind = kind;
    n.text = std::move(text);
    n.kids = std::move(kids);
    n.offset = offset;
    n.length = end - offset;
    ast_.nodes.push_back(std::move(n));
    return static_cast<int>(ast_.nodes.size()) - 1;
  }
  int Start(int node) const { return node < 0 ? 0 : ast_.nodes[node].offset; }
  int End(int node) const { return node < 0 ? 0 : ast_.nodes[node].offset + ast_.nodes[node].length; }
  int Binary(std::string op, int lhs, int rhs) { return Add(NodeKind::kBinary, std::move(op), {lhs, rhs}, Start(lhs), End(rhs)); }

  int ParseExpr() {
    if (!IsWord("if")) return ParseOr();
    int start = tok_.offset;
    Advance();
    int cond = ParseExpr();
    if (!IsWord("then")) { Error(tok_, "expected 'then'" + Found()); return -1; }
    Advance();
    int yes = ParseExpr();
    if (!IsWord("else")) { Error(tok_, "expected 'else' (every 'if' needs both branches)" + Found()); return -1; }
    Advance();
    int no = ParseExpr();
    return Add(NodeKind::kIf, "if", {cond, yes, no}, start, End(no));
  }
  int ParseOr() {
    int lhs = ParseAnd();
    while (errors_.empty() && IsWord("or")) { Advance(); lhs = Binary("or", lhs, ParseAnd()); }
    return lhs;
  }
  int ParseAnd() {
    int lhs = ParseNot();
    while (errors_.empty() && IsWord("and")) { Advance(); lhs = Binary("and", lhs, ParseNot()); }
    return lhs;
  }
  int ParseNot() {
    if (!IsWord("not")) return ParseCompare();
    int start = tok_.offset;
    Advance();
    int operand = ParseNot();
    return Add(NodeKind::kUnary, "not", {operand}, start, End(operand));
  }
  int ParseCompare() {
    int lhs = ParseAdditive();
    static const char* kOps[] = {"<", "<=", ">", ">=", "==", "!="};
    for (const char* op : kOps) {
      if (IsOp(op)) {
        Advance();
        int node = Binary(op, lhs, ParseAdditive());
        if (IsOp("<") || IsOp("<=") || IsOp(">") || IsOp(">=") || IsOp("==") || IsOp("!="))
          Error(tok_, "comparisons do not chain: write 'a < b and b < c'");
        return node;
      }
    }
    if (IsWord("in")) { Advance(); return Binary("in", lhs, ParseAdditive()); }
    if (IsWord("not")) {
      Advance();
      if (!IsWord("in")) { Error(tok_, "expected 'in' after 'not'" + Found()); return lhs; }
      Advance();
      return Binary("not in", lhs, ParseAdditive());
    }
    return lhs;
  }
  int ParseAdditive() {
    int lhs = ParseTerm();
    while (errors_.empty() && (IsOp("+") || IsOp("-"))) {
      std::string op = tok_.text;
      Advance();
      lhs = Binary(op, lhs, ParseTerm());
    }
    return lhs;
  }
  int ParseTerm() {
    int lhs = ParseUnary();
    while (errors_.empty() && (IsOp("*") || IsOp("/"))) {
      std::string op = tok_.text;
      Advance();
      lhs = Binary(op, lhs, ParseUnary());
    }
    return lhs;
  }
  int ParseUnary() {
    if (!IsOp("-")) return ParsePostfix();
    int start = tok_.offset;
    Advance();
    int operand = ParseUnary();
    return Add(NodeKind::kUnary, "-", {operand}, start, End(operand));
  }
  int ParsePostfix() {
    int node = ParsePrimary();
    while (errors_.empty() && IsOp(".")) {
      Advance();
      if (tok_.kind != Tok::kIdent) { Error(tok_, "expected a field name after '.'" + Found()); return node; }
      node = Add(NodeKind::kField, tok_.text, {node}, Start(node), tok_.offset + tok_.length);
      Advance();
    }
    return node;
  }
  int ParsePrimary() {
    Token t = tok_;
    switch (t.kind) {
      case Tok::kNumber: Advance(); return Add(NodeKind::kNumber, t.text, {}, t.offset, t.offset + t.length);
      case Tok::kString: Advance(); return Add(NodeKind::kString, t.text, {}, t.offset, t.offset + t.length);
      case Tok::kIdent: return ParseIdent();
      case Tok::kOp:
        if (t.text == "(") {
          Advance();
          int inner = ParseExpr();
          Expect(")");
          return inner;
        }
        if (t.text == "[") return ParseList();
        break;
      default: break;
    }
    Error(t, t.kind == Tok::kEnd ? "expression ends too early" : "unexpected '" + t.text + "'");
    return -1;
  }
  int ParseList() {
    int start = tok_.offset;
    Advance();
    std::vector<int> items;
    if (!IsOp("]")) {
      do {
        items.push_back(ParseExpr());
      } while (errors_.empty() && IsOp(",") && (Advance(), true));
    }
    int end = tok_.offset + tok_.length;
    Expect("]");
    return Add(NodeKind::kList, "[]", std::move(items), start, end);
  }
  int ParseIdent() {
    Token t = tok_;
    Advance();
    if (t.text == "true" || t.text == "false") return Add(NodeKind::kBool, t.text, {}, t.offset, t.offset + t.length);
    if (!IsOp("(")) return Add(NodeKind::kName, t.text, {}, t.offset, t.offset + t.length);
    Advance();
    if (IsAggregateName(t.text)) return ParseAggregate(t);
    std::vector<int> args;
    if (!IsOp(")")) {
      do {
        args.push_back(ParseExpr());
      } while (errors_.empty() && IsOp(",") && (Advance(), true));
    }
    int end = tok_.offset + tok_.length;
    Expect(")");
    return Add(NodeKind::kCall, t.text, std::move(args), t.offset, end);
  }
  // min(a, b, ...) and max(a, b, ...) written as plain calls: `first` is already parsed.
  int FinishCall(const Token& name, int first) {
    std::vector<int> args{first};
    while (errors_.empty() && IsOp(",")) {
      Advance();
      args.push_back(ParseExpr());
    }
    int end = tok_.offset + tok_.length;
    Expect(")");
    return Add(NodeKind::kCall, name.text, std::move(args), name.offset, end);
  }
  // After "AGG(": [head 'for'] var 'in' source ['if' filter] ')'
  int ParseAggregate(const Token& name) {
    int head = -1;
    std::string var;
    if (tok_.kind == Tok::kIdent && !IsWord("not") && !IsWord("if")) {
      Lexer saved_lexer = lexer_;
      Token saved = tok_;
      Advance();
      if (IsWord("in")) {
        var = saved.text;  // the short form: count(m in members if ...)
      } else {
        lexer_ = saved_lexer;
        tok_ = saved;
      }
    }
    if (var.empty()) {
      head = ParseOr();
      if ((name.text == "min" || name.text == "max") && (IsOp(",") || IsOp(")"))) return FinishCall(name, head);
      if (!IsWord("for")) { Error(tok_, "expected 'for' in " + name.text + "(... for x in ...)" + Found()); return -1; }
      Advance();
      if (tok_.kind != Tok::kIdent) { Error(tok_, "expected a variable name after 'for'" + Found()); return -1; }
      var = tok_.text;
      Advance();
      if (!IsWord("in")) { Error(tok_, "expected 'in'" + Found()); return -1; }
    }
    Advance();  // 'in'
    int source = ParsePostfix();
    int filter = -1;
    if (IsWord("if")) { Advance(); filter = ParseOr(); }
    int end = tok_.offset + tok_.length;
    Expect(")");
    int node = Add(NodeKind::kAggregate, name.text, {head, source, filter}, name.offset, end);
    ast_.nodes[node].var = var;
    return node;
  }

  Lexer lexer_;
  Token tok_;
  Ast& ast_;
  std::vector<ParseError>& errors_;
};

}  // namespace

bool IsAggregateName(std::string_view name) {
  return name == "count" || name == "sum" || name == "any" || name == "all" || name == "min" || name == "max";
}

bool Parse(std::string_view text, Ast& out, std::vector<ParseError>& errors) {
  size_t before = errors.size();
  std::vector<ParseError> local;
  Parser parser(text, out, local);
  bool ok = parser.Run();
  errors.insert(errors.end(), local.begin(), local.end());
  return ok && errors.size() == before;
}

}  // namespace jiuzhu::expr
