// What-if, part 1: the comparison of one household's two Decisions (base pack, new pack), result by result,
// and the description of what changed in Chinese and English.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jiuzhu/decision.h"

namespace jiuzhu::registry::whatif {

// One (program, scope) result whose status or monthly amount differs between the packs.
struct ResultChange {
  std::string program;
  std::string member;                  // "" : the household
  std::optional<Status> before, after;  // nullopt: the pack gives no such result
  std::optional<Num> amount_before, amount_after;
  std::string rules;                   // ids of the rules whose outcome changed, ";"-separated
  std::string reason_zh, reason_en;    // each changed rule with the values on both sides; then the amount
};

// Appends to `out` one change per result (matched by program and member) whose status or amount differs.
// Allocates only for the changes: an unchanged household costs a scan of its results.
void CompareDecisions(const Decision& before, const Decision& after, std::vector<ResultChange>& out);

// "人均收入 1150.00 元：原标准 1120.00 元下不符合，新标准 1180.00 元下符合" and its English, for one rule seen under
// both packs (its outcome differs, or its threshold does).
void DescribeRule(const Reason& before, const Reason& after, std::string& zh, std::string& en);

// A rule that compares a figure with a threshold shows both in its values: `excess` (figure − threshold) with
// `standard` or `limit` (rules/dibao.yaml, tekun.yaml; the caseworker page reads them the same way). The
// threshold and |excess| when the rule has them and it was evaluated (pass or fail), else false.
bool ThresholdOf(const Reason& reason, Num& threshold, Num& distance);

// The band of |excess| / threshold: 0 within 5 %, 1 within 10 %, 2 within 20 %, 3 farther. REQUIRES threshold > 0.
int DistanceBand(const Num& threshold, const Num& distance);

const char* StatusZh(std::optional<Status> s);  // 符合 / 不符合 / 待定 / 无此结果
const char* StatusEn(std::optional<Status> s);  // eligible / ineligible / undetermined / none

}  // namespace jiuzhu::registry::whatif
