// Names of the Decision enums as they appear in JSON (decision.md), and Decision::Clear.
#include "jiuzhu/decision.h"

namespace jiuzhu {

const char* StatusName(Status s) {
  switch (s) {
    case Status::kEligible:
      return "eligible";
    case Status::kIneligible:
      return "ineligible";
    case Status::kUndetermined:
      return "undetermined";
  }
  return "undetermined";  // unreachable for valid enum values; keeps JSON within the contract
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kSkip:
      return "skip";
    case Outcome::kUnknown:
      return "unknown";
  }
  return "unknown";
}

// A Decision is reused across households in a batch, so the vectors keep their capacity.
void Decision::Clear() {
  household.clear();
  as_of = Date();
  rules_version = {};
  programs.clear();
  flags.clear();
  data_issues.clear();
}

}  // namespace jiuzhu
