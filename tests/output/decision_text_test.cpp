// The caseworker's text view (cli.md "--format text"): marks, localised labels, two-decimal money.
#include <catch2/catch.hpp>

#include <string>

#include "jiuzhu/decision_writer.h"

namespace jiuzhu {
namespace {

Reason MakeReason(std::string_view rule, Outcome outcome, std::string text, std::string text_en,
                  std::string_view basis) {
  Reason r;
  r.rule = rule;
  r.outcome = outcome;
  r.text = std::move(text);
  r.text_en = std::move(text_en);
  r.basis = basis;
  return r;
}

Decision SampleDecision() {
  Decision d;
  d.household = "H0001";
  d.as_of = Date::FromYmd(2025, 3, 1);
  d.rules_version = "3f2a9c0d1e2f3a4b5c6d";

  ProgramResult dibao;
  dibao.program = "dibao";
  dibao.status = Status::kEligible;
  dibao.monthly_amount = Num::Int(1120);
  dibao.enrolled = true;
  dibao.reasons.push_back(MakeReason("dibao.income_below_standard", Outcome::kPass,
                                     "家庭月人均收入 620.00 元，低于低保标准 788.00 元",
                                     "Per-capita income 620.00 yuan is below the standard 788.00 yuan",
                                     "最低生活保障审核确认办法 第十三条"));
  dibao.reasons.push_back(MakeReason("dibao.property", Outcome::kFail, "存款超过限额", "Savings over the limit", ""));
  dibao.reasons.push_back(MakeReason("dibao.car", Outcome::kUnknown, "车辆情况不明", "", "办法 第十条"));
  dibao.reasons.push_back(MakeReason("dibao.skipped", Outcome::kSkip, "", "", ""));
  d.programs.push_back(dibao);

  ProgramResult tekun;
  tekun.program = "tekun";
  tekun.member = "510502199001011234";
  tekun.status = Status::kIneligible;
  tekun.monthly_amount = Num::Ratio(1265, 3);
  d.programs.push_back(tekun);

  ProgramResult other;
  other.program = "medical_aid";
  other.status = Status::kUndetermined;
  d.programs.push_back(other);

  Flag missed;
  missed.code = "missed";
  missed.program = "dibao";
  missed.message = "符合低保条件但未纳入";
  missed.message_en = "Eligible for dibao but not enrolled";
  d.flags.push_back(missed);
  Flag phase;
  phase.code = "phase_out";
  phase.program = "tekun";
  phase.member = "m1";
  phase.message = "渐退";
  phase.until = Date::FromYmd(2025, 6, 30);
  phase.due = Date::FromYmd(2025, 2, 28);
  phase.amount_now = Num::Int(800);
  phase.amount_new = Num::Ratio(1, 2);
  phase.missing = {"income", "savings"};
  phase.source = "人社";
  d.flags.push_back(phase);

  d.data_issues.push_back({"members[0].birth_date", "birth_date_mismatch", "出生日期与身份证号不符"});
  return d;
}

TEST_CASE("Chinese text view", "[output][text]") {
  std::string out;
  AppendDecisionText(SampleDecision(), Lang::kZh, out);
  const std::string expected =
      "户 H0001 · 评估日期 2025-03-01 · 规则版本 3f2a9c0d1e2f…\n"
      "■ 低保 dibao（全户）：符合 · 每月 1120.00 元 · 已在保\n"
      "  ✓ 家庭月人均收入 620.00 元，低于低保标准 788.00 元  〔最低生活保障审核确认办法 第十三条〕\n"
      "  ✗ 存款超过限额\n"
      "  ? 车辆情况不明  〔办法 第十条〕\n"
      "  – dibao.skipped\n"
      "■ 特困 tekun（成员 510502199001011234）：不符合 · 每月 421.67 元 · 未在保\n"
      "■ medical_aid（全户）：待定 · 金额待定 · 未在保\n"
      "提醒：\n"
      "  ! 漏保 missed — 低保 dibao（全户）：符合低保条件但未纳入\n"
      "  ! 渐退 phase_out — 特困 tekun（成员 m1）：渐退 · 截止 2025-06-30 · 复核日期 2025-02-28"
      " · 现发 800.00 元 → 应发 0.50 元 · 缺少 income、savings · 来源 人社\n"
      "数据问题：\n"
      "  - members[0].birth_date (birth_date_mismatch)：出生日期与身份证号不符\n";
  CHECK(out == expected);
}

TEST_CASE("English text view", "[output][text]") {
  std::string out;
  AppendDecisionText(SampleDecision(), Lang::kEn, out);
  const std::string expected =
      "Household H0001 · as of 2025-03-01 · rules version 3f2a9c0d1e2f…\n"
      "■ Minimum living allowance (dibao, household): eligible · 1120.00 yuan/month · enrolled\n"
      "  ✓ Per-capita income 620.00 yuan is below the standard 788.00 yuan  [最低生活保障审核确认办法 第十三条]\n"
      "  ✗ Savings over the limit\n"
      "  ? 车辆情况不明  [办法 第十条]\n"  // no English text: the Chinese one rather than nothing
      "  – dibao.skipped\n"
      "■ Extreme-poverty support (tekun, member 510502199001011234): ineligible · 421.67 yuan/month"
      " · not enrolled\n"
      "■ medical_aid (household): undetermined · amount unknown · not enrolled\n"
      "Flags:\n"
      "  ! missed — Minimum living allowance (dibao, household): Eligible for dibao but not enrolled\n"
      "  ! phase_out — Extreme-poverty support (tekun, member m1): 渐退 · until 2025-06-30 · review due 2025-02-28"
      " · paid now 800.00 yuan → new amount 0.50 yuan · missing: income, savings · source: 人社\n"
      "Data issues:\n"
      "  - members[0].birth_date (birth_date_mismatch): 出生日期与身份证号不符\n";
  CHECK(out == expected);
}

TEST_CASE("Text money always has two decimals", "[output][text]") {
  Decision d;
  ProgramResult p;
  p.program = "disability_living";
  p.member = "m";
  p.status = Status::kIneligible;
  p.monthly_amount = Num();
  d.programs.push_back(p);
  p.program = "disability_care";
  p.status = Status::kEligible;
  p.monthly_amount = Num::Ratio(1, 2);
  d.programs.push_back(p);
  std::string zh;
  AppendDecisionText(d, Lang::kZh, zh);
  CHECK(zh.find("■ 困难残疾人生活补贴 disability_living（成员 m）：不符合 · 每月 0.00 元") != std::string::npos);
  CHECK(zh.find("■ 重度残疾人护理补贴 disability_care（成员 m）：符合 · 每月 0.50 元") != std::string::npos);
  std::string en;
  AppendDecisionText(d, Lang::kEn, en);
  CHECK(en.find("Living subsidy for disabled people in difficulty (disability_living, member m): ineligible"
                " · 0.00 yuan/month") != std::string::npos);
  CHECK(en.find("Care subsidy for severely disabled people (disability_care, member m): eligible"
                " · 0.50 yuan/month") != std::string::npos);
  CHECK(zh.find("提醒") == std::string::npos);  // no flags, no flags section
  CHECK(en.find("Data issues") == std::string::npos);
}

TEST_CASE("Every flag code has its Chinese name", "[output][text]") {
  Decision d;
  for (const char* code : {"missed", "exit", "phase_out", "increase", "decrease", "review_due", "undetermined",
                           "verify", "data_mismatch", "custom"}) {
    Flag f;
    f.code = code;
    f.message = "m";
    d.flags.push_back(f);
  }
  std::string out;
  AppendDecisionText(d, Lang::kZh, out);
  for (const char* line : {"  ! 漏保 missed：m\n", "  ! 应退 exit：m\n", "  ! 渐退 phase_out：m\n",
                           "  ! 增发 increase：m\n", "  ! 减发 decrease：m\n", "  ! 复核到期 review_due：m\n",
                           "  ! 待补充 undetermined：m\n", "  ! 待核实 verify：m\n", "  ! 比对异常 data_mismatch：m\n",
                           "  ! custom：m\n"}) {
    CHECK(out.find(line) != std::string::npos);
  }
}

TEST_CASE("Error text lists line, household and every error", "[output][text]") {
  ReadResult r;
  r.household_id = "H0007";
  r.errors.push_back({"members[0].id", "bad_check_digit", "校验位错误"});
  r.errors.push_back({"region", "wrong_type", "region should be a string"});
  std::string zh;
  AppendErrorText(7L, r, Lang::kZh, zh);
  CHECK(zh ==
        "拒绝 · 第 7 行 · 户 H0007：2 处错误\n"
        "  - members[0].id (bad_check_digit)：校验位错误\n"
        "  - region (wrong_type)：region should be a string\n");
  std::string en;
  AppendErrorText(7L, r, Lang::kEn, en);
  CHECK(en ==
        "Rejected · line 7 · Household H0007: 2 error(s)\n"
        "  - members[0].id (bad_check_digit): 校验位错误\n"
        "  - region (wrong_type): region should be a string\n");
}

TEST_CASE("Error text without line or readable id", "[output][text]") {
  ReadResult r;
  r.errors.push_back({"", "bad_json", "not JSON"});
  std::string out;
  AppendErrorText(std::nullopt, r, Lang::kEn, out);
  CHECK(out == "Rejected · (unreadable household id): 1 error(s)\n  - household (bad_json): not JSON\n");
}

}  // namespace
}  // namespace jiuzhu
