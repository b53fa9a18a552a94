// The caseworker's text view of a Decision (cli.md "--format text") and of a rejected household, in Chinese or
// English. Unlike the JSON this is for people: program names and flag codes are localised, money always has two
// decimals and a unit, and every line ends with '\n'.
#include <string>
#include <string_view>

#include "jiuzhu/decision_writer.h"
#include "output/number_format.h"

namespace jiuzhu {
namespace {

using output_internal::AppendFen;
using output_internal::AppendSigned;

// Every fixed piece of text, once per language, so the rendering code has no language branches.
struct Labels {
  std::string_view household;        // before the household id
  std::string_view as_of;            // between id and date
  std::string_view rules_version;    // before the pack hash
  std::string_view whole_household;  // scope of a household-level result
  std::string_view member;           // before a member id
  std::string_view open_paren;       // around a scope
  std::string_view close_paren;
  std::string_view colon;
  std::string_view sep;              // between the parts of one line
  std::string_view per_month_before;
  std::string_view per_month_after;
  std::string_view yuan;
  std::string_view amount_unknown;
  std::string_view enrolled;
  std::string_view not_enrolled;
  std::string_view basis_open;
  std::string_view basis_close;
  std::string_view flags_title;
  std::string_view issues_title;
  std::string_view until;
  std::string_view due;
  std::string_view amount_now;
  std::string_view amount_new;
  std::string_view missing;
  std::string_view list_sep;
  std::string_view source;
  std::string_view rejected;
  std::string_view line_before;
  std::string_view line_after;
  std::string_view unreadable_id;
  std::string_view errors_before;
  std::string_view errors_after;
};

constexpr Labels kZh = {
    .household = "户 ",
    .as_of = " · 评估日期 ",
    .rules_version = " · 规则版本 ",
    .whole_household = "全户",
    .member = "成员 ",
    .open_paren = "（",
    .close_paren = "）",
    .colon = "：",
    .sep = " · ",
    .per_month_before = "每月 ",
    .per_month_after = "",
    .yuan = " 元",
    .amount_unknown = "金额待定",
    .enrolled = "已在保",
    .not_enrolled = "未在保",
    .basis_open = "  〔",
    .basis_close = "〕",
    .flags_title = "提醒：",
    .issues_title = "数据问题：",
    .until = "截止 ",
    .due = "复核日期 ",
    .amount_now = "现发 ",
    .amount_new = "应发 ",
    .missing = "缺少 ",
    .list_sep = "、",
    .source = "来源 ",
    .rejected = "拒绝",
    .line_before = " · 第 ",
    .line_after = " 行",
    .unreadable_id = "（户号无法读取）",
    .errors_before = "：",
    .errors_after = " 处错误",
};

constexpr Labels kEn = {
    .household = "Household ",
    .as_of = " · as of ",
    .rules_version = " · rules version ",
    .whole_household = "household",
    .member = "member ",
    .open_paren = " (",
    .close_paren = ")",
    .colon = ": ",
    .sep = " · ",
    .per_month_before = "",
    .per_month_after = "/month",
    .yuan = " yuan",
    .amount_unknown = "amount unknown",
    .enrolled = "enrolled",
    .not_enrolled = "not enrolled",
    .basis_open = "  [",
    .basis_close = "]",
    .flags_title = "Flags:",
    .issues_title = "Data issues:",
    .until = "until ",
    .due = "review due ",
    .amount_now = "paid now ",
    .amount_new = "new amount ",
    .missing = "missing: ",
    .list_sep = ", ",
    .source = "source: ",
    .rejected = "Rejected",
    .line_before = " · line ",
    .line_after = "",
    .unreadable_id = "(unreadable household id)",
    .errors_before = ": ",
    .errors_after = " error(s)",
};

const Labels& LabelsFor(Lang lang) { return lang == Lang::kZh ? kZh : kEn; }

struct ProgramName {
  std::string_view id;
  std::string_view zh;
  std::string_view en;
};

constexpr ProgramName kProgramNames[] = {
    {"dibao", "低保", "Minimum living allowance"},
    {"tekun", "特困", "Extreme-poverty support"},
    {"disability_living", "困难残疾人生活补贴", "Living subsidy for disabled people in difficulty"},
    {"disability_care", "重度残疾人护理补贴", "Care subsidy for severely disabled people"},
};

const ProgramName* FindProgram(std::string_view id) {
  for (const ProgramName& p : kProgramNames) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

// Chinese names of the flag codes (decision.md); English shows the code itself, which is already English.
struct FlagName {
  std::string_view code;
  std::string_view zh;
};

constexpr FlagName kFlagNames[] = {
    {"missed", "漏保"},     {"exit", "应退"},           {"phase_out", "渐退"},
    {"increase", "增发"},   {"decrease", "减发"},       {"review_due", "复核到期"},
    {"undetermined", "待补充"}, {"verify", "待核实"},  {"data_mismatch", "比对异常"},
};

std::string_view FlagNameZh(std::string_view code) {
  for (const FlagName& f : kFlagNames) {
    if (f.code == code) return f.zh;
  }
  return {};
}

std::string_view StatusWord(Status s, Lang lang) {
  if (lang == Lang::kEn) return StatusName(s);
  switch (s) {
    case Status::kEligible:
      return "符合";
    case Status::kIneligible:
      return "不符合";
    case Status::kUndetermined:
      return "待定";
  }
  return "待定";
}

std::string_view OutcomeMark(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "✓";
    case Outcome::kFail:
      return "✗";
    case Outcome::kUnknown:
      return "?";
    case Outcome::kSkip:
      return "–";
  }
  return "?";
}

// Texts show money with two decimals and a unit; an invalid Num says so instead of inventing a figure.
void AppendMoneyText(const Num& n, const Labels& l, std::string& out) {
  if (n.IsValid()) {
    AppendFen(n.RoundFen(), /*trim=*/false, out);
  } else {
    out.append("invalid");
  }
  out.append(l.yuan);
}

// "低保 dibao" / "Minimum living allowance (dibao"; unknown program ids are shown as they are. The English
// form leaves its parenthesis open so the scope can follow inside it.
void AppendProgramLabel(std::string_view id, Lang lang, std::string& out) {
  const ProgramName* p = FindProgram(id);
  if (p == nullptr) {
    out.append(id);
    return;
  }
  out.append(lang == Lang::kZh ? p->zh : p->en);
  out.append(lang == Lang::kZh ? " " : " (");
  out.append(id);
}

// "低保 dibao（成员 X）" / "Minimum living allowance (dibao, member X)"; an empty member means the household.
void AppendProgramAndScope(std::string_view program, std::string_view member, Lang lang, std::string& out) {
  const Labels& l = LabelsFor(lang);
  AppendProgramLabel(program, lang, out);
  const bool known_en = lang == Lang::kEn && FindProgram(program) != nullptr;
  out.append(known_en ? ", " : l.open_paren);
  if (member.empty()) {
    out.append(l.whole_household);
  } else {
    out.append(l.member);
    out.append(member);
  }
  out.append(l.close_paren);
}

void AppendReasonLine(const Reason& r, Lang lang, std::string& out) {
  const Labels& l = LabelsFor(lang);
  out.append("  ");
  out.append(OutcomeMark(r.outcome));
  out.push_back(' ');
  std::string_view text = lang == Lang::kZh ? std::string_view(r.text) : std::string_view(r.text_en);
  if (text.empty()) text = r.text.empty() ? std::string_view(r.text_en) : std::string_view(r.text);
  if (text.empty()) text = r.rule;  // a rule without a message is still identifiable
  out.append(text);
  if (!r.basis.empty()) {
    out.append(l.basis_open);
    out.append(r.basis);
    out.append(l.basis_close);
  }
  out.push_back('\n');
}

void AppendProgramBlock(const ProgramResult& p, Lang lang, std::string& out) {
  const Labels& l = LabelsFor(lang);
  out.append("■ ");
  AppendProgramAndScope(p.program, p.member, lang, out);
  out.append(l.colon);
  out.append(StatusWord(p.status, lang));
  out.append(l.sep);
  if (p.monthly_amount) {
    out.append(l.per_month_before);
    AppendMoneyText(*p.monthly_amount, l, out);
    out.append(l.per_month_after);
  } else {
    out.append(l.amount_unknown);
  }
  out.append(l.sep);
  out.append(p.enrolled ? l.enrolled : l.not_enrolled);
  out.push_back('\n');
  for (const Reason& r : p.reasons) AppendReasonLine(r, lang, out);
}

// The optional parts of a flag line, each introduced by " · ", only where set.
void AppendFlagDetails(const Flag& f, const Labels& l, std::string& out) {
  if (f.until) {
    out.append(l.sep);
    out.append(l.until);
    out.append(f.until->ToString());
  }
  if (f.due) {
    out.append(l.sep);
    out.append(l.due);
    out.append(f.due->ToString());
  }
  if (f.amount_now || f.amount_new) {
    out.append(l.sep);
    if (f.amount_now) {
      out.append(l.amount_now);
      AppendMoneyText(*f.amount_now, l, out);
    }
    if (f.amount_now && f.amount_new) out.append(" → ");
    if (f.amount_new) {
      out.append(l.amount_new);
      AppendMoneyText(*f.amount_new, l, out);
    }
  }
  if (!f.missing.empty()) {
    out.append(l.sep);
    out.append(l.missing);
    for (size_t i = 0; i < f.missing.size(); ++i) {
      if (i > 0) out.append(l.list_sep);
      out.append(f.missing[i]);
    }
  }
  if (!f.source.empty()) {
    out.append(l.sep);
    out.append(l.source);
    out.append(f.source);
  }
}

void AppendFlagLine(const Flag& f, Lang lang, std::string& out) {
  const Labels& l = LabelsFor(lang);
  out.append("  ! ");
  const std::string_view zh_name = lang == Lang::kZh ? FlagNameZh(f.code) : std::string_view();
  if (!zh_name.empty()) {
    out.append(zh_name);
    out.push_back(' ');
  }
  out.append(f.code);
  if (!f.program.empty()) {
    out.append(" — ");
    AppendProgramAndScope(f.program, f.member, lang, out);
  } else if (!f.member.empty()) {
    out.append(l.open_paren);
    out.append(l.member);
    out.append(f.member);
    out.append(l.close_paren);
  }
  out.append(l.colon);
  const bool use_en = lang == Lang::kEn && !f.message_en.empty();
  out.append(use_en ? f.message_en : f.message);
  AppendFlagDetails(f, l, out);
  out.push_back('\n');
}

// "  - path (code)：message"; an empty path is the household as a whole.
void AppendIssueLine(std::string_view path, std::string_view code, std::string_view message, const Labels& l,
                     std::string& out) {
  out.append("  - ");
  out.append(path.empty() ? l.whole_household : path);
  out.append(" (");
  out.append(code);
  out.push_back(')');
  out.append(l.colon);
  out.append(message);
  out.push_back('\n');
}

// Hashes are long; the first 12 hex digits identify a pack for a person comparing two printouts.
void AppendShortVersion(std::string_view version, std::string& out) {
  constexpr size_t kShown = 12;
  if (version.size() <= kShown) {
    out.append(version);
    return;
  }
  out.append(version.substr(0, kShown));
  out.append("…");
}

}  // namespace

void AppendDecisionText(const Decision& d, Lang lang, std::string& out) {
  const Labels& l = LabelsFor(lang);
  out.append(l.household);
  out.append(d.household);
  out.append(l.as_of);
  out.append(d.as_of.ToString());
  out.append(l.rules_version);
  AppendShortVersion(d.rules_version, out);
  out.push_back('\n');
  for (const ProgramResult& p : d.programs) AppendProgramBlock(p, lang, out);
  if (!d.flags.empty()) {
    out.append(l.flags_title);
    out.push_back('\n');
    for (const Flag& f : d.flags) AppendFlagLine(f, lang, out);
  }
  if (!d.data_issues.empty()) {
    out.append(l.issues_title);
    out.push_back('\n');
    for (const DataIssue& issue : d.data_issues) AppendIssueLine(issue.path, issue.code, issue.message, l, out);
  }
}

void AppendErrorText(std::optional<long> line, const ReadResult& r, Lang lang, std::string& out) {
  const Labels& l = LabelsFor(lang);
  out.append(l.rejected);
  if (line) {
    out.append(l.line_before);
    AppendSigned(*line, out);
    out.append(l.line_after);
  }
  out.append(l.sep);
  if (r.household_id.empty()) {
    out.append(l.unreadable_id);
  } else {
    out.append(l.household);
    out.append(r.household_id);
  }
  out.append(l.errors_before);
  AppendSigned(static_cast<int64_t>(r.errors.size()), out);
  out.append(l.errors_after);
  out.push_back('\n');
  for (const HouseholdError& e : r.errors) AppendIssueLine(e.path, e.code, e.message, l, out);
}

}  // namespace jiuzhu
