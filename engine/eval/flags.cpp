// Putting a Decision together: results in the pack's output order, what the caseworker must act on (flags,
// semantics.md §9) and the data issues met on the way (§10).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "base/id_number.h"
#include "check/catalog.h"
#include "eval/frame.h"
#include "eval/messages.h"

namespace jiuzhu::eval {

Frame::Frame(const RulePack& pack) : pack_(pack), spare_by_entry_(pack.entries.size()) {}

void Frame::Screen(const Household& h, Date as_of, ReasonsMode reasons, Decision& out, bool render_texts) {
  render_texts_ = render_texts;
  Reset(h, as_of, reasons);
  Assemble(out);
}

Value Frame::ParameterFor(int index, const Household& h, Date as_of) {
  Reset(h, as_of, ReasonsMode::kNone);
  return Param(index);
}

namespace {

// A memoised value is read only where its state says it was written: clearing the states is enough, and the
// values (32 bytes each) are neither filled nor shrunk.
void ClearMemo(std::vector<Value>& memo, std::vector<uint8_t>& state, size_t n) {
  state.assign(n, 0);
  if (memo.size() < n) memo.resize(n);
}

}  // namespace

void Frame::Reset(const Household& h, Date as_of, ReasonsMode reasons) {
  h_ = &h;
  as_of_ = as_of;
  reasons_ = reasons;
  members_ = static_cast<int>(h.members.size());
  persons_ = members_ + static_cast<int>(h.obligors.size());
  current_member_ = -1;
  vars_.assign(pack_.var_slots, Value());
  ClearMemo(derived_memo_, derived_state_, pack_.derived.size());
  ClearMemo(member_memo_, member_state_, pack_.derived.size() * members_);
  ClearMemo(person_memo_, person_state_, pack_.derived.size() * persons_);
  ClearMemo(param_memo_, param_state_, pack_.params.size() * (members_ + 1));
  // Never shrunk: a smaller household must not destroy the results (and their reason buffers) a larger one
  // will need again. Slots past this household's are stale and never read.
  const size_t slots = pack_.entries.size() * (members_ + 1);
  if (results_.size() < slots) results_.resize(slots);
  for (size_t i = 0; i < slots; ++i) {
    EntryResult& r = results_[i];
    r.state = 0;
    r.has_result = false;
    r.phase_out = r.phase_out_new = false;
  }
  ages_.resize(members_);
  for (int m = 0; m < members_; ++m) ages_[m] = AgeOn(h.members[m].birth_date, as_of);
  obligor_ages_.resize(h.obligors.size());
  for (size_t k = 0; k < h.obligors.size(); ++k) obligor_ages_[k] = AgeOn(h.obligors[k].birth_date, as_of);
  if (views_.size() < static_cast<size_t>(members_) + 1) views_.resize(members_ + 1);  // never shrunk, as results_
  views_built_.assign(members_ + 1, 0);
  causes_.clear();
  issues_.clear();
  // Neighbouring households mostly share a region: the chain is matched again only when the region changes.
  if (!chain_valid_ || h.region != chain_region_) {
    chain_region_ = h.region;
    chain_valid_ = true;
    region_chain_.clear();
    for (size_t i = 0; i < pack_.regions.size(); ++i)
      if (h.region.compare(0, pack_.regions[i].significant.size(), pack_.regions[i].significant) == 0)
        region_chain_.push_back(static_cast<int>(i));
  }
  if (region_chain_.empty())
    issues_.push_back({"region", "unknown_region",
                       fmt::format("行政区划 {0} 不在规则包声明的地区内，地区参数无从取值 (region {0} is not declared by the rule pack)", h.region)});
  for (int m = 0; m < members_; ++m)
    if (h.members[m].deceased_on && *h.members[m].deceased_on > as_of)
      issues_.push_back({fmt::format("members[{}].deceased_on", m), "deceased_after_as_of",
                         fmt::format("死亡日期 {} 晚于评估日期，已忽略 (date of death after as_of: ignored)", h.members[m].deceased_on->ToString())});
  enrolment_active_.assign(h.enrolments.size(), 1);
  enrolment_member_.assign(h.enrolments.size(), -1);
  enrolment_used_.assign(h.enrolments.size(), 0);
  for (size_t i = 0; i < h.enrolments.size(); ++i) {
    const Enrolment& e = h.enrolments[i];
    if (!e.member.empty()) {
      enrolment_member_[i] = -2;
      for (int m = 0; m < members_; ++m) if (h.members[m].id == e.member) enrolment_member_[i] = m;
    }
    if (e.since > as_of) {
      enrolment_active_[i] = 0;
      issues_.push_back({fmt::format("enrolments[{}].since", i), "enrolment_not_started",
                         fmt::format("享受起始日期 {} 晚于评估日期，按未享受处理 (enrolment starts after as_of: treated as not enrolled)", e.since.ToString())});
    }
    // A second enrolment for one program and scope is a data issue (reported by the reader): the first drives flags.
    for (size_t j = 0; j < i; ++j)
      if (enrolment_active_[j] && h.enrolments[j].program == e.program && enrolment_member_[j] == enrolment_member_[i])
        enrolment_active_[i] = 0;
  }
}

std::string Frame::CauseName(uint32_t cause) const {
  if (cause == 0) return "";
  const Cause& c = causes_[cause - 1];
  std::string at = std::to_string(c.index);
  switch (c.fact) {
    case Cause::Fact::kNone: return c.param >= 0 ? pack_.params[c.param].name : "";
    case Cause::Fact::kMemberSelfCare: return "members[" + at + "].self_care";
    case Cause::Fact::kObligorIncome: return "obligors[" + at + "].monthly_income";
    case Cause::Fact::kObligorAssets: return "obligors[" + at + "].assets_within_limits";
    case Cause::Fact::kMemberText: return "members[" + at + "]." + pack_.texts[c.text];
  }
  return "";
}

void Frame::AddCauseIssues(std::span<const uint32_t> causes, Decision& out) {
  for (uint32_t cause : causes) {
    if (cause == 0) continue;
    const Cause& c = causes_[cause - 1];
    std::string path = c.param >= 0 ? "region" : CauseName(cause);
    std::string code = c.param >= 0 ? "missing_parameter" : "missing_fact";
    std::string name = CauseName(cause);
    bool seen = false;
    for (const auto& d : out.data_issues) seen |= d.code == code && d.message.find(name) != std::string::npos && d.path == path;
    if (seen) continue;
    if (c.param >= 0) {
      const plan::Param& p = pack_.params[c.param];
      out.data_issues.push_back({path, code, fmt::format("参数 {0}（{1}）在地区 {2}、{3} 于 {4} 无取值，需由政策人员补充 (parameter {0} ({5}) has no value for region {2}, {3}, on {4})",
                                                         p.name, p.title_zh, h_->region, h_->hukou == Hukou::kUrban ? "urban" : "rural",
                                                         as_of_.ToString(), p.title_en)});
    } else {
      out.data_issues.push_back({path, code, fmt::format("{0}: 缺少判定所需的事实 (a fact the decision needs is missing)", name)});
    }
  }
}

void Frame::Assemble(Decision& out) {
  // The last household's program results go back to their entries' spares (a Decision that is not the last one
  // this frame assembled brings objects of its own: they are let go).
  if (out.programs.size() == program_entries_.size())
    for (size_t i = 0; i < out.programs.size(); ++i) spare_by_entry_[program_entries_[i]].push_back(std::move(out.programs[i]));
  program_entries_.clear();
  out.programs.clear();
  out.flags.clear();
  out.data_issues.clear();
  out.household = h_->id;
  out.as_of = as_of_;
  out.rules_version = pack_.version;
  out.data_issues = h_->input_issues;
  for (const auto& issue : issues_) out.data_issues.push_back(issue);
  for (int entry : pack_.order) {
    const plan::Entry& e = pack_.entries[entry];
    for (int m = e.member_scope ? 0 : -1; m < (e.member_scope ? members_ : 0); ++m) {
      if (!HasResult(entry, m)) continue;
      EntryResult& r = Entry(entry, m);
      RaiseFlags(e, m, r, out);
    }
    for (const plan::Notice& n : e.notices) {
      if (e.member_scope || !Eval(n.when).IsTrue()) continue;
      Flag f;
      f.code = n.code;
      f.program = e.program;
      f.message = RenderMessage(n.message.zh, {}, Lang::kZh);
      f.message_en = RenderMessage(n.message.en, {}, Lang::kEn);
      out.flags.push_back(std::move(f));
    }
  }
  RaiseUnmatchedExits(out);
}

namespace {

Flag MakeFlag(const char* code, const plan::Entry& e, const std::string& member) {
  Flag f;
  f.code = code;
  f.program = e.program;
  f.member = member;
  return f;
}

std::string Who(const std::string& member) { return member.empty() ? "" : "（" + base::MaskIdNumber(member) + "）"; }

}  // namespace

void Frame::RaiseFlags(const plan::Entry& e, int m, EntryResult& r, Decision& out) {
  static const std::string kHousehold;  // a member's id is referred to, not copied (18 characters: an allocation)
  const std::string& member = m >= 0 ? h_->members[m].id : kHousehold;
  int enrolment = ActiveEnrolment(e.program, m);
  if (enrolment >= 0) enrolment_used_[enrolment] = 1;
  ProgramResult& pr = r.result;
  pr.program = e.program;
  pr.member = member;
  pr.status = r.status;
  pr.enrolled = enrolment >= 0;
  pr.monthly_amount.reset();
  if (r.status == Status::kIneligible) pr.monthly_amount = Num();
  if (r.status == Status::kEligible && r.amount.known()) pr.monthly_amount = r.amount.n;
  if (reasons_ == ReasonsMode::kNone) pr.reasons.clear();
  // A missing fact or parameter is a data issue where it left this result undetermined or its amount unknown;
  // one behind a rule whose result another rule already decided changed nothing.
  if (r.status == Status::kUndetermined) AddCauseIssues(r.unknown_causes, out);
  if (r.status == Status::kEligible && !r.amount.known()) {
    const std::array<uint32_t, 2> amount_causes = {r.amount.cause, r.amount.cause2};
    AddCauseIssues(amount_causes, out);
  }
  const Enrolment* en = enrolment >= 0 ? &h_->enrolments[enrolment] : nullptr;
  const std::string& title = e.title_zh;
  if (r.status == Status::kEligible && !en) {
    Flag f = MakeFlag("missed", e, member);
    if (pr.monthly_amount) f.amount_new = pr.monthly_amount;
    f.message = fmt::format("符合{}条件但未纳入{}：漏保，应告知政策并引导申请", title, Who(member));
    f.message_en = fmt::format("Eligible for {} but not enrolled: invite to apply", e.title_en);
    out.flags.push_back(std::move(f));
  }
  if (r.status == Status::kIneligible && en) {
    Flag f = MakeFlag(r.phase_out ? "phase_out" : "exit", e, member);
    f.amount_now = en->monthly;
    if (r.phase_out) {
      f.until = r.phase_out_until;
      f.message = fmt::format("已不符合{}条件，处于渐退期至 {}，期间按现发 {} 元继续发放", title, r.phase_out_until.ToString(), en->monthly.ToFixed2());
      f.message_en = fmt::format("No longer eligible for {}; phase-out until {}, paid {} yuan meanwhile", e.title_en, r.phase_out_until.ToString(), en->monthly.ToFixed2());
    } else {
      f.message = fmt::format("已享受{}{}但不再符合条件：应退，按程序停发", title, Who(member));
      f.message_en = fmt::format("Enrolled in {} but no longer eligible: stop payment by the procedure", e.title_en);
    }
    out.flags.push_back(std::move(f));
  }
  if (r.status == Status::kEligible && en && pr.monthly_amount && (*pr.monthly_amount - en->monthly).RoundFen() != 0) {
    bool up = *pr.monthly_amount > en->monthly;
    Flag f = MakeFlag(up ? "increase" : "decrease", e, member);
    f.amount_now = en->monthly;
    f.amount_new = pr.monthly_amount;
    f.message = fmt::format("{}应发 {} 元，现发 {} 元：{}", title, pr.monthly_amount->ToFixed2(), en->monthly.ToFixed2(), up ? "增发" : "减发");
    f.message_en = fmt::format("{}: {} yuan due, {} yuan paid now: {}", e.title_en, pr.monthly_amount->ToFixed2(), en->monthly.ToFixed2(), up ? "increase" : "decrease");
    out.flags.push_back(std::move(f));
  }
  if (r.status == Status::kUndetermined) {
    Flag f = MakeFlag("undetermined", e, member);
    for (uint32_t c : r.unknown_causes) {
      std::string name = CauseName(c);
      if (!name.empty() && std::find(f.missing.begin(), f.missing.end(), name) == f.missing.end()) f.missing.push_back(name);
    }
    std::string list;
    for (const auto& s : f.missing) list += (list.empty() ? "" : "、") + s;
    f.message = fmt::format("{}{}无法判定，需补充：{}", title, Who(member), list.empty() ? "见各条规则" : list);
    f.message_en = fmt::format("{} cannot be decided; needed: {}", e.title_en, list.empty() ? "see the rules" : list);
    out.flags.push_back(std::move(f));
  }
  if (en && e.review_months >= 0) {
    Value months = Eval(e.review_months);
    if (months.known()) {
      Date due = en->last_review.AddMonths(static_cast<int>(months.n.Floor()));
      if (due <= as_of_) {
        Flag f = MakeFlag("review_due", e, member);
        f.due = due;
        f.message = fmt::format("{}{}应于 {} 复核（周期 {} 个月）", title, Who(member), due.ToString(), months.n.ToString());
        f.message_en = fmt::format("{}: periodic review due on {} (every {} months)", e.title_en, due.ToString(), months.n.ToString());
        out.flags.push_back(std::move(f));
      }
    }
  }
  // Moved, not copied, into the Decision: it is read no more this household, and comes back to its entry's spares
  // when the next one is assembled.
  out.programs.push_back(std::move(pr));
  program_entries_.push_back(static_cast<int>(&e - pack_.entries.data()));
  if (reasons_ == ReasonsMode::kDeciding) {
    // Only the rules that decided the status; a 渐退期 reason stays with an ineligible result.
    Outcome keep = r.status == Status::kEligible ? Outcome::kPass : r.status == Status::kIneligible ? Outcome::kFail : Outcome::kUnknown;
    std::erase_if(out.programs.back().reasons, [&](const Reason& reason) {
      bool phase_out_reason = reason.rule.ends_with(".phase_out");
      return reason.outcome != keep && !(phase_out_reason && r.status == Status::kIneligible);
    });
  }
}

// An active enrolment with no result to match — its member died, left the 单人保 categories, or the household
// is now enrolled as a whole — must end: 应退.
void Frame::RaiseUnmatchedExits(Decision& out) {
  for (size_t i = 0; i < h_->enrolments.size(); ++i) {
    if (!enrolment_active_[i] || enrolment_used_[i] || enrolment_member_[i] == -2) continue;
    const Enrolment& en = h_->enrolments[i];
    const plan::Entry* entry = nullptr;
    for (const auto& e : pack_.entries)
      if (e.program == en.program && e.member_scope == (enrolment_member_[i] >= 0) && !entry) entry = &e;
    std::string title = entry ? entry->title_zh : en.program;
    Flag f;
    f.code = "exit";
    f.program = en.program;
    f.member = en.member;
    f.amount_now = en.monthly;
    int m = enrolment_member_[i];
    bool died = m >= 0 && h_->members[m].deceased_on && *h_->members[m].deceased_on <= as_of_;
    f.message = fmt::format("{}{}：{}，应退，按程序停发", title, Who(en.member), died ? "享受对象已死亡" : "已无对应的享受资格");
    f.message_en = fmt::format("{}: {}; stop payment by the procedure", entry ? entry->title_en : en.program,
                               died ? "the beneficiary has died" : "no longer a beneficiary in this scope");
    out.flags.push_back(std::move(f));
  }
}

}  // namespace jiuzhu::eval
