// The JSON contract of decision.md and cli.md "Errors": exact strings, since outside tests parse them.
#include <catch2/catch.hpp>

#include <string>

#include "jiuzhu/decision_writer.h"

namespace jiuzhu {
namespace {

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(s, out);
  return out;
}

std::string MoneyJson(const Num& n) {
  Decision d;
  ProgramResult p;
  p.program = "dibao";
  p.monthly_amount = n;
  d.programs.push_back(p);
  std::string out;
  AppendDecisionJson(d, out);
  const std::string key = "\"monthly_amount\":";
  const size_t start = out.find(key) + key.size();
  return out.substr(start, out.find(',', start) - start);
}

NamedValue Value(std::string_view name, NamedValue::Kind kind) {
  NamedValue v;
  v.name = name;
  v.kind = kind;
  return v;
}

TEST_CASE("AppendJsonString escapes quotes, backslashes and control characters", "[output][json]") {
  CHECK(Json("") == "\"\"");
  CHECK(Json("plain") == "\"plain\"");
  CHECK(Json("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(Json("a\\b") == "\"a\\\\b\"");
  CHECK(Json("l1\nl2\r\t") == "\"l1\\nl2\\r\\t\"");
  CHECK(Json("\b\f") == "\"\\b\\f\"");
  CHECK(Json(std::string_view("\x01\x1f\0x", 4)) == "\"\\u0001\\u001f\\u0000x\"");
  CHECK(Json("/\x7f") == "\"/\x7f\"");  // neither must be escaped (RFC 8259)
}

TEST_CASE("AppendJsonString passes UTF-8 through unchanged", "[output][json]") {
  CHECK(Json("家庭月人均收入 620.00 元") == "\"家庭月人均收入 620.00 元\"");
  CHECK(Json("低保\n“标准”") == "\"低保\\n“标准”\"");
}

TEST_CASE("AppendJsonString appends without touching what is there", "[output][json]") {
  std::string out = "x:";
  AppendJsonString("y", out);
  CHECK(out == "x:\"y\"");
}

TEST_CASE("Money is a number with at most two decimals", "[output][json]") {
  CHECK(MoneyJson(Num()) == "0");
  CHECK(MoneyJson(Num::Int(1120)) == "1120");
  CHECK(MoneyJson(Num::Ratio(1265, 3)) == "421.67");  // 421.666...
  CHECK(MoneyJson(Num::Ratio(1, 2)) == "0.5");
  CHECK(MoneyJson(Num::Fen(5)) == "0.05");
  CHECK(MoneyJson(Num::Fen(112010)) == "1120.1");
  CHECK(MoneyJson(Num::Ratio(1, 1000)) == "0");  // rounds to 0.00
  CHECK(MoneyJson(Num::Ratio(1, 200)) == "0.01");  // half away from zero
  CHECK(MoneyJson(Num::Fen(-4550)) == "-45.5");
  CHECK(MoneyJson(Num::Invalid()) == "null");
}

TEST_CASE("An empty Decision renders every field", "[output][json]") {
  Decision d;
  d.household = "H0001";
  d.as_of = Date::FromYmd(2025, 3, 1);
  d.rules_version = "3f2a";
  std::string out;
  AppendDecisionJson(d, out);
  CHECK(out ==
        R"({"household":"H0001","as_of":"2025-03-01","rules_version":"3f2a","programs":[],"flags":[],)"
        R"("data_issues":[]})");
}

TEST_CASE("A full Decision matches the golden JSON", "[output][json]") {
  Decision d;
  d.household = "H\"1";
  d.as_of = Date::FromYmd(2025, 3, 1);
  d.rules_version = "abc123";

  ProgramResult dibao;
  dibao.program = "dibao";
  dibao.status = Status::kEligible;
  dibao.monthly_amount = Num::Ratio(1265, 3);
  dibao.enrolled = true;
  Reason r;
  r.rule = "dibao.income_below_standard";
  r.outcome = Outcome::kPass;
  r.text = "家庭月人均收入 620.00 元，低于低保标准 788.00 元";
  r.text_en = "Income 620.00 below 788.00";
  r.basis = "办法 第十三条";
  r.values.push_back(Value("unknown", NamedValue::Kind::kUnknown));
  NamedValue b = Value("flag", NamedValue::Kind::kBool);
  b.boolean = true;
  r.values.push_back(b);
  NamedValue no = Value("no", NamedValue::Kind::kBool);
  r.values.push_back(no);
  NamedValue ratio = Value("ratio", NamedValue::Kind::kNumber);
  ratio.number = Num::Ratio(3, 2);
  r.values.push_back(ratio);
  NamedValue age = Value("age", NamedValue::Kind::kNumber);
  age.number = Num::Int(24);
  r.values.push_back(age);
  NamedValue income = Value("income", NamedValue::Kind::kMoney);
  income.number = Num::Int(620);
  r.values.push_back(income);
  NamedValue since = Value("since", NamedValue::Kind::kDate);
  since.date = Date::FromYmd(2024, 8, 31);
  r.values.push_back(since);
  NamedValue kind = Value("kind", NamedValue::Kind::kText);
  kind.text = "工资、\"奖金\"";
  r.values.push_back(kind);
  dibao.reasons.push_back(r);
  Reason skip;
  skip.rule = "dibao.other";
  skip.outcome = Outcome::kSkip;
  dibao.reasons.push_back(skip);
  d.programs.push_back(dibao);

  ProgramResult tekun;
  tekun.program = "tekun";
  tekun.member = "510502199001011234";
  tekun.status = Status::kUndetermined;
  Reason unknown;
  unknown.rule = "tekun.x";
  unknown.outcome = Outcome::kUnknown;
  tekun.reasons.push_back(unknown);
  Reason fail;
  fail.rule = "tekun.y";
  fail.outcome = Outcome::kFail;
  tekun.reasons.push_back(fail);
  d.programs.push_back(tekun);

  ProgramResult care;
  care.program = "disability_care";
  care.member = "m2";
  care.status = Status::kIneligible;
  care.monthly_amount = Num();
  d.programs.push_back(care);

  Flag missed;
  missed.code = "missed";
  missed.program = "dibao";
  missed.message = "漏保";
  missed.message_en = "not in JSON";
  d.flags.push_back(missed);
  Flag full;
  full.code = "phase_out";
  full.program = "tekun";
  full.member = "m1";
  full.message = "m";
  full.until = Date::FromYmd(2025, 6, 30);
  full.due = Date::FromYmd(2025, 2, 28);
  full.amount_now = Num::Int(800);
  full.amount_new = Num::Ratio(1, 2);
  full.missing = {"a", "b\n"};
  full.source = "人社";
  d.flags.push_back(full);

  d.data_issues.push_back({"members[0].birth_date", "birth_date_mismatch", "出生日期不一致"});
  d.data_issues.push_back({"", "missing_parameter", "x"});

  std::string out = "prefix";
  AppendDecisionJson(d, out);
  const std::string expected =
      R"(prefix{"household":"H\"1","as_of":"2025-03-01","rules_version":"abc123","programs":[)"
      R"({"program":"dibao","member":null,"status":"eligible","monthly_amount":421.67,"enrolled":true,"reasons":[)"
      R"({"rule":"dibao.income_below_standard","outcome":"pass",)"
      R"("text":"家庭月人均收入 620.00 元，低于低保标准 788.00 元","text_en":"Income 620.00 below 788.00",)"
      R"("basis":"办法 第十三条","values":{"unknown":null,"flag":true,"no":false,"ratio":1.5,"age":24,)"
      R"("income":620,"since":"2024-08-31","kind":"工资、\"奖金\""}},)"
      R"({"rule":"dibao.other","outcome":"skip","text":"","text_en":"","basis":"","values":{}}]},)"
      R"({"program":"tekun","member":"510502199001011234","status":"undetermined","monthly_amount":null,)"
      R"("enrolled":false,"reasons":[)"
      R"({"rule":"tekun.x","outcome":"unknown","text":"","text_en":"","basis":"","values":{}},)"
      R"({"rule":"tekun.y","outcome":"fail","text":"","text_en":"","basis":"","values":{}}]},)"
      R"({"program":"disability_care","member":"m2","status":"ineligible","monthly_amount":0,"enrolled":false,)"
      R"("reasons":[]}],)"
      R"("flags":[{"code":"missed","program":"dibao","member":null,"message":"漏保"},)"
      R"({"code":"phase_out","program":"tekun","member":"m1","message":"m","until":"2025-06-30",)"
      R"("due":"2025-02-28","amount_now":800,"amount_new":0.5,"missing":["a","b\n"],"source":"人社"}],)"
      R"("data_issues":[{"path":"members[0].birth_date","code":"birth_date_mismatch","message":"出生日期不一致"},)"
      R"({"path":"","code":"missing_parameter","message":"x"}]})";
  CHECK(out == expected);
  CHECK(out.find('\n') == std::string::npos);  // one line per Decision
}

TEST_CASE("Number values are exact up to six decimals", "[output][json]") {
  Decision d;
  ProgramResult p;
  p.program = "dibao";
  Reason r;
  r.rule = "x";
  NamedValue v = Value("v", NamedValue::Kind::kNumber);
  v.number = Num::Ratio(3, 10);
  r.values.push_back(v);
  v.number = Num::Ratio(1, 64);  // 0.015625: six decimals, still exact
  r.values.push_back(v);
  v.number = Num::Ratio(-5, 4);
  r.values.push_back(v);
  v.number = Num::Invalid();
  r.values.push_back(v);
  v.number = Num::Ratio(1, 3);  // no terminating decimal: Num::ToString() falls back to ToFixed2 (num.h)
  r.values.push_back(v);
  p.reasons.push_back(r);
  d.programs.push_back(p);
  std::string out;
  AppendDecisionJson(d, out);
  CHECK(out.find(R"("values":{"v":0.3,"v":0.015625,"v":-1.25,"v":null,"v":0.33})") != std::string::npos);
}

TEST_CASE("Error object with line and household", "[output][json]") {
  ReadResult r;
  r.household_id = "H0007";
  r.errors.push_back({"members[0].id", "bad_check_digit", "members[0].id: 身份证号校验位应为 X，实为 1"});
  r.errors.push_back({"region", "wrong_type", "region: \"x\""});
  std::string out;
  AppendErrorJson(7L, r, out);
  CHECK(out ==
        R"({"line":7,"household":"H0007","path":"members[0].id","code":"bad_check_digit",)"
        R"("message":"members[0].id: 身份证号校验位应为 X，实为 1","errors":[)"
        R"({"path":"members[0].id","code":"bad_check_digit","message":"members[0].id: 身份证号校验位应为 X，实为 1"},)"
        R"({"path":"region","code":"wrong_type","message":"region: \"x\""}]})");
}

TEST_CASE("Error object with line null and household null", "[output][json]") {
  ReadResult r;
  r.errors.push_back({"", "bad_json", "not JSON\tat 1"});
  std::string out;
  AppendErrorJson(std::nullopt, r, out);
  CHECK(out ==
        R"({"line":null,"household":null,"path":"","code":"bad_json","message":"not JSON\tat 1",)"
        R"("errors":[{"path":"","code":"bad_json","message":"not JSON\tat 1"}]})");
}

TEST_CASE("Error object without errors keeps string fields", "[output][json]") {
  ReadResult r;
  std::string out;
  AppendErrorJson(12L, r, out);
  CHECK(out == R"({"line":12,"household":null,"path":"","code":"","message":"","errors":[]})");
}

TEST_CASE("Status and outcome names", "[output]") {
  CHECK(std::string(StatusName(Status::kEligible)) == "eligible");
  CHECK(std::string(StatusName(Status::kIneligible)) == "ineligible");
  CHECK(std::string(StatusName(Status::kUndetermined)) == "undetermined");
  CHECK(std::string(OutcomeName(Outcome::kPass)) == "pass");
  CHECK(std::string(OutcomeName(Outcome::kFail)) == "fail");
  CHECK(std::string(OutcomeName(Outcome::kSkip)) == "skip");
  CHECK(std::string(OutcomeName(Outcome::kUnknown)) == "unknown");
}

TEST_CASE("Decision::Clear empties and keeps capacity", "[output]") {
  Decision d;
  d.household = "H1";
  d.as_of = Date::FromYmd(2025, 1, 1);
  d.rules_version = "v";
  d.programs.resize(8);
  d.flags.resize(3);
  d.data_issues.resize(2);
  const size_t cap = d.programs.capacity();
  d.Clear();
  CHECK(d.household.empty());
  CHECK(d.as_of == Date());
  CHECK(d.rules_version.empty());
  CHECK(d.programs.empty());
  CHECK(d.flags.empty());
  CHECK(d.data_issues.empty());
  CHECK(d.programs.capacity() == cap);
}

}  // namespace
}  // namespace jiuzhu
