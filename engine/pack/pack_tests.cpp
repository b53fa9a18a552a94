// `rules test`: a pack's own test cases, stored beside it in tests/*.yaml:
//
//   tests:
//     - name: 泸州 urban couple below the standard
//       as_of: 2025-03-01
//       household: {id: T1, region: "510502", hukou: urban, members: [...]}   # household.md shape
//       expect:
//         programs:                      # each listed result must exist and match; others are not checked
//           - {program: dibao, member: null, status: eligible, monthly_amount: 1120,
//              rules: {dibao.income_below_standard: pass},
//              values: {dibao.financial_assets: {months: 36}}}   # shown values (null: unknown)
//              pack: {dibao.financial_assets: anhui-sixian}       # the pack a rule came from (local packs)
//         flags: [missed]                # exactly these flag codes (any order); omit to not check
//
// A rule's coverage counts each outcome it had in any result of any test. For a local pack (one that extends
// another) coverage is over the rules it adds or replaces: the base's rules are its own tests' business.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "compile/plan.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/household_reader.h"
#include "pack/raw_pack.h"

namespace jiuzhu {
namespace {

struct Coverage {
  std::map<std::string, std::pair<bool, bool>> seen;  // rule -> (passed, failed)
  std::map<std::string, PackTestReport::Coverage> where;  // rule -> its position
};

// "" when the shown value is the expected one (a number compares exactly; null means unknown).
std::string CompareValue(const YAML::Node& want, const NamedValue& v) {
  std::string got;
  switch (v.kind) {
    case NamedValue::Kind::kUnknown: got = "null"; break;
    case NamedValue::Kind::kBool: got = v.boolean ? "true" : "false"; break;
    case NamedValue::Kind::kNumber:
    case NamedValue::Kind::kMoney: got = v.number.ToString(); break;
    case NamedValue::Kind::kDate: got = v.date.ToString(); break;
    case NamedValue::Kind::kText: got = v.text; break;
  }
  if (want.IsNull()) return v.kind == NamedValue::Kind::kUnknown ? "" : got + ", expected null";
  std::string expected = want.as<std::string>();
  if (v.kind == NamedValue::Kind::kNumber || v.kind == NamedValue::Kind::kMoney) {
    auto parsed = Num::ParseDecimal(expected);
    if (parsed && *parsed == v.number) return "";
  } else if (expected == got) {
    return "";
  }
  return got + ", expected " + expected;
}

// Checks one expected program result; returns "" or what differs.
std::string CheckProgram(const YAML::Node& want, const Decision& d) {
  std::string program = want["program"].as<std::string>("");
  std::string member = want["member"] && !want["member"].IsNull() ? want["member"].as<std::string>() : "";
  const ProgramResult* got = nullptr;
  for (const auto& r : d.programs)
    if (r.program == program && r.member == member) got = &r;
  std::string what = program + (member.empty() ? "" : "[" + member + "]");
  if (!got) return "no result for " + what;
  if (want["status"] && want["status"].as<std::string>() != StatusName(got->status))
    return what + ": status " + StatusName(got->status) + ", expected " + want["status"].as<std::string>();
  if (YAML::Node amount = want["monthly_amount"]) {
    std::string expected = amount.IsNull() ? "null" : amount.as<std::string>();
    std::string actual = got->monthly_amount ? got->monthly_amount->ToFixed2() : "null";
    auto parsed = Num::ParseDecimal(expected, 2);
    bool same = amount.IsNull() ? !got->monthly_amount : (parsed && got->monthly_amount && *parsed == *got->monthly_amount);
    if (!same) return what + ": monthly_amount " + actual + ", expected " + expected;
  }
  if (YAML::Node rules = want["rules"]) {
    for (const auto& kv : rules) {
      std::string rule = kv.first.as<std::string>(), outcome = kv.second.as<std::string>();
      auto it = std::find_if(got->reasons.begin(), got->reasons.end(), [&](const Reason& r) { return r.rule == rule; });
      if (it == got->reasons.end()) return what + ": no reason " + rule;
      if (OutcomeName(it->outcome) != outcome) return what + ": " + rule + " " + OutcomeName(it->outcome) + ", expected " + outcome;
    }
  }
  if (YAML::Node values = want["values"]) {
    for (const auto& kv : values) {
      std::string rule = kv.first.as<std::string>();
      auto it = std::find_if(got->reasons.begin(), got->reasons.end(), [&](const Reason& r) { return r.rule == rule; });
      if (it == got->reasons.end()) return what + ": no reason " + rule;
      for (const auto& nv : kv.second) {
        std::string name = nv.first.as<std::string>();
        auto v = std::find_if(it->values.begin(), it->values.end(), [&](const NamedValue& x) { return x.name == name; });
        if (v == it->values.end()) return what + ": " + rule + " shows no value '" + name + "'";
        std::string problem = CompareValue(nv.second, *v);
        if (!problem.empty()) return what + ": " + rule + " value " + name + " " + problem;
      }
    }
  }
  if (YAML::Node packs = want["pack"]) {
    for (const auto& kv : packs) {
      std::string rule = kv.first.as<std::string>(), pack = kv.second.as<std::string>();
      auto it = std::find_if(got->reasons.begin(), got->reasons.end(), [&](const Reason& r) { return r.rule == rule; });
      if (it == got->reasons.end()) return what + ": no reason " + rule;
      if (it->pack != pack) return what + ": " + rule + " comes from pack '" + std::string(it->pack) + "', expected '" + pack + "'";
    }
  }
  return "";
}

std::string CheckFlags(const YAML::Node& want, const Decision& d) {
  std::vector<std::string> expected, actual;
  for (const auto& f : want) expected.push_back(f.as<std::string>());
  for (const auto& f : d.flags) actual.push_back(f.code);
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  if (expected == actual) return "";
  std::string got;
  for (const auto& a : actual) got += (got.empty() ? "" : ", ") + a;
  std::string exp;
  for (const auto& e : expected) exp += (exp.empty() ? "" : ", ") + e;
  return "flags [" + got + "], expected [" + exp + "]";
}

void RecordCoverage(const Decision& d, Coverage& c) {
  for (const auto& r : d.programs)
    for (const auto& reason : r.reasons) {
      auto& s = c.seen[std::string(reason.rule)];
      s.first |= reason.outcome == Outcome::kPass;
      s.second |= reason.outcome == Outcome::kFail;
    }
}

void RunCase(const YAML::Node& t, const std::string& file, Screener& screener, HouseholdReader& reader,
             PackTestReport& report, Coverage& coverage) {
  ++report.tests;
  std::string name = t["name"].as<std::string>("(unnamed)");
  int line = t.Mark().line + 1;
  auto fail = [&](const std::string& message) { report.failures.push_back({file, line, name, message}); };
  auto as_of = Date::Parse(t["as_of"].as<std::string>(""));
  if (!as_of) return fail("as_of must be a date YYYY-MM-DD");
  Household h;
  ReadResult r = reader.ReadYaml(YAML::Dump(t["household"]), h);
  if (!r.ok) return fail("household rejected: " + (r.errors.empty() ? std::string("?") : r.errors[0].message));
  Decision d;
  screener.Screen(h, *as_of, ReasonsMode::kAll, d);
  RecordCoverage(d, coverage);
  YAML::Node expect = t["expect"];
  for (const auto& p : expect["programs"]) {
    std::string problem = CheckProgram(p, d);
    if (!problem.empty()) return fail(problem);
  }
  if (expect["flags"]) {
    std::string problem = CheckFlags(expect["flags"], d);
    if (!problem.empty()) return fail(problem);
  }
  ++report.passed;
}

}  // namespace

PackTestReport RunPackTests(const std::shared_ptr<const RulePack>& pack, const std::string& dir) {
  PackTestReport report;
  Coverage coverage;
  const int top = static_cast<int>(pack->layers.size()) - 1;
  for (const auto& entry : pack->entries) {
    for (const auto& rule : entry.rules) {
      if (top > 0 && rule.layer != top) continue;
      coverage.seen[rule.id];
      coverage.where[rule.id] = {rule.id, false, false, rule.file, rule.line, rule.column};
    }
    if (entry.phase_out.present && (top == 0 || entry.phase_out.layer == top)) {
      const plan::PhaseOut& po = entry.phase_out;
      coverage.seen[po.rule_id];
      coverage.where[po.rule_id] = {po.rule_id, false, false, po.file, po.line, po.column};
    }
  }
  Screener screener(pack);
  HouseholdReader reader;
  for (const std::string& file : pack::ListFiles(dir + "/tests", ".yaml")) {
    std::string text;
    pack::ReadFile(file, text);
    try {
      YAML::Node root = YAML::Load(text);
      for (const auto& t : root["tests"]) RunCase(t, file, screener, reader, report, coverage);
    } catch (const YAML::Exception& e) {
      Diagnostic d;
      d.code = "YAML_SYNTAX";
      d.file = file;
      d.line = e.mark.line + 1;
      d.column = e.mark.column + 1;
      d.message = e.msg;
      report.diagnostics.push_back(d);
    }
  }
  for (const auto& [rule, seen] : coverage.seen) {
    auto where = coverage.where.find(rule);
    if (where == coverage.where.end()) continue;  // a base rule seen by a local pack's tests
    PackTestReport::Coverage c = where->second;
    c.rule = rule;
    c.passed = seen.first;
    c.failed = seen.second;
    report.coverage.push_back(std::move(c));
  }
  return report;
}

}  // namespace jiuzhu
