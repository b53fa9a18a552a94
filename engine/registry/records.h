// Other departments' records (大数据比对, shared/spec/registry.md "Other departments' records"): reading one row
// of RECORDS.csv, and applying a household's records to its declared facts before a batch evaluates it. A record
// that contradicts the declaration changes the fact evaluated (the department's data is the better evidence)
// and raises a `data_mismatch` flag, so the caseworker verifies it on the next visit rather than the system
// silently overriding what the household said.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/decision.h"
#include "jiuzhu/household.h"

namespace jiuzhu::registry {

// One row of RECORDS.csv, as written there (strings are kept as text so the registry stores and shows exactly
// what the department sent; ApplyRecords reads the value by kind).
struct Record {
  std::string source, person_id, kind;  // person_id: a lower-case 'x' check character is stored as 'X'
  Date date;
  std::string value;
  int64_t line = 0;  // line in the CSV file (header is line 1)
};

// One data line of RECORDS.csv (UTF-8, header `source,person_id,kind,date,value`; RFC 4180 quoting allowed,
// but a quoted field cannot span lines: the file is read line by line). A trailing '\r' is ignored.
// Validates: five columns; source and kind known and paired as registry.md's table says; person_id shaped like a
// 公民身份号码 (17 digits and a digit or X — the check digit is not verified: a record that matches no member is
// counted and listed by the batch, not rejected here); the date (YYYY-MM-DD); the value's shape for the kind
// (`category:grade` with a contract category and grade 1–4; `kind:value` with a contract vehicle kind and money;
// money (≥ 0, at most two decimals, below 10^12) for self_paid/public_payroll/wage/pension; an area (≥ 0) for
// house; a contract school level for enrolled; empty for death/imprisoned/certificate_revoked; any text for
// business). On failure returns false and sets `error` to a bilingual message "第 N 行：… (line N: …)" naming the
// column and what was expected; `out` is then unspecified. Reuses `out`'s and `error`'s capacity.
bool ParseRecordLine(std::string_view line, int64_t line_number, Record& out, std::string& error);

// The exact header `source,person_id,kind,date,value` (a UTF-8 BOM before it and a trailing '\r' are allowed).
bool IsRecordsHeader(std::string_view line);

// Applies the records of this household's members to `h` (facts changed in place) and appends one
// `data_mismatch` Flag per contradiction to `mismatches`. `records` may be in any order; records dated after
// as_of or naming no member are skipped (the caller should not pass them). Readings of registry.md:
//  - State kinds (death, imprisoned, certificate/certificate_revoked, self_paid, enrolled, public_payroll, wage,
//    pension): per person and kind the latest record holds — latest date, ties by later line, then by later
//    position in `records`. certificate and certificate_revoked are one history: whichever is latest holds.
//  - wage/pension records dated before as_of − max_age_months (Date::AddMonths) are ignored; a record exactly
//    max_age_months old still counts.
//  - death: deceased_on = the date; mismatch when none was declared or another date was.
//  - imprisoned: imprisoned = true; mismatch when not declared.
//  - certificate: disability category and grade = the record's; mismatch when no disability or another category
//    or grade was declared. A declared certificate number is kept; needs_long_term_care is kept unless the grade
//    changes, then it takes the contract default for the new grade (true for 1–2).
//  - certificate_revoked: disability removed; mismatch when one was declared.
//  - self_paid: expenses.medical_self_paid = the sum of the members' latest records when higher than declared
//    (one flag for the household; member = the person when only one member has a record, else "").
//  - enrolled: school_level = the level; mismatch when another (or none) was declared.
//  - public_payroll: assets.public_payroll = true; one flag per person with a record when not declared.
//  - wage/pension: when the value is above the sum of the member's declared incomes of that kind, those incomes
//    are replaced by one with the value (irregular kept if any declared one was); mismatch then.
//  - vehicle/house/business are registrations, not states: every distinct record counts (identical person, date
//    and value counted once), per household — vehicles per vehicle kind, houses, businesses. Where the household
//    declared fewer, the newest registrations make up the difference (a household most likely omitted what it
//    acquired after applying); one flag per added registration. Added houses are residences, added vehicles not
//    for disability.
// Flags come in member order and the table's kind order, then self_paid, vehicles, houses, businesses.
// Allocates only for added facts and flags.
void ApplyRecords(Household& h, std::span<const Record* const> records, Date as_of, int max_age_months,
                  std::vector<Flag>& mismatches);

}  // namespace jiuzhu::registry
