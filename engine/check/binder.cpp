#include "check/binder.h"

#include "base/did_you_mean.h"
#include "check/catalog.h"
#include "expr/parser.h"

namespace jiuzhu::check {

using expr::NodeKind;
using plan::Op;
using plan::Type;
using plan::TypeInfo;

namespace {

TypeInfo T(Type t, Domain d = Domain::kNone) { return TypeInfo{t, d, false}; }
bool IsNumeric(TypeInfo t) { return t.type == Type::kNumber || t.type == Type::kMoney; }

Type ElementOf(Type list) {
  switch (list) {
    case Type::kMemberList: return Type::kMember;
    case Type::kIncomeList: return Type::kIncome;
    case Type::kObligorList: return Type::kObligor;
    case Type::kVehicleList: return Type::kVehicle;
    case Type::kHouseList: return Type::kHouse;
    default: return Type::kBool;
  }
}
bool IsList(Type t) { return ElementOf(t) != Type::kBool; }

Op FieldOp(Type element) {
  switch (element) {
    case Type::kMember: return Op::kMemberField;
    case Type::kIncome: return Op::kIncomeField;
    case Type::kObligor: return Op::kObligorField;
    case Type::kVehicle: return Op::kVehicleField;
    case Type::kHouse: return Op::kHouseField;
    default: return Op::kHouseholdField;  // assets./expenses. fields are household fields (offset ids)
  }
}

}  // namespace

// Household-level sub-objects share kHouseholdField; their field ids are offset so one switch serves all.
constexpr uint16_t kAssetsFieldBase = 100;
constexpr uint16_t kExpensesFieldBase = 200;

struct Binder::Ctx {
  const pack::RawExpr& raw;
  expr::Ast ast;
  Scope scope;
  std::vector<Dependency>* deps;
  bool failed = false;
};

Binder::Binder(RulePack& pack, const pack::RawPack& raw, pack::DiagnosticSink& sink)
    : pack_(pack), raw_(raw), sink_(sink) {
  for (size_t i = 0; i < raw.params.size(); ++i) params_.emplace(raw.params[i].name, static_cast<int>(i));
  for (size_t i = 0; i < raw.derived.size(); ++i) derived_.emplace(raw.derived[i].name, static_cast<int>(i));
  for (size_t i = 0; i < raw.programs.size(); ++i) entries_.emplace(raw.programs[i].id, static_cast<int>(i));
  derived_state_.assign(raw.derived.size(), 0);
  derived_deps_.resize(raw.derived.size());
}

void Binder::Error(Ctx& c, int ast, const std::string& code, const std::string& message) {
  c.failed = true;
  int offset = ast >= 0 ? c.ast.nodes[ast].offset : 0;
  sink_.Error(c.raw.PosAt(offset), code, message);
}

int Binder::Emit(Op op, TypeInfo type, uint16_t a, uint16_t b, int k0, int k1, int k2) {
  plan::Node n;
  n.op = op;
  n.type = type;
  n.a = a;
  n.b = b;
  n.kids = {k0, k1, k2};
  pack_.nodes.push_back(n);
  return static_cast<int>(pack_.nodes.size()) - 1;
}

int Binder::EmitConst(Value v, TypeInfo type) {
  int node = Emit(Op::kConst, type);
  pack_.nodes[node].konst = static_cast<int>(pack_.consts.size());
  pack_.consts.push_back(v);
  return node;
}

bool Binder::Unify(TypeInfo& a, TypeInfo& b) const {
  if (a == b) return true;
  if (a.type == Type::kMoney && b.type == Type::kNumber && b.literal) { b = a; return true; }
  if (b.type == Type::kMoney && a.type == Type::kNumber && a.literal) { a = b; return true; }
  return false;
}

int Binder::Bind(const pack::RawExpr& e, const Scope& scope, std::vector<Dependency>* deps) {
  Ctx c{e, {}, scope, deps};
  std::vector<expr::ParseError> errors;
  if (!expr::Parse(e.text, c.ast, errors)) {
    for (const auto& err : errors) sink_.Error(e.PosAt(err.offset), "BAD_EXPRESSION", err.message);
    return -1;
  }
  int root = BindNode(c, c.ast.root);
  return c.failed ? -1 : root;
}

int Binder::BindAs(const pack::RawExpr& e, const Scope& scope, TypeInfo want, std::string_view what,
                   std::vector<Dependency>* deps) {
  int root = Bind(e, scope, deps);
  if (root < 0) return -1;
  TypeInfo got = pack_.nodes[root].type;
  if (!Unify(want, got) || !(want == got)) {
    sink_.Error(e.pos, "TYPE_MISMATCH",
                std::string(what) + " must be " + plan::TypeName(want) + ", but this is " + plan::TypeName(got));
    return -1;
  }
  pack_.nodes[root].type = want;
  return root;
}

int Binder::BindNode(Ctx& c, int ast) {
  if (ast < 0 || c.failed) return -1;
  const expr::Node& n = c.ast.nodes[ast];
  switch (n.kind) {
    case NodeKind::kNumber: {
      auto v = Num::ParseDecimal(n.text);
      if (!v) { Error(c, ast, "BAD_NUMBER", "'" + n.text + "' is not a number"); return -1; }
      TypeInfo t = T(Type::kNumber);
      t.literal = true;
      return EmitConst(Value::Number(*v), t);
    }
    case NodeKind::kBool: return EmitConst(Value::Bool(n.text == "true"), T(Type::kBool));
    case NodeKind::kString:
      Error(c, ast, "TYPE_MISMATCH", "a text '" + n.text + "' can only be compared with an enumeration (==, !=, in)");
      return -1;
    case NodeKind::kName: return BindName(c, n);
    case NodeKind::kField: return BindField(c, ast);
    case NodeKind::kUnary: return BindUnary(c, n);
    case NodeKind::kBinary: return BindBinary(c, n);
    case NodeKind::kIf: return BindIf(c, n);
    case NodeKind::kCall: return BindCall(c, n);
    case NodeKind::kAggregate: return BindAggregate(c, n);
    case NodeKind::kList:
      Error(c, ast, "TYPE_MISMATCH", "a list [...] can only stand on the right of 'in'");
      return -1;
  }
  return -1;
}

std::vector<std::string_view> Binder::NamesInScope(const Ctx& c) const {
  std::vector<std::string_view> names;
  for (const auto& v : c.scope.vars) names.push_back(v.first);
  for (const auto& f : HouseholdFields()) names.push_back(f.name);
  for (const auto& d : raw_.derived) if (d.scope == "household") names.push_back(d.name);
  for (const auto& p : raw_.params) names.push_back(p.name);
  return names;
}

int Binder::BindName(Ctx& c, const expr::Node& n) {
  for (auto it = c.scope.vars.rbegin(); it != c.scope.vars.rend(); ++it)
    if (it->first == n.text) return Emit(Op::kVar, it->second.second, static_cast<uint16_t>(it->second.first));
  for (const auto& f : HouseholdFields())
    if (f.name == n.text) return Emit(Op::kHouseholdField, f.type, f.id);
  return BindDotted(c, n, n.text);
}

// A name or dotted name that is not a variable or field: a derived value or a parameter.
int Binder::BindDotted(Ctx& c, const expr::Node& n, const std::string& dotted) {
  if (auto it = derived_.find(dotted); it != derived_.end()) {
    const pack::RawDerived& d = raw_.derived[it->second];
    if (d.scope != "household") {
      int ast = static_cast<int>(&n - c.ast.nodes.data());
      Error(c, ast, "SCOPE_MISMATCH", "'" + dotted + "' is a " + d.scope + " value: write m." + dotted +
                                          " (or o." + dotted + ") for a given " + d.scope);
      return -1;
    }
    if (c.deps) c.deps->push_back({false, it->second});
    if (BindDerived(it->second) < 0) { c.failed = true; return -1; }
    return Emit(Op::kDerived, pack_.derived[it->second].type, static_cast<uint16_t>(it->second));
  }
  if (auto it = params_.find(dotted); it != params_.end()) {
    const plan::Param& p = pack_.params[it->second];
    bool member_scope = false;
    for (const auto& v : c.scope.vars) member_scope |= v.second.second.type == Type::kMember;
    if (p.by_setting && !member_scope) {
      int ast = static_cast<int>(&n - c.ast.nodes.data());
      Error(c, ast, "SCOPE_MISMATCH", "parameter '" + dotted + "' depends on a member's care setting: use it in member scope");
      return -1;
    }
    return Emit(Op::kParam, p.type, static_cast<uint16_t>(it->second));
  }
  int ast = static_cast<int>(&n - c.ast.nodes.data());
  Error(c, ast, "UNKNOWN_NAME", "unknown name '" + dotted + "'" + base::DidYouMeanSuffix(dotted, NamesInScope(c)));
  return -1;
}

namespace {
// "a.b.c" when the field chain is made of plain names only, else "".
std::string DottedName(const expr::Ast& ast, int node) {
  const expr::Node& n = ast.nodes[node];
  if (n.kind == NodeKind::kName) return n.text;
  if (n.kind != NodeKind::kField) return "";
  std::string base = DottedName(ast, n.kids[0]);
  return base.empty() ? "" : base + "." + n.text;
}
std::string FirstName(const expr::Ast& ast, int node) {
  const expr::Node& n = ast.nodes[node];
  if (n.kind == NodeKind::kName) return n.text;
  return n.kind == NodeKind::kField ? FirstName(ast, n.kids[0]) : "";
}
}  // namespace

int Binder::BindField(Ctx& c, int ast) {
  const expr::Node& n = c.ast.nodes[ast];
  // "dibao.standard": a dotted parameter or derived name, unless it starts with a variable or field.
  std::string dotted = DottedName(c.ast, ast);
  if (!dotted.empty()) {
    // A parameter or derived value may share its first word with a field (assets.financial_months).
    if (params_.count(dotted) || derived_.count(dotted)) return BindDotted(c, n, dotted);
    std::string first = FirstName(c.ast, ast);
    bool is_var = false;
    for (const auto& v : c.scope.vars) is_var |= v.first == first;
    for (const auto& f : HouseholdFields()) is_var |= f.name == first;
    if (!is_var) return BindDotted(c, n, dotted);
  }
  int base = BindNode(c, n.kids[0]);
  if (base < 0) return -1;
  TypeInfo bt = pack_.nodes[base].type;
  const auto& fields = FieldsOf(bt.type);
  for (const auto& f : fields) {
    if (f.name != n.text) continue;
    uint16_t id = f.id;
    if (bt.type == Type::kAssets) id += kAssetsFieldBase;
    if (bt.type == Type::kExpenses) id += kExpensesFieldBase;
    return Emit(FieldOp(bt.type), f.type, id, 0, bt.type == Type::kAssets || bt.type == Type::kExpenses ? -1 : base);
  }
  // A member's or obligor's derived value: m.counted, o.unable.
  std::string_view want_scope = bt.type == Type::kMember ? "member" : bt.type == Type::kObligor ? "obligor" : "";
  if (!want_scope.empty()) {
    if (auto it = derived_.find(n.text); it != derived_.end() && raw_.derived[it->second].scope == want_scope) {
      if (c.deps) c.deps->push_back({false, it->second});
      if (BindDerived(it->second) < 0) { c.failed = true; return -1; }
      Op op = bt.type == Type::kMember ? Op::kMemberDerived : Op::kObligorDerived;
      return Emit(op, pack_.derived[it->second].type, static_cast<uint16_t>(it->second), 0, base);
    }
  }
  std::vector<std::string_view> names;
  names.reserve(fields.size() + raw_.derived.size());
  for (const auto& f : fields) names.push_back(f.name);
  for (const auto& d : raw_.derived) if (d.scope == want_scope) names.push_back(d.name);
  Error(c, ast, "UNKNOWN_FIELD", "no field '" + n.text + "' on " + plan::TypeName(bt) +
                                     base::DidYouMeanSuffix(n.text, names));
  return -1;
}

int Binder::BindUnary(Ctx& c, const expr::Node& n) {
  int operand = BindNode(c, n.kids[0]);
  if (operand < 0) return -1;
  TypeInfo t = pack_.nodes[operand].type;
  int ast = static_cast<int>(&n - c.ast.nodes.data());
  if (n.text == "not") {
    if (t.type != Type::kBool) { Error(c, ast, "TYPE_MISMATCH", "'not' needs a yes/no value, found " + plan::TypeName(t)); return -1; }
    return Emit(Op::kNot, t, 0, 0, operand);
  }
  if (!IsNumeric(t)) { Error(c, ast, "TYPE_MISMATCH", "'-' needs a number or amount, found " + plan::TypeName(t)); return -1; }
  return Emit(Op::kNeg, t, 0, 0, operand);
}

int Binder::BindEnumLiteral(Ctx& c, int ast, Domain domain) {
  const expr::Node& n = c.ast.nodes[ast];
  int code = DomainCode(domain, n.text);
  if (code < 0) {
    Error(c, ast, "UNKNOWN_VALUE", "'" + n.text + "' is not a " + std::string(DomainName(domain)) +
                                       base::DidYouMeanSuffix(n.text, DomainValues(domain)));
    return -1;
  }
  return EmitConst(Value::Enum(code), T(Type::kEnum, domain));
}

int Binder::BindBinary(Ctx& c, const expr::Node& n) {
  int ast = static_cast<int>(&n - c.ast.nodes.data());
  const std::string& op = n.text;
  const expr::Node& rhs_ast = c.ast.nodes[n.kids[1]];
  const expr::Node& lhs_ast = c.ast.nodes[n.kids[0]];
  // An enumeration compared with a text literal: the literal becomes that enumeration's value.
  if ((op == "==" || op == "!=") && (rhs_ast.kind == NodeKind::kString || lhs_ast.kind == NodeKind::kString)) {
    bool lhs_is_text = lhs_ast.kind == NodeKind::kString;
    int other = BindNode(c, lhs_is_text ? n.kids[1] : n.kids[0]);
    if (other < 0) return -1;
    TypeInfo t = pack_.nodes[other].type;
    if (t.type != Type::kEnum) { Error(c, ast, "TYPE_MISMATCH", "a text can only be compared with an enumeration, found " + plan::TypeName(t)); return -1; }
    int lit = BindEnumLiteral(c, lhs_is_text ? n.kids[0] : n.kids[1], t.domain);
    if (lit < 0) return -1;
    return Emit(op == "==" ? Op::kEq : Op::kNe, T(Type::kBool), 0, 0, other, lit);
  }
  int lhs = BindNode(c, n.kids[0]);
  if (lhs < 0) return -1;
  if (op == "in" || op == "not in") {
    int in = BindIn(c, n, lhs);
    return in < 0 || op == "in" ? in : Emit(Op::kNot, T(Type::kBool), 0, 0, in);
  }
  int rhs = BindNode(c, n.kids[1]);
  if (rhs < 0) return -1;
  TypeInfo a = pack_.nodes[lhs].type, b = pack_.nodes[rhs].type;
  auto mismatch = [&](const std::string& need) {
    Error(c, ast, "TYPE_MISMATCH", "'" + op + "' " + need + ", found " + plan::TypeName(a) + " and " + plan::TypeName(b));
    return -1;
  };
  if (op == "and" || op == "or") {
    if (a.type != Type::kBool || b.type != Type::kBool) return mismatch("joins yes/no values");
    return Emit(op == "and" ? Op::kAnd : Op::kOr, T(Type::kBool), 0, 0, lhs, rhs);
  }
  if (op == "+" || op == "-") {
    if (a.type == Type::kDate || b.type == Type::kDate) return mismatch("does not apply to dates (use add_months)");
    if (!IsNumeric(a) || !IsNumeric(b) || !Unify(a, b)) return mismatch("needs two numbers or two amounts");
    TypeInfo t = a;
    t.literal = a.literal && b.literal;
    return Emit(op == "+" ? Op::kAdd : Op::kSub, t, 0, 0, lhs, rhs);
  }
  if (op == "*") {
    if (!IsNumeric(a) || !IsNumeric(b)) return mismatch("needs numbers");
    if (a.type == Type::kMoney && b.type == Type::kMoney) return mismatch("cannot multiply two amounts");
    TypeInfo t = (a.type == Type::kMoney || b.type == Type::kMoney) ? T(Type::kMoney) : T(Type::kNumber);
    t.literal = a.literal && b.literal;
    return Emit(Op::kMul, t, 0, 0, lhs, rhs);
  }
  if (op == "/") {
    if (!IsNumeric(a) || !IsNumeric(b)) return mismatch("needs numbers");
    if (a.type == Type::kNumber && b.type == Type::kMoney && !b.literal) return mismatch("cannot divide a number by an amount");
    TypeInfo t = (a.type == Type::kMoney && b.type != Type::kMoney) ? T(Type::kMoney) : T(Type::kNumber);
    t.literal = a.literal && b.literal;
    return Emit(Op::kDiv, t, 0, 0, lhs, rhs);
  }
  // Comparisons.
  if (!Unify(a, b)) return mismatch("compares values of one type");
  bool ordered = IsNumeric(a) || a.type == Type::kDate;
  Op cmp = op == "<" ? Op::kLt : op == "<=" ? Op::kLe : op == ">" ? Op::kGt : op == ">=" ? Op::kGe
           : op == "==" ? Op::kEq : Op::kNe;
  if (!ordered && cmp != Op::kEq && cmp != Op::kNe) return mismatch("orders numbers, amounts or dates only");
  if (a.type == Type::kSet || IsList(a.type) || a.type == Type::kMember || a.type == Type::kObligor)
    return mismatch("cannot compare these");
  return Emit(cmp, T(Type::kBool), 0, 0, lhs, rhs);
}

int Binder::BindIn(Ctx& c, const expr::Node& n, int lhs) {
  int ast = static_cast<int>(&n - c.ast.nodes.data());
  TypeInfo a = pack_.nodes[lhs].type;
  if (a.type != Type::kEnum) { Error(c, ast, "TYPE_MISMATCH", "'in' tests an enumeration value, found " + plan::TypeName(a)); return -1; }
  const expr::Node& rhs = c.ast.nodes[n.kids[1]];
  if (rhs.kind == NodeKind::kList) {
    uint64_t bits = 0;
    for (int item : rhs.kids) {
      const expr::Node& it = c.ast.nodes[item];
      if (it.kind != NodeKind::kString) { Error(c, item, "TYPE_MISMATCH", "a list after 'in' holds quoted values like 'wage'"); return -1; }
      int code = DomainCode(a.domain, it.text);
      if (code < 0) {
        Error(c, item, "UNKNOWN_VALUE", "'" + it.text + "' is not a " + std::string(DomainName(a.domain)) +
                                            base::DidYouMeanSuffix(it.text, DomainValues(a.domain)));
        return -1;
      }
      bits |= uint64_t{1} << code;
    }
    int set = EmitConst(Value::Set(bits), T(Type::kSet, a.domain));
    return Emit(Op::kIn, T(Type::kBool), 0, 0, lhs, set);
  }
  int set = BindNode(c, n.kids[1]);
  if (set < 0) return -1;
  TypeInfo b = pack_.nodes[set].type;
  if (b.type != Type::kSet || b.domain != a.domain) {
    Error(c, n.kids[1], "TYPE_MISMATCH", "'in' needs a list of " + std::string(DomainName(a.domain)) + " values, found " + plan::TypeName(b));
    return -1;
  }
  return Emit(Op::kIn, T(Type::kBool), 0, 0, lhs, set);
}

int Binder::BindIf(Ctx& c, const expr::Node& n) {
  int ast = static_cast<int>(&n - c.ast.nodes.data());
  int cond = BindNode(c, n.kids[0]);
  int yes = BindNode(c, n.kids[1]);
  int no = BindNode(c, n.kids[2]);
  if (cond < 0 || yes < 0 || no < 0) return -1;
  if (pack_.nodes[cond].type.type != Type::kBool) { Error(c, n.kids[0], "TYPE_MISMATCH", "'if' needs a yes/no condition"); return -1; }
  TypeInfo a = pack_.nodes[yes].type, b = pack_.nodes[no].type;
  if (!Unify(a, b)) {
    Error(c, ast, "TYPE_MISMATCH", "both branches of 'if' must have one type, found " + plan::TypeName(a) + " and " + plan::TypeName(b));
    return -1;
  }
  a.literal = a.literal && b.literal;
  return Emit(Op::kIf, a, 0, 0, cond, yes, no);
}

int Binder::BindCall(Ctx& c, const expr::Node& n) {
  int ast = static_cast<int>(&n - c.ast.nodes.data());
  const FunctionDef* def = nullptr;
  for (const auto& f : Functions()) if (f.name == n.text) def = &f;
  if (!def) {
    std::vector<std::string_view> names;
    for (const auto& f : Functions()) names.push_back(f.name);
    Error(c, ast, "UNKNOWN_FUNCTION", "unknown function '" + n.text + "'" + base::DidYouMeanSuffix(n.text, names));
    return -1;
  }
  int argc = static_cast<int>(n.kids.size());
  if (argc < def->min_args || argc > def->max_args) {
    Error(c, ast, "BAD_ARGUMENTS", std::string(def->doc) + " — called with " + std::to_string(argc) + " arguments");
    return -1;
  }
  using plan::Fn;
  if (def->fn == Fn::kStatusOf || def->fn == Fn::kEligible || def->fn == Fn::kAmountOf || def->fn == Fn::kInPhaseOut)
    return BindEntryCall(c, n, def->fn);
  if (def->fn == Fn::kUnknownFact) {
    int member = BindNode(c, n.kids[0]);
    const expr::Node& what = c.ast.nodes[n.kids[1]];
    if (member < 0) return -1;
    if (pack_.nodes[member].type.type != Type::kMember || what.kind != NodeKind::kString) {
      Error(c, ast, "BAD_ARGUMENTS", std::string(def->doc));
      return -1;
    }
    int first = static_cast<int>(pack_.args.size());
    pack_.args.push_back(member);
    int node = Emit(Op::kCall, T(Type::kBool), static_cast<uint16_t>(def->fn), 1, first);
    pack_.nodes[node].konst = static_cast<int>(pack_.texts.size());
    pack_.texts.push_back(what.text);
    return node;
  }
  if (def->fn == Fn::kDate) {
    const expr::Node& arg = c.ast.nodes[n.kids[0]];
    auto d = arg.kind == NodeKind::kString ? Date::Parse(arg.text) : std::nullopt;
    if (!d) { Error(c, n.kids[0], "BAD_DATE", "date(...) needs a quoted date 'YYYY-MM-DD'"); return -1; }
    return EmitConst(Value::OfDate(d->days()), T(Type::kDate));
  }
  std::vector<int> args;
  for (int k : n.kids) {
    int a = BindNode(c, k);
    if (a < 0) return -1;
    args.push_back(a);
  }
  auto type_of = [&](int i) { return pack_.nodes[args[i]].type; };
  auto fail = [&](const std::string& need) {
    Error(c, ast, "TYPE_MISMATCH", std::string(def->doc) + ": " + need);
    return -1;
  };
  TypeInfo result = type_of(0);
  switch (def->fn) {
    case Fn::kMax: case Fn::kMin: case Fn::kCoalesce: {
      for (int i = 1; i < argc; ++i) {
        TypeInfo t = type_of(i);
        if (!Unify(result, t)) return fail("arguments must have one type");
        result.literal = result.literal && t.literal;
      }
      if (def->fn != Fn::kCoalesce && !IsNumeric(result)) return fail("needs numbers or amounts");
      break;
    }
    case Fn::kAbs: if (!IsNumeric(result)) return fail("needs a number"); break;
    case Fn::kKnown: result = T(Type::kBool); break;
    case Fn::kAddMonths:
      if (type_of(0).type != Type::kDate || type_of(1).type != Type::kNumber) return fail("needs a date and a number");
      result = T(Type::kDate);
      break;
    case Fn::kEndOfMonth: if (result.type != Type::kDate) return fail("needs a date"); break;
    case Fn::kMonthsBetween:
      if (type_of(0).type != Type::kDate || type_of(1).type != Type::kDate) return fail("needs two dates");
      result = T(Type::kNumber);
      break;
    default: break;
  }
  int first = static_cast<int>(pack_.args.size());
  for (int a : args) pack_.args.push_back(a);
  return Emit(Op::kCall, result, static_cast<uint16_t>(def->fn), static_cast<uint16_t>(argc), first);
}

int Binder::BindEntryCall(Ctx& c, const expr::Node& n, plan::Fn fn) {
  const expr::Node& name = c.ast.nodes[n.kids[0]];
  if (name.kind != NodeKind::kString) { Error(c, n.kids[0], "BAD_ARGUMENTS", "name the program entry in quotes, e.g. 'tekun'"); return -1; }
  auto it = entries_.find(name.text);
  if (it == entries_.end()) {
    std::vector<std::string_view> names;
    for (const auto& p : raw_.programs) names.push_back(p.id);
    Error(c, n.kids[0], "UNKNOWN_PROGRAM", "no program entry '" + name.text + "'" + base::DidYouMeanSuffix(name.text, names));
    return -1;
  }
  bool member_entry = raw_.programs[it->second].scope == "member";
  int argc = static_cast<int>(n.kids.size());
  if (member_entry != (argc == 2)) {
    Error(c, n.kids[0], "BAD_ARGUMENTS", "'" + name.text + "' is a " + (member_entry ? "member" : "household") +
                                             " program: " + (member_entry ? "name the member too, e.g. (… , m)" : "give no member"));
    return -1;
  }
  int member = -1;
  if (argc == 2) {
    member = BindNode(c, n.kids[1]);
    if (member < 0) return -1;
    if (pack_.nodes[member].type.type != Type::kMember) { Error(c, n.kids[1], "TYPE_MISMATCH", "the second argument is a member"); return -1; }
  }
  if (c.deps) c.deps->push_back({true, it->second});
  TypeInfo result = fn == plan::Fn::kStatusOf ? T(Type::kEnum, Domain::kStatus)
                    : fn == plan::Fn::kAmountOf ? T(Type::kMoney) : T(Type::kBool);
  int first = static_cast<int>(pack_.args.size());
  pack_.args.push_back(member);
  int node = Emit(Op::kCall, result, static_cast<uint16_t>(fn), static_cast<uint16_t>(argc), first);
  pack_.nodes[node].konst = it->second;  // the entry
  return node;
}

int Binder::BindAggregate(Ctx& c, const expr::Node& n) {
  int ast = static_cast<int>(&n - c.ast.nodes.data());
  int source = BindNode(c, n.kids[1]);
  if (source < 0) return -1;
  TypeInfo st = pack_.nodes[source].type;
  if (!IsList(st.type)) { Error(c, n.kids[1], "TYPE_MISMATCH", n.text + "(...) runs over a list (members, m.incomes, ...), found " + plan::TypeName(st)); return -1; }
  int slot = NewSlot();
  c.scope.vars.push_back({n.var, {slot, T(ElementOf(st.type))}});
  int head = n.kids[0] >= 0 ? BindNode(c, n.kids[0]) : -1;
  int filter = n.kids[2] >= 0 ? BindNode(c, n.kids[2]) : -1;
  c.scope.vars.pop_back();
  if (c.failed) return -1;
  plan::Agg agg = n.text == "count" ? plan::Agg::kCount : n.text == "sum" ? plan::Agg::kSum
                  : n.text == "any" ? plan::Agg::kAny : n.text == "all" ? plan::Agg::kAll
                  : n.text == "min" ? plan::Agg::kMin : plan::Agg::kMax;
  if (filter >= 0 && pack_.nodes[filter].type.type != Type::kBool) { Error(c, n.kids[2], "TYPE_MISMATCH", "the filter after 'if' must be yes/no"); return -1; }
  TypeInfo result = T(Type::kNumber);
  if (agg == plan::Agg::kCount) {
    if (head >= 0 && pack_.nodes[head].type.type != Type::kBool) { Error(c, ast, "TYPE_MISMATCH", "count(x in list if condition) counts elements; a head must be yes/no"); return -1; }
  } else if (agg == plan::Agg::kAny || agg == plan::Agg::kAll) {
    if (head < 0 || pack_.nodes[head].type.type != Type::kBool) { Error(c, ast, "TYPE_MISMATCH", n.text + "(condition for x in list) needs a yes/no condition"); return -1; }
    result = T(Type::kBool);
  } else {
    if (head < 0 || !IsNumeric(pack_.nodes[head].type)) { Error(c, ast, "TYPE_MISMATCH", n.text + "(value for x in list) needs a number or amount"); return -1; }
    result = pack_.nodes[head].type;
    result.literal = false;
  }
  return Emit(Op::kAggregate, result, static_cast<uint16_t>(agg), static_cast<uint16_t>(slot), head, source, filter);
}

int Binder::BindDerived(int index) {
  int& state = derived_state_[index];
  if (state == 2) return pack_.derived[index].root;
  if (state == 3) return -1;
  const pack::RawDerived& d = raw_.derived[index];
  if (state == 1) {
    sink_.Error(d.pos, "DERIVED_CYCLE", "derived value '" + d.name + "' depends on itself");
    state = 3;
    return -1;
  }
  state = 1;
  Scope scope;
  plan::Derived& out = pack_.derived[index];
  if (d.scope == "member" || d.scope == "obligor") {
    out.slot = NewSlot();
    bool member = d.scope == "member";
    scope.vars.push_back({member ? "m" : "o", {out.slot, T(member ? Type::kMember : Type::kObligor)}});
  }
  std::vector<Dependency> deps;
  int root = Bind(d.expr, scope, &deps);
  derived_deps_[index] = std::move(deps);
  if (root < 0) {
    state = 3;
    return -1;
  }
  // pack_.derived may not have moved (it is sized up front), so `out` is still valid.
  out.root = root;
  out.type = pack_.nodes[root].type;
  out.type.literal = false;
  state = 2;
  return root;
}

void Binder::BindAllDerived() {
  for (size_t i = 0; i < raw_.derived.size(); ++i) BindDerived(static_cast<int>(i));
}

}  // namespace jiuzhu::check
