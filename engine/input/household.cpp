#include "jiuzhu/household.h"

namespace jiuzhu {

void Household::Clear() {
  // clear() keeps each vector's capacity, so a reader filling households in a loop stops allocating for them.
  id.clear();
  region.clear();
  hukou = Hukou::kUrban;
  grid.clear();
  members.clear();
  assets.deposits = Num();
  assets.securities = Num();
  assets.vehicles.clear();
  assets.houses.clear();
  assets.businesses = 0;
  assets.public_payroll = false;
  expenses = Expenses();
  obligors.clear();
  enrolments.clear();
  ext_json.clear();
  input_issues.clear();
}

}  // namespace jiuzhu
