// HouseholdReader: household.md input (JSON or YAML text) -> Household, validating the contract at the edge.
// Every violation is reported with its JSON path, a stable code and a bilingual message that says what was found
// and what was expected (cli.md "Errors"). Reusable between households; not thread-safe (one per thread).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jiuzhu/household.h"

namespace jiuzhu {

struct HouseholdError {
  std::string path;     // "members[2].incomes[0].monthly"; "" for the document itself
  std::string code;     // stable: bad_json, not_object, missing_field, wrong_type, unknown_field, bad_enum, ...
  std::string message;  // "members[0].id: 身份证号校验位应为 X，实为 1 (check digit should be X, found 1)"
};

struct ReadResult {
  bool ok = false;             // false: the household is rejected (errors non-empty)
  std::string household_id;    // "" when the id itself is unreadable
  std::vector<HouseholdError> errors;  // every violation found, in document order
};

class HouseholdReader {
 public:
  HouseholdReader();
  ~HouseholdReader();
  HouseholdReader(const HouseholdReader&) = delete;
  HouseholdReader& operator=(const HouseholdReader&) = delete;

  // One JSON object. `out` is overwritten (capacity reused). On !ok, `out` is unspecified.
  ReadResult ReadJson(std::string_view json, Household& out);
  // One YAML mapping of the same shape. Plain (unquoted) scalars are accepted where a string is expected
  // (an unquoted 18-digit id), and must parse as numbers/booleans where those are expected.
  ReadResult ReadYaml(std::string_view yaml, Household& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jiuzhu
