// 公民身份号码 (GB 11643, policy-notes §8.1): 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence
// (odd = male), and an ISO 7064 MOD 11-2 check character (0–9 or X). Used by the household reader for members
// and obligors, and by anything else that needs a birth date or sex from an id.
#pragma once

#include <string>
#include <string_view>

#include "jiuzhu/date.h"
#include "jiuzhu/household.h"

namespace jiuzhu::base {

enum class IdProblem { kNone, kFormat, kCheckDigit, kBirthDate };

struct IdInfo {
  IdProblem problem = IdProblem::kFormat;
  // The check character the first 17 digits call for ('0'–'9' or 'X'); '?' when they are not 17 digits.
  char expected_check = '?';
  Date birth;            // meaningful when problem is kNone or kCheckDigit
  Sex sex = Sex::kMale;  // from the sequence code's last digit
};

// Checks an 18-character id; a lower-case 'x' check character is accepted. When several things are wrong, the
// first of format, birth date, check digit is reported: an impossible date explains a wrong check digit better
// than the reverse (someone edited the date and did not recompute the check character).
IdInfo CheckIdNumber(std::string_view id);

// The check character for 17 digits. REQUIRES: first17 is 17 ASCII digits.
char IdCheckDigit(std::string_view first17);

// An ID number as every list, file and message shows it (http.md): id[0:6] + "********" + id[14:18], with x
// upper-cased; shorter ids are clamped, so at most 10 characters ever show. "" stays "".
std::string MaskIdNumber(std::string_view id);

}  // namespace jiuzhu::base
