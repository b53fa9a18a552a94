#include "base/id_number.h"

namespace jiuzhu::base {
namespace {

constexpr int kMinBirthYear = 1800;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

char IdCheckDigit(std::string_view first17) {
  // Weight of position i (1-based) is 2^(18-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

IdInfo CheckIdNumber(std::string_view id) {
  IdInfo info;
  if (id.size() != 18) return info;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(id[i])) return info;
  }
  const char last = id[17];
  if (!IsDigit(last) && last != 'X' && last != 'x') return info;
  info.expected_check = IdCheckDigit(id.substr(0, 17));
  info.sex = (id[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  const int year = Digits(id.substr(6, 4));
  const int month = Digits(id.substr(10, 2));
  const int day = Digits(id.substr(12, 2));
  // No one alive was born before 1800; such a year is a typo, not a date.
  if (year < kMinBirthYear || !Date::IsValidYmd(year, month, day)) {
    info.problem = IdProblem::kBirthDate;
    return info;
  }
  info.birth = Date::FromYmd(year, month, day);
  const char normalised = last == 'x' ? 'X' : last;
  info.problem = normalised == info.expected_check ? IdProblem::kNone : IdProblem::kCheckDigit;
  return info;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.empty()) return "";
  std::string masked(id.substr(0, 6));
  masked += "********";
  if (id.size() > 14) masked += id.substr(14, 4);
  for (char& c : masked)
    if (c == 'x') c = 'X';
  return masked;
}

}  // namespace jiuzhu::base
