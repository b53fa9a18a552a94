// Test helper: every field of a Household as text, so two Households compare with one string comparison and a
// difference shows up readably in a failed assertion.
#pragma once

#include <string>

#include "input/enum_names.h"
#include "jiuzhu/household.h"

namespace jiuzhu::testing {

inline std::string NumText(const Num& n) { return std::to_string(n.num()) + "/" + std::to_string(n.den()); }

inline std::string DumpHousehold(const Household& h) {
  std::string s;
  auto line = [&s](const std::string& text) { s += text + "\n"; };
  line("id=" + h.id + " region=" + h.region + " hukou=" + std::string(Name(h.hukou)) + " grid=" + h.grid);
  for (const Member& m : h.members) {
    line("member id=" + m.id + " name=" + m.name + " relation=" + std::string(Name(m.relation)) +
         " birth=" + m.birth_date.ToString() + " sex=" + std::string(Name(m.sex)) +
         " school=" + std::string(Name(m.school_level)) + " flags=" + std::to_string(m.imprisoned) +
         std::to_string(m.compulsory_rehab) + std::to_string(m.declared_missing) + std::to_string(m.serious_illness) +
         std::to_string(m.institutional_care) + std::to_string(m.orphan_support) +
         std::to_string(m.work_injury_care_fee) + " religious=" + NumText(m.religious_away_years) +
         " deceased=" + (m.deceased_on ? m.deceased_on->ToString() : "-") +
         " self_care=" + std::string(Name(m.self_care)) + " other_care=" + NumText(m.other_care_allowance));
    if (m.disability) {
      line("  disability " + std::string(Name(m.disability->category)) + " grade=" +
           std::to_string(m.disability->grade) + " cert=" + m.disability->certificate +
           " care=" + std::to_string(m.disability->needs_long_term_care));
    }
    for (const Income& i : m.incomes) {
      line("  income " + std::string(Name(i.kind)) + " " + NumText(i.monthly) + " irregular=" +
           std::to_string(i.irregular));
    }
  }
  const Assets& a = h.assets;
  line("assets deposits=" + NumText(a.deposits) + " securities=" + NumText(a.securities) +
       " businesses=" + std::to_string(a.businesses) + " payroll=" + std::to_string(a.public_payroll));
  for (const Vehicle& v : a.vehicles) {
    line("  vehicle " + std::string(Name(v.kind)) + " " + NumText(v.value) + " " + std::to_string(v.for_disability));
  }
  for (const House& house : a.houses) {
    line("  house " + NumText(house.area_m2) + " " + std::string(Name(house.purpose)));
  }
  line("expenses " + NumText(h.expenses.medical_self_paid) + " " + NumText(h.expenses.education));
  for (const Obligor& o : h.obligors) {
    line("obligor " + o.id + " " + std::string(Name(o.relation)) + " birth=" + o.birth_date.ToString() +
         " income=" + (o.monthly_income ? NumText(*o.monthly_income) : "-") +
         " assets_ok=" + (o.assets_within_limits ? std::to_string(*o.assets_within_limits) : "-") +
         " status=" + std::to_string(o.status));
  }
  for (const Enrolment& e : h.enrolments) {
    line("enrolment " + e.program + " member=" + e.member + " since=" + e.since.ToString() + " monthly=" +
         NumText(e.monthly) + " review=" + e.last_review.ToString() +
         " phase_out=" + (e.phase_out_until ? e.phase_out_until->ToString() : "-"));
  }
  line("ext=" + h.ext_json);
  for (const DataIssue& d : h.input_issues) line("issue " + d.path + " " + d.code + " " + d.message);
  return s;
}

}  // namespace jiuzhu::testing
