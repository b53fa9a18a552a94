#include "registry/records.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace jiuzhu::registry {
namespace {

constexpr const char* kHead = "110101198001010011";
constexpr const char* kSpouse = "110101198502020022";
constexpr const char* kChild = "11010120100303003X";

Date D(const char* text) {
  const std::optional<Date> d = Date::Parse(text);
  REQUIRE(d.has_value());
  return *d;
}

Num Money(const char* text) {
  const std::optional<Num> n = Num::ParseDecimal(text);
  REQUIRE(n.has_value());
  return *n;
}

// A household of three members with nothing declared beyond the defaults, and the records to apply to it.
struct Case {
  Household h;
  std::vector<Record> records;
  std::vector<Flag> flags;

  Case() {
    for (const char* id : {kHead, kSpouse, kChild}) h.members.emplace_back().id = id;
  }
  Member& member(int i) { return h.members[static_cast<size_t>(i)]; }

  void Add(std::string source, std::string person, std::string kind, const char* date, std::string value = "") {
    records.push_back(Record{std::move(source), std::move(person), std::move(kind), D(date), std::move(value),
                             static_cast<int64_t>(records.size()) + 2});
  }

  void Apply(const char* as_of = "2025-06-30", int max_age_months = 12) {
    std::vector<const Record*> pointers;
    for (const Record& r : records) pointers.push_back(&r);
    flags.clear();
    ApplyRecords(h, pointers, D(as_of), max_age_months, flags);
  }
};

void CheckFlag(const Flag& f, const std::string& member, const std::string& source) {
  CHECK(f.code == "data_mismatch");
  CHECK(f.program.empty());
  CHECK(f.member == member);
  CHECK(f.source == source);
  CHECK_FALSE(f.message.empty());
  CHECK_FALSE(f.message_en.empty());
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---------------------------------------------------------------------------------------------------------
// Parsing

TEST_CASE("The records header is exact, a BOM allowed", "[registry][records]") {
  CHECK(IsRecordsHeader("source,person_id,kind,date,value"));
  CHECK(IsRecordsHeader("\xEF\xBB\xBFsource,person_id,kind,date,value"));
  CHECK(IsRecordsHeader("source,person_id,kind,date,value\r"));
  CHECK_FALSE(IsRecordsHeader("source,person_id,kind,date"));
  CHECK_FALSE(IsRecordsHeader("Source,person_id,kind,date,value"));
  CHECK_FALSE(IsRecordsHeader("source, person_id,kind,date,value"));
}

TEST_CASE("Every kind of the table parses with its value shape", "[registry][records]") {
  const char* line = GENERATE(
      "public_security,110101198001010011,death,2025-01-02,",
      "public_security,110101198001010011,imprisoned,2025-01-02,",
      "disability_federation,110101198001010011,certificate,2025-01-02,physical:2",
      "disability_federation,110101198001010011,certificate_revoked,2025-01-02,",
      "medical_insurance,110101198001010011,self_paid,2025-01-02,12000.50",
      "education,110101198001010011,enrolled,2025-01-02,undergraduate",
      "vehicle_registry,110101198001010011,vehicle,2025-01-02,car:45000",
      "business_registry,110101198001010011,business,2025-01-02,某某小吃店",
      "payroll,110101198001010011,public_payroll,2025-01-02,5200",
      "social_security,110101198001010011,wage,2025-01-02,3500.00",
      "social_security,110101198001010011,pension,2025-01-02,2800.1",
      "real_estate,110101198001010011,house,2025-01-02,89.375");
  Record r;
  std::string error;
  INFO(line);
  CHECK(ParseRecordLine(line, 9, r, error));
  CHECK(error.empty());
  CHECK(r.person_id == kHead);
  CHECK(r.date == D("2025-01-02"));
  CHECK(r.line == 9);
}

TEST_CASE("Quoted CSV fields: commas, doubled quotes, empty quoted value", "[registry][records]") {
  Record r;
  std::string error;
  REQUIRE(ParseRecordLine(R"("business_registry","110101198001010011","business","2024-03-01","张三,""好运""小吃店")",
                          5, r, error));
  CHECK(r.source == "business_registry");
  CHECK(r.kind == "business");
  CHECK(r.value == "张三,\"好运\"小吃店");
  REQUIRE(ParseRecordLine("public_security,110101198001010011,death,2024-03-01,\"\"\r", 6, r, error));
  CHECK(r.value.empty());
  // The check character is stored the way member ids are.
  REQUIRE(ParseRecordLine("public_security,11010120100303003x,death,2024-03-01,", 7, r, error));
  CHECK(r.person_id == kChild);
}

TEST_CASE("Malformed rows are reported with their line, column and what was expected", "[registry][records]") {
  struct Row {
    const char* line;
    const char* part;  // a piece of the English message
  };
  const Row row = GENERATE(values<Row>({
      {"public_security,110101198001010011,death,2025-01-02", "expected 5 columns"},
      {"public_security,110101198001010011,death,2025-01-02,,", "expected 5 columns"},
      {"public_security,110101198001010011,death,2025-01-02,\"abc", "quote of column 5 is not closed"},
      {"public_security,\"110101198001010011\"x,death,2025-01-02,", "column 2: a closing quote"},
      {"public_security,110101198001010011,death,2025-01-02,a\"b", "column 5 contains a quote"},
      {"police,110101198001010011,death,2025-01-02,", "column source must be one of"},
      {"public_security,110101198001010011,dead,2025-01-02,", "column kind must be one of"},
      {"education,110101198001010011,death,2025-01-02,", "column source must be public_security for kind death"},
      {"public_security,11010119800101001,death,2025-01-02,", "column person_id"},
      {"public_security,11010119800101001Y,death,2025-01-02,", "column person_id"},
      {"public_security,110101198001010011,death,2025-02-30,", "column date"},
      {"public_security,110101198001010011,death,2025/01/02,", "column date"},
      {"public_security,110101198001010011,death,2025-01-02,yes", "column value must be empty"},
      {"public_security,110101198001010011,imprisoned,2025-01-02,10y", "column value must be empty"},
      {"disability_federation,110101198001010011,certificate_revoked,2025-01-02,x", "column value must be empty"},
      {"disability_federation,110101198001010011,certificate,2025-01-02,physical:5", "category:grade"},
      {"disability_federation,110101198001010011,certificate,2025-01-02,limb:2", "category:grade"},
      {"disability_federation,110101198001010011,certificate,2025-01-02,physical", "category:grade"},
      {"disability_federation,110101198001010011,certificate,2025-01-02,physical:2:1", "category:grade"},
      {"vehicle_registry,110101198001010011,vehicle,2025-01-02,plane:100", "kind:value"},
      {"vehicle_registry,110101198001010011,vehicle,2025-01-02,car:1.234", "kind:value"},
      {"vehicle_registry,110101198001010011,vehicle,2025-01-02,car:-5", "kind:value"},
      {"vehicle_registry,110101198001010011,vehicle,2025-01-02,45000", "kind:value"},
      {"medical_insurance,110101198001010011,self_paid,2025-01-02,-1", "amount in yuan for kind self_paid"},
      {"payroll,110101198001010011,public_payroll,2025-01-02,", "amount in yuan for kind public_payroll"},
      {"social_security,110101198001010011,wage,2025-01-02,3,500", "expected 5 columns"},
      {"social_security,110101198001010011,wage,2025-01-02,1.005", "amount in yuan for kind wage"},
      {"social_security,110101198001010011,pension,2025-01-02,1e3", "amount in yuan for kind pension"},
      {"social_security,110101198001010011,wage,2025-01-02,1000000000000", "amount in yuan for kind wage"},
      {"real_estate,110101198001010011,house,2025-01-02,-80", "area in m²"},
      {"real_estate,110101198001010011,house,2025-01-02,80平方米", "area in m²"},
      {"education,110101198001010011,enrolled,2025-01-02,none", "school level"},
      {"education,110101198001010011,enrolled,2025-01-02,college", "school level"},
  }));
  Record r;
  std::string error;
  INFO(row.line);
  CHECK_FALSE(ParseRecordLine(row.line, 17, r, error));
  INFO(error);
  CHECK(error.starts_with("第 17 行："));
  CHECK(Contains(error, "(line 17: "));
  CHECK(Contains(error, row.part));
}

// ---------------------------------------------------------------------------------------------------------
// Applying, one kind at a time

TEST_CASE("death: sets deceased_on; flagged unless the same date was declared", "[registry][records]") {
  Case c;
  c.Add("public_security", kSpouse, "death", "2025-03-04");
  SECTION("undeclared") {
    c.Apply();
    CHECK(c.member(1).deceased_on == D("2025-03-04"));
    REQUIRE(c.flags.size() == 1);
    CheckFlag(c.flags[0], kSpouse, "public_security");
    CHECK(Contains(c.flags[0].message, "death 2025-03-04"));
    CHECK(Contains(c.flags[0].message, "无死亡日期"));
  }
  SECTION("declared on another date: the record's date is used") {
    c.member(1).deceased_on = D("2025-03-01");
    c.Apply();
    CHECK(c.member(1).deceased_on == D("2025-03-04"));
    REQUIRE(c.flags.size() == 1);
    CHECK(Contains(c.flags[0].message, "死亡日期 2025-03-01"));
  }
  SECTION("declared the same") {
    c.member(1).deceased_on = D("2025-03-04");
    c.Apply();
    CHECK(c.flags.empty());
  }
}

TEST_CASE("imprisoned: sets imprisoned; flagged unless declared", "[registry][records]") {
  Case c;
  c.Add("public_security", kHead, "imprisoned", "2024-11-01");
  c.Apply();
  CHECK(c.member(0).imprisoned);
  REQUIRE(c.flags.size() == 1);
  CheckFlag(c.flags[0], kHead, "public_security");
  CHECK(Contains(c.flags[0].message_en, "imprisoned 2024-11-01"));
  c.Apply();  // now declared
  CHECK(c.flags.empty());
}

TEST_CASE("certificate: sets the disability; flagged when absent or different", "[registry][records]") {
  Case c;
  c.Add("disability_federation", kChild, "certificate", "2024-05-06", "intellectual:2");
  SECTION("undeclared") {
    c.Apply();
    REQUIRE(c.member(2).disability.has_value());
    CHECK(c.member(2).disability->category == DisabilityCategory::kIntellectual);
    CHECK(c.member(2).disability->grade == 2);
    CHECK(c.member(2).disability->needs_long_term_care);  // the contract default for grade 2
    REQUIRE(c.flags.size() == 1);
    CheckFlag(c.flags[0], kChild, "disability_federation");
    CHECK(Contains(c.flags[0].message, "certificate 2024-05-06 intellectual:2"));
    CHECK(Contains(c.flags[0].message, "无残疾"));
  }
  SECTION("another grade declared: the certificate number is kept") {
    Disability& d = c.member(2).disability.emplace();
    d.category = DisabilityCategory::kIntellectual;
    d.grade = 3;
    d.certificate = "11010120100303003X52";
    d.needs_long_term_care = false;
    c.Apply();
    CHECK(c.member(2).disability->grade == 2);
    CHECK(c.member(2).disability->certificate == "11010120100303003X52");
    CHECK(c.member(2).disability->needs_long_term_care);
    REQUIRE(c.flags.size() == 1);
    CHECK(Contains(c.flags[0].message, "残疾 intellectual 3 级"));
  }
  SECTION("another category declared") {
    Disability& d = c.member(2).disability.emplace();
    d.category = DisabilityCategory::kMental;
    d.grade = 2;
    d.needs_long_term_care = false;  // declared; the grade does not change, so it stays
    c.Apply();
    CHECK(c.member(2).disability->category == DisabilityCategory::kIntellectual);
    CHECK_FALSE(c.member(2).disability->needs_long_term_care);
    CHECK(c.flags.size() == 1);
  }
  SECTION("the same declared") {
    Disability& d = c.member(2).disability.emplace();
    d.category = DisabilityCategory::kIntellectual;
    d.grade = 2;
    c.Apply();
    CHECK(c.flags.empty());
  }
  SECTION("a later revocation removes it") {
    c.Add("disability_federation", kChild, "certificate_revoked", "2025-01-01");
    c.Apply();
    CHECK_FALSE(c.member(2).disability.has_value());
    CHECK(c.flags.empty());  // nothing was declared, and the record says there is nothing
  }
  SECTION("a certificate after a revocation holds") {
    c.Add("disability_federation", kChild, "certificate_revoked", "2024-01-01");
    c.Apply();
    REQUIRE(c.member(2).disability.has_value());
    CHECK(c.flags.size() == 1);
  }
}

TEST_CASE("certificate_revoked: removes a declared disability and flags it", "[registry][records]") {
  Case c;
  Disability& d = c.member(0).disability.emplace();
  d.category = DisabilityCategory::kPhysical;
  d.grade = 4;
  c.Add("disability_federation", kHead, "certificate", "2020-01-01", "physical:4");
  c.Add("disability_federation", kHead, "certificate_revoked", "2025-02-01");
  c.Apply();
  CHECK_FALSE(c.member(0).disability.has_value());
  REQUIRE(c.flags.size() == 1);
  CheckFlag(c.flags[0], kHead, "disability_federation");
  CHECK(Contains(c.flags[0].message, "certificate_revoked 2025-02-01"));
  CHECK(Contains(c.flags[0].message_en, "disability physical grade 4"));
}

TEST_CASE("self_paid: the members' latest records summed, when above the declared figure", "[registry][records]") {
  Case c;
  c.Add("medical_insurance", kHead, "self_paid", "2024-06-30", "9000");  // superseded by the next
  c.Add("medical_insurance", kHead, "self_paid", "2025-05-31", "3000");
  c.Add("medical_insurance", kSpouse, "self_paid", "2025-04-30", "2000.50");
  SECTION("declared lower") {
    c.h.expenses.medical_self_paid = Money("1000");
    c.Apply();
    CHECK(c.h.expenses.medical_self_paid == Money("5000.50"));
    REQUIRE(c.flags.size() == 1);
    CheckFlag(c.flags[0], "", "medical_insurance");  // two people's records: a household flag
    CHECK(Contains(c.flags[0].message, "self_paid 2025-05-31 3000"));
    CHECK(Contains(c.flags[0].message, "self_paid 2025-04-30 2000.50"));
    CHECK(Contains(c.flags[0].message, "5000.50"));
    CHECK(Contains(c.flags[0].message, "医疗自付 1000.00 元"));
  }
  SECTION("declared at least as much") {
    c.h.expenses.medical_self_paid = Money("5000.50");
    c.Apply();
    CHECK(c.h.expenses.medical_self_paid == Money("5000.50"));
    CHECK(c.flags.empty());
  }
  SECTION("one person's record names the person") {
    c.records.pop_back();
    c.Apply();
    CHECK(c.h.expenses.medical_self_paid == Money("3000"));
    REQUIRE(c.flags.size() == 1);
    CHECK(c.flags[0].member == kHead);
  }
}

TEST_CASE("enrolled: sets the school level; flagged when another was declared", "[registry][records]") {
  Case c;
  c.Add("education", kChild, "enrolled", "2024-09-01", "senior_secondary");
  SECTION("none declared") {
    c.Apply();
    CHECK(c.member(2).school_level == SchoolLevel::kSeniorSecondary);
    REQUIRE(c.flags.size() == 1);
    CheckFlag(c.flags[0], kChild, "education");
    CHECK(Contains(c.flags[0].message, "不在学"));
  }
  SECTION("another declared") {
    c.member(2).school_level = SchoolLevel::kCompulsory;
    c.Apply();
    CHECK(c.member(2).school_level == SchoolLevel::kSeniorSecondary);
    REQUIRE(c.flags.size() == 1);
    CHECK(Contains(c.flags[0].message_en, "school level compulsory"));
  }
  SECTION("the same declared") {
    c.member(2).school_level = SchoolLevel::kSeniorSecondary;
    c.Apply();
    CHECK(c.flags.empty());
  }
}

TEST_CASE("vehicle: registrations the household did not declare are added, per vehicle kind", "[registry][records]") {
  Case c;
  c.h.assets.vehicles.push_back(Vehicle{VehicleKind::kCar, Money("30000"), false});
  c.Add("vehicle_registry", kHead, "vehicle", "2019-05-01", "car:30000");
  c.Add("vehicle_registry", kSpouse, "vehicle", "2024-08-01", "car:45000");
  c.Add("vehicle_registry", kSpouse, "vehicle", "2024-08-01", "car:45000");  // the same registration again
  c.Add("vehicle_registry", kHead, "vehicle", "2023-01-01", "motorcycle:3000");
  c.Apply();
  REQUIRE(c.h.assets.vehicles.size() == 3);
  CHECK(c.h.assets.vehicles[1].kind == VehicleKind::kCar);
  CHECK(c.h.assets.vehicles[1].value == Money("45000"));  // the newest car is taken as the undeclared one
  CHECK(c.h.assets.vehicles[2].kind == VehicleKind::kMotorcycle);
  REQUIRE(c.flags.size() == 2);
  CheckFlag(c.flags[0], kSpouse, "vehicle_registry");
  CHECK(Contains(c.flags[0].message, "vehicle 2024-08-01 car:45000"));
  CHECK(Contains(c.flags[0].message, "car 车辆 1 辆"));
  CheckFlag(c.flags[1], kHead, "vehicle_registry");
  c.Apply();  // everything is declared now
  CHECK(c.flags.empty());
  CHECK(c.h.assets.vehicles.size() == 3);
}

TEST_CASE("house: added where fewer were declared", "[registry][records]") {
  Case c;
  c.Add("real_estate", kHead, "house", "2010-01-01", "60");
  c.Add("real_estate", kSpouse, "house", "2022-01-01", "95.5");
  SECTION("one declared") {
    c.h.assets.houses.push_back(House{Money("60"), HousePurpose::kResidence});
    c.Apply();
    REQUIRE(c.h.assets.houses.size() == 2);
    CHECK(c.h.assets.houses[1].area_m2 == Money("95.5"));
    REQUIRE(c.flags.size() == 1);
    CheckFlag(c.flags[0], kSpouse, "real_estate");
    CHECK(Contains(c.flags[0].message, "房产 1 套"));
  }
  SECTION("both declared") {
    c.h.assets.houses.push_back(House{Money("60"), HousePurpose::kResidence});
    c.h.assets.houses.push_back(House{Money("90"), HousePurpose::kCommercial});
    c.Apply();
    CHECK(c.h.assets.houses.size() == 2);
    CHECK(c.flags.empty());
  }
}

TEST_CASE("business: the count rises to the registrations", "[registry][records]") {
  Case c;
  c.Add("business_registry", kHead, "business", "2021-03-01", "某某五金店");
  c.Add("business_registry", kChild, "business", "2024-03-01", "某某网店");
  c.h.assets.businesses = 1;
  c.Apply();
  CHECK(c.h.assets.businesses == 2);
  REQUIRE(c.flags.size() == 1);
  CheckFlag(c.flags[0], kChild, "business_registry");
  CHECK(Contains(c.flags[0].message, "某某网店"));
  CHECK(Contains(c.flags[0].message, "经营主体 1 个"));
  c.Apply();
  CHECK(c.flags.empty());
}

TEST_CASE("public_payroll: set, one flag per person when not declared", "[registry][records]") {
  Case c;
  c.Add("payroll", kHead, "public_payroll", "2015-07-01", "5200");
  c.Add("payroll", kSpouse, "public_payroll", "2018-07-01", "4800");
  SECTION("not declared") {
    c.Apply();
    CHECK(c.h.assets.public_payroll);
    REQUIRE(c.flags.size() == 2);
    CheckFlag(c.flags[0], kHead, "payroll");
    CheckFlag(c.flags[1], kSpouse, "payroll");
    CHECK(Contains(c.flags[1].message, "4800.00"));
  }
  SECTION("declared") {
    c.h.assets.public_payroll = true;
    c.Apply();
    CHECK(c.flags.empty());
  }
}

TEST_CASE("wage: replaces the declared wage incomes when higher", "[registry][records]") {
  Case c;
  c.member(0).incomes.push_back(Income{IncomeKind::kWage, Money("1000"), true});
  c.member(0).incomes.push_back(Income{IncomeKind::kSupport, Money("200"), false});
  c.member(0).incomes.push_back(Income{IncomeKind::kWage, Money("800"), false});
  SECTION("declared lower") {
    c.Add("social_security", kHead, "wage", "2025-05-01", "3500");
    c.Apply();
    REQUIRE(c.member(0).incomes.size() == 2);
    CHECK(c.member(0).incomes[0].kind == IncomeKind::kWage);
    CHECK(c.member(0).incomes[0].monthly == Money("3500"));
    CHECK(c.member(0).incomes[0].irregular);  // the record says nothing about regularity
    CHECK(c.member(0).incomes[1].kind == IncomeKind::kSupport);
    REQUIRE(c.flags.size() == 1);
    CheckFlag(c.flags[0], kHead, "social_security");
    CHECK(Contains(c.flags[0].message, "wage 2025-05-01 3500"));
    CHECK(Contains(c.flags[0].message, "工资性收入 1800.00 元/月"));
  }
  SECTION("declared as much or more") {
    c.Add("social_security", kHead, "wage", "2025-05-01", "1800");
    c.Apply();
    CHECK(c.member(0).incomes.size() == 3);
    CHECK(c.flags.empty());
  }
  SECTION("the latest record holds, even when an older one is higher") {
    c.Add("social_security", kHead, "wage", "2025-03-01", "5000");
    c.Add("social_security", kHead, "wage", "2025-05-01", "1500");
    c.Apply();
    CHECK(c.flags.empty());
  }
  SECTION("a record 13 months old is ignored") {
    c.Add("social_security", kHead, "wage", "2024-05-31", "3500");
    c.Apply("2025-06-30");
    CHECK(c.member(0).incomes.size() == 3);
    CHECK(c.flags.empty());
  }
  SECTION("a record exactly 12 months old counts") {
    c.Add("social_security", kHead, "wage", "2024-06-30", "3500");
    c.Apply("2025-06-30");
    CHECK(c.flags.size() == 1);
  }
  SECTION("the age limit is a parameter") {
    c.Add("social_security", kHead, "wage", "2025-01-31", "3500");
    c.Apply("2025-06-30", 3);
    CHECK(c.flags.empty());
    c.Apply("2025-06-30", 6);
    CHECK(c.flags.size() == 1);
  }
}

TEST_CASE("pension: added when none is declared", "[registry][records]") {
  Case c;
  c.Add("social_security", kSpouse, "pension", "2025-06-01", "2800.10");
  c.Apply();
  REQUIRE(c.member(1).incomes.size() == 1);
  CHECK(c.member(1).incomes[0].kind == IncomeKind::kPension);
  CHECK(c.member(1).incomes[0].monthly == Money("2800.10"));
  REQUIRE(c.flags.size() == 1);
  CheckFlag(c.flags[0], kSpouse, "social_security");
  CHECK(Contains(c.flags[0].message_en, "pension income 0.00 yuan a month"));
}

// ---------------------------------------------------------------------------------------------------------
// Ordering and cut-offs

TEST_CASE("Latest wins: by date, then by later line", "[registry][records]") {
  Case c;
  c.Add("education", kChild, "enrolled", "2024-09-01", "undergraduate");
  c.Add("education", kChild, "enrolled", "2024-09-01", "postgraduate");  // same date, later line
  c.Add("education", kChild, "enrolled", "2021-09-01", "senior_secondary");
  c.Apply();
  CHECK(c.member(2).school_level == SchoolLevel::kPostgraduate);
  CHECK(c.flags.size() == 1);
}

TEST_CASE("Records dated after as_of or naming no member are skipped", "[registry][records]") {
  Case c;
  c.Add("public_security", kHead, "death", "2025-07-01");
  c.Add("real_estate", kHead, "house", "2025-07-01", "80");
  c.Add("public_security", "110101199001010099", "imprisoned", "2025-01-01");
  c.Apply("2025-06-30");
  CHECK_FALSE(c.member(0).deceased_on.has_value());
  CHECK(c.h.assets.houses.empty());
  CHECK(c.flags.empty());
}

TEST_CASE("A parsed line applies like a built record", "[registry][records]") {
  Case c;
  Record r;
  std::string error;
  REQUIRE(ParseRecordLine("vehicle_registry,110101198502020022,vehicle,2024-08-01,\"truck:120000.5\"", 3, r, error));
  c.records.push_back(r);
  c.Apply();
  REQUIRE(c.h.assets.vehicles.size() == 1);
  CHECK(c.h.assets.vehicles[0].kind == VehicleKind::kTruck);
  CHECK(c.h.assets.vehicles[0].value == Money("120000.5"));
  REQUIRE(c.flags.size() == 1);
  CHECK(c.flags[0].member == kSpouse);
}

}  // namespace
}  // namespace jiuzhu::registry
