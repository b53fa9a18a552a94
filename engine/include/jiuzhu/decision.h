// Decision: the result of screening one household as of a date, mirroring shared/spec/decision.md.
// Plain data. Strings that name rules, programs and legal bases are views into the immutable compiled pack
// (RulePack), which must outlive the Decision; everything else is owned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/household.h"
#include "jiuzhu/num.h"

namespace jiuzhu {

enum class Status : uint8_t { kEligible, kIneligible, kUndetermined };
enum class Outcome : uint8_t { kPass, kFail, kSkip, kUnknown };

const char* StatusName(Status s);    // "eligible" ...
const char* OutcomeName(Outcome o);  // "pass" ...

// One named value a rule used, as shown in Reason.values and in message placeholders.
struct NamedValue {
  enum class Kind : uint8_t { kUnknown, kBool, kNumber, kMoney, kDate, kText };
  std::string_view name;
  Kind kind = Kind::kUnknown;
  bool boolean = false;
  Num number;  // kNumber, kMoney (yuan)
  Date date;
  std::string text;  // kText (enum values, ids, lists joined by "、")
  // kText naming an enumeration value: which enumeration (engine-internal id, 0 none) and the value's code, so
  // Chinese messages can show its Chinese name (肢体) while `values` keeps the contract spelling (physical).
  uint8_t enumeration = 0;
  int16_t code = -1;
  // A parameter read from a local pack's value (decided by a local pack): that pack's name; "" otherwise.
  std::string_view pack;
};

struct Reason {
  std::string_view rule;   // stable id, e.g. "dibao.income_below_standard"
  Outcome outcome = Outcome::kSkip;
  std::string text;        // Chinese, values filled in
  std::string text_en;     // English
  std::string_view basis;  // document and article
  std::vector<NamedValue> values;
  std::string_view pack;   // decided by a local pack: the pack that wrote the rule ("" for a plain pack)
};

struct ProgramResult {
  std::string_view program;  // "dibao", "tekun", "disability_living", "disability_care"
  std::string member;        // "" for the household (JSON null)
  Status status = Status::kUndetermined;
  std::optional<Num> monthly_amount;  // 0 when ineligible; nullopt when undetermined or amount unknown
  bool enrolled = false;
  std::vector<Reason> reasons;
};

struct Flag {
  std::string code;  // missed, exit, phase_out, increase, decrease, review_due, undetermined, verify, data_mismatch
  std::string program;
  std::string member;  // "" -> null
  std::string message;     // Chinese
  std::string message_en;  // English (text output only; JSON carries `message`)
  std::optional<Date> until;
  std::optional<Date> due;
  std::optional<Num> amount_now;
  std::optional<Num> amount_new;
  std::vector<std::string> missing;
  std::string source;  // data_mismatch: the department
};

struct Decision {
  std::string household;
  Date as_of;
  std::string_view rules_version;
  std::vector<ProgramResult> programs;
  std::vector<Flag> flags;
  std::vector<DataIssue> data_issues;

  void Clear();
};

}  // namespace jiuzhu
