// Binder: expression AST + catalog + the pack's names -> typed plan nodes appended to a RulePack.
// Resolves every name (variables, household/member/... fields, parameters, derived values, program entries),
// checks types, folds number literals into money where they meet money, and reports errors with the exact
// column and a did-you-mean. Derived values are bound on first use, so their order in the files is free and a
// cycle among them is reported (DERIVED_CYCLE).
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compile/plan.h"
#include "expr/ast.h"
#include "pack/raw_pack.h"

namespace jiuzhu::check {

// What an expression is bound in: the variables visible (`m` in member scope, `o` in obligor scope).
struct Scope {
  std::vector<std::pair<std::string, std::pair<int, plan::TypeInfo>>> vars;  // name -> (slot, type)
};

// A reference from one bound expression to a derived value or a program entry (for cycle checks).
struct Dependency {
  bool entry = false;  // false: derived value
  int index = -1;
};

class Binder {
 public:
  Binder(RulePack& pack, const pack::RawPack& raw, pack::DiagnosticSink& sink);

  // Binds `e` in `scope`; returns the root node, or -1 after reporting errors. `deps` receives what it uses.
  int Bind(const pack::RawExpr& e, const Scope& scope, std::vector<Dependency>* deps = nullptr);
  // As Bind, then requires the result type (money accepts a number literal).
  int BindAs(const pack::RawExpr& e, const Scope& scope, plan::TypeInfo want, std::string_view what,
             std::vector<Dependency>* deps = nullptr);
  int NewSlot() { return pack_.var_slots++; }

  // Derived values (declared in RawPack order; pack.derived is filled in the same order) and entries.
  void BindAllDerived();
  const std::vector<std::vector<Dependency>>& derived_deps() const { return derived_deps_; }

 private:
  struct Ctx;
  int BindNode(Ctx& c, int ast);
  int BindName(Ctx& c, const expr::Node& n);
  int BindField(Ctx& c, int ast);
  int BindDotted(Ctx& c, const expr::Node& n, const std::string& dotted);
  int BindUnary(Ctx& c, const expr::Node& n);
  int BindBinary(Ctx& c, const expr::Node& n);
  int BindIn(Ctx& c, const expr::Node& n, int lhs);
  int BindIf(Ctx& c, const expr::Node& n);
  int BindCall(Ctx& c, const expr::Node& n);
  int BindEntryCall(Ctx& c, const expr::Node& n, plan::Fn fn);
  int BindAggregate(Ctx& c, const expr::Node& n);
  int BindEnumLiteral(Ctx& c, int ast, Domain domain);
  int BindDerived(int index);

  int Emit(plan::Op op, plan::TypeInfo type, uint16_t a = 0, uint16_t b = 0, int k0 = -1, int k1 = -1, int k2 = -1);
  int EmitConst(Value v, plan::TypeInfo type);
  // Makes a and b agree where one is money and the other a number literal; false when they cannot.
  bool Unify(plan::TypeInfo& a, plan::TypeInfo& b) const;
  void Error(Ctx& c, int ast, const std::string& code, const std::string& message);
  std::vector<std::string_view> NamesInScope(const Ctx& c) const;

  RulePack& pack_;
  const pack::RawPack& raw_;
  pack::DiagnosticSink& sink_;
  std::unordered_map<std::string, int> params_, derived_, entries_;
  std::vector<int> derived_state_;  // 0 unbound, 1 binding, 2 bound, 3 failed
  std::vector<std::vector<Dependency>> derived_deps_;
};

}  // namespace jiuzhu::check
