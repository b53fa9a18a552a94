#include "compile/plan.h"

#include "check/catalog.h"

namespace jiuzhu::plan {

std::string TypeName(TypeInfo t) {
  switch (t.type) {
    case Type::kBool: return "yes/no";
    case Type::kNumber: return "number";
    case Type::kMoney: return "amount (元)";
    case Type::kDate: return "date";
    case Type::kEnum: return std::string(check::DomainName(t.domain));
    case Type::kText: return "text";
    case Type::kSet: return "list of " + std::string(check::DomainName(t.domain));
    case Type::kMember: return "member";
    case Type::kIncome: return "income";
    case Type::kObligor: return "obligor";
    case Type::kVehicle: return "vehicle";
    case Type::kHouse: return "house";
    case Type::kAssets: return "assets";
    case Type::kExpenses: return "expenses";
    case Type::kMemberList: return "list of members";
    case Type::kIncomeList: return "list of incomes";
    case Type::kObligorList: return "list of obligors";
    case Type::kVehicleList: return "list of vehicles";
    case Type::kHouseList: return "list of houses";
  }
  return "?";
}

const char* OpName(Op op) {
  switch (op) {
#define JIUZHU_OP_NAME(name) case Op::name: return #name + 1;
    JIUZHU_OPS(JIUZHU_OP_NAME)
#undef JIUZHU_OP_NAME
  }
  return "?";
}

}  // namespace jiuzhu::plan
