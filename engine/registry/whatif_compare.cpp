#include "registry/whatif_compare.h"

#include <array>

namespace jiuzhu::registry::whatif {
namespace {

const NamedValue* Find(const Reason& r, std::string_view name) {
  for (const NamedValue& v : r.values)
    if (v.name == name) return &v;
  return nullptr;
}

bool IsNumeric(const NamedValue* v) {
  return v && (v->kind == NamedValue::Kind::kMoney || v->kind == NamedValue::Kind::kNumber) && v->number.IsValid();
}

// The figure a threshold rule compares, by the value names the shipped rules use (as the caseworker page does).
struct FigureName {
  std::string_view key, zh, en;
};
constexpr std::array<FigureName, 4> kFigures = {{{"per_capita_income", "人均收入", "per-capita income"},
                                                 {"own_income", "本人收入", "own income"},
                                                 {"assets", "金融资产", "financial assets"},
                                                 {"income", "家庭收入", "household income"}}};

std::string Format(const NamedValue* v, bool zh) {
  if (!v) return zh ? "无" : "none";
  switch (v->kind) {
    case NamedValue::Kind::kMoney: return v->number.ToFixed2() + (zh ? " 元" : " yuan");
    case NamedValue::Kind::kNumber: return v->number.ToString();
    case NamedValue::Kind::kBool: return zh ? (v->boolean ? "是" : "否") : (v->boolean ? "yes" : "no");
    case NamedValue::Kind::kDate: return v->date.ToString();
    case NamedValue::Kind::kText: return v->text;
    case NamedValue::Kind::kUnknown: break;
  }
  return zh ? "未知" : "unknown";
}

std::string Money(const std::optional<Num>& n, bool zh) {
  if (!n) return zh ? "未定" : "unknown";
  return n->ToFixed2() + (zh ? " 元" : " yuan");
}

const char* OutcomeZh(Outcome o) {
  switch (o) {
    case Outcome::kPass: return "符合";
    case Outcome::kFail: return "不符合";
    case Outcome::kUnknown: return "无法判断";
    case Outcome::kSkip: break;
  }
  return "不适用";
}

const char* OutcomeEn(Outcome o) {
  switch (o) {
    case Outcome::kPass: return "passes";
    case Outcome::kFail: return "fails";
    case Outcome::kUnknown: return "cannot be decided";
    case Outcome::kSkip: break;
  }
  return "does not apply";
}

const Reason* FindRule(const ProgramResult& r, std::string_view rule) {
  for (const Reason& reason : r.reasons)
    if (reason.rule == rule) return &reason;
  return nullptr;
}

const ProgramResult* FindResult(const Decision& d, std::string_view program, std::string_view member) {
  for (const ProgramResult& r : d.programs)
    if (r.program == program && r.member == member) return &r;
  return nullptr;
}

void Join(std::string& out, std::string_view sep, std::string_view part) {
  if (!out.empty()) out += sep;
  out += part;
}

bool SameThreshold(const Reason& a, const Reason& b) {
  Num ta, da, tb, db;
  bool ha = ThresholdOf(a, ta, da), hb = ThresholdOf(b, tb, db);
  return ha == hb && (!ha || ta == tb);
}

// The rules behind one changed result: those whose outcome differs; when none does (only the amount moved),
// those whose threshold moved. Then the amount.
void Explain(const ProgramResult* before, const ProgramResult* after, const Decision& other, ResultChange& change) {
  std::string zh, en;
  if (before && after) {
    for (int pass = 0; pass < 2 && change.rules.empty(); ++pass) {
      for (const Reason& b : after->reasons) {
        const Reason* a = FindRule(*before, b.rule);
        if (!a) {
          Join(change.rules, ";", b.rule);
          Join(change.reason_zh, "；", std::string(b.rule) + "：仅新规则包有此规则（" + OutcomeZh(b.outcome) + "）");
          Join(change.reason_en, "; ", std::string(b.rule) + ": only in the new pack (" + OutcomeEn(b.outcome) + ")");
          continue;
        }
        const bool differs = pass == 0 ? a->outcome != b.outcome : !SameThreshold(*a, b);
        if (!differs) continue;
        Join(change.rules, ";", b.rule);
        DescribeRule(*a, b, zh, en);
        Join(change.reason_zh, "；", zh);
        Join(change.reason_en, "; ", en);
      }
      for (const Reason& a : before->reasons) {
        if (pass != 0 || FindRule(*after, a.rule)) continue;
        Join(change.rules, ";", a.rule);
        Join(change.reason_zh, "；", std::string(a.rule) + "：仅原规则包有此规则（" + OutcomeZh(a.outcome) + "）");
        Join(change.reason_en, "; ", std::string(a.rule) + ": only in the base pack (" + OutcomeEn(a.outcome) + ")");
      }
    }
  } else {
    // A member's result that comes or goes (单人保 is decided only while the household is not eligible): the
    // household's result on the side that lacks it says why.
    const ProgramResult& one = after ? *after : *before;
    std::string zh = after ? "仅新规则包给出此结果" : "新规则包不再给出此结果";
    std::string en = after ? "only the new pack gives this result" : "the new pack gives no such result";
    const ProgramResult* household = one.member.empty() ? nullptr : FindResult(other, one.program, "");
    if (household) {
      zh += std::string("（") + (after ? "原" : "新") + "规则包下全户结果：" + StatusZh(household->status) + "）";
      en += std::string(" (the household's result under the ") + (after ? "base" : "new") + " pack: " + StatusName(household->status) + ")";
    }
    Join(change.reason_zh, "；", zh);
    Join(change.reason_en, "; ", en);
  }
  if (change.amount_before != change.amount_after) {
    Join(change.reason_zh, "；", "每月金额 " + Money(change.amount_before, true) + " → " + Money(change.amount_after, true));
    Join(change.reason_en, "; ", "monthly amount " + Money(change.amount_before, false) + " → " + Money(change.amount_after, false));
  }
}

void AddChange(const ProgramResult* before, const ProgramResult* after, const Decision& other, std::vector<ResultChange>& out) {
  const ProgramResult& any = after ? *after : *before;
  ResultChange& c = out.emplace_back();
  c.program = std::string(any.program);
  c.member = any.member;
  if (before) {
    c.before = before->status;
    c.amount_before = before->monthly_amount;
  }
  if (after) {
    c.after = after->status;
    c.amount_after = after->monthly_amount;
  }
  Explain(before, after, other, c);
}

}  // namespace

const char* StatusZh(std::optional<Status> s) {
  if (!s) return "无此结果";
  switch (*s) {
    case Status::kEligible: return "符合";
    case Status::kIneligible: return "不符合";
    case Status::kUndetermined: break;
  }
  return "待定";
}

const char* StatusEn(std::optional<Status> s) { return s ? StatusName(*s) : "none"; }

bool ThresholdOf(const Reason& reason, Num& threshold, Num& distance) {
  if (reason.outcome != Outcome::kPass && reason.outcome != Outcome::kFail) return false;
  const NamedValue* excess = Find(reason, "excess");
  const NamedValue* limit = Find(reason, "standard");
  if (!limit) limit = Find(reason, "limit");
  if (!IsNumeric(excess) || !IsNumeric(limit)) return false;
  threshold = limit->number;
  distance = excess->number.IsNegative() ? -excess->number : excess->number;
  return true;
}

int DistanceBand(const Num& threshold, const Num& distance) {
  // |excess| / threshold ≤ 1/20, 1/10, 1/5: compared as products, exactly.
  static constexpr std::array<int64_t, 3> kTimes = {20, 10, 5};
  for (size_t band = 0; band < kTimes.size(); ++band) {
    Num scaled = distance * Num::Int(kTimes[band]);
    if (scaled.IsValid() && scaled <= threshold) return static_cast<int>(band);
  }
  return 3;
}

void DescribeRule(const Reason& before, const Reason& after, std::string& zh, std::string& en) {
  const NamedValue* limit_a = Find(before, "standard");
  const NamedValue* limit_b = Find(after, "standard");
  const bool standard = limit_a || limit_b;
  if (!standard) {
    limit_a = Find(before, "limit");
    limit_b = Find(after, "limit");
  }
  const FigureName* figure = nullptr;
  for (const FigureName& f : kFigures)
    if (!figure && IsNumeric(Find(after, f.key)) && IsNumeric(Find(before, f.key))) figure = &f;
  if ((limit_a || limit_b) && figure) {
    const NamedValue* fa = Find(before, figure->key);
    const NamedValue* fb = Find(after, figure->key);
    const char* what_zh = standard ? "标准" : "上限";
    const char* what_en = standard ? "standard" : "limit";
    if (fa->number == fb->number) {
      zh = std::string(figure->zh) + " " + Format(fb, true) + "：原" + what_zh + " " + Format(limit_a, true) + "下" +
           OutcomeZh(before.outcome) + "，新" + what_zh + " " + Format(limit_b, true) + "下" + OutcomeZh(after.outcome);
      en = std::string(figure->en) + " " + Format(fb, false) + ": " + OutcomeEn(before.outcome) + " under the old " + what_en +
           " " + Format(limit_a, false) + ", " + OutcomeEn(after.outcome) + " under the new " + what_en + " " + Format(limit_b, false);
    } else {
      zh = std::string(figure->zh) + "：原 " + Format(fa, true) + "、" + what_zh + " " + Format(limit_a, true) + "下" +
           OutcomeZh(before.outcome) + "，新 " + Format(fb, true) + "、" + what_zh + " " + Format(limit_b, true) + "下" +
           OutcomeZh(after.outcome);
      en = std::string(figure->en) + ": " + Format(fa, false) + " against the old " + what_en + " " + Format(limit_a, false) +
           " " + OutcomeEn(before.outcome) + ", " + Format(fb, false) + " against the new " + what_en + " " +
           Format(limit_b, false) + " " + OutcomeEn(after.outcome);
    }
    return;
  }
  // Any other rule: its outcome on both sides and every value that differs.
  zh = std::string(after.rule) + "：原" + OutcomeZh(before.outcome) + "，新" + OutcomeZh(after.outcome);
  en = std::string(after.rule) + ": " + OutcomeEn(before.outcome) + " under the base pack, " + OutcomeEn(after.outcome) +
       " under the new pack";
  std::string values_zh, values_en;
  for (const NamedValue& b : after.values) {
    const NamedValue* a = Find(before, b.name);
    std::string was_zh = Format(a, true), now_zh = Format(&b, true);
    if (was_zh == now_zh) continue;
    Join(values_zh, "，", std::string(b.name) + " " + was_zh + " → " + now_zh);
    Join(values_en, ", ", std::string(b.name) + " " + Format(a, false) + " → " + Format(&b, false));
  }
  if (!values_zh.empty()) {
    zh += "（" + values_zh + "）";
    en += " (" + values_en + ")";
  }
}

void CompareDecisions(const Decision& before, const Decision& after, std::vector<ResultChange>& out) {
  for (const ProgramResult& b : after.programs) {
    const ProgramResult* a = FindResult(before, b.program, b.member);
    if (!a || a->status != b.status || a->monthly_amount != b.monthly_amount) AddChange(a, &b, before, out);
  }
  for (const ProgramResult& a : before.programs)
    if (!FindResult(after, a.program, a.member)) AddChange(&a, nullptr, after, out);
}

}  // namespace jiuzhu::registry::whatif
