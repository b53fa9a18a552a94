#include "base/id_number.h"

#include <catch2/catch.hpp>

namespace jiuzhu::base {
namespace {

TEST_CASE("ID check digit follows ISO 7064 MOD 11-2", "[input][id]") {
  CHECK(IdCheckDigit("11010519491231002") == 'X');
  CHECK(IdCheckDigit("44052418800101001") == '4');
  CHECK(IdCheckDigit("51050219800101001") == '3');
}

TEST_CASE("CheckIdNumber reports format, birth date and check digit problems", "[input][id]") {
  IdInfo info = CheckIdNumber("11010519491231002X");
  CHECK(info.problem == IdProblem::kNone);
  CHECK(info.birth == Date::FromYmd(1949, 12, 31));
  CHECK(info.sex == Sex::kFemale);  // sequence 002
  CHECK(CheckIdNumber("11010519491231002x").problem == IdProblem::kNone);
  info = CheckIdNumber("440524188001010014");
  CHECK(info.problem == IdProblem::kNone);
  CHECK(info.sex == Sex::kMale);  // sequence 001
  info = CheckIdNumber("110105194912310021");
  CHECK(info.problem == IdProblem::kCheckDigit);
  CHECK(info.expected_check == 'X');
  CHECK(CheckIdNumber("51050219490230001X").problem == IdProblem::kBirthDate);
  CHECK(CheckIdNumber("510502200002290019").problem != IdProblem::kBirthDate);  // 2000 is a leap year
  CHECK(CheckIdNumber("510502190002290019").problem == IdProblem::kBirthDate);  // 1900 is not
  CHECK(CheckIdNumber("510502000001010019").problem == IdProblem::kBirthDate);
  CHECK(CheckIdNumber("").problem == IdProblem::kFormat);
  CHECK(CheckIdNumber("1101051949123100").problem == IdProblem::kFormat);
  CHECK(CheckIdNumber("11010519491231002Z").problem == IdProblem::kFormat);
  CHECK(CheckIdNumber("1101051949123100X2").problem == IdProblem::kFormat);
  CHECK(CheckIdNumber("１１０１０５１９４９１２３１００２X").problem == IdProblem::kFormat);  // full-width digits
}

}  // namespace
}  // namespace jiuzhu::base
