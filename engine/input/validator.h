// The household contract (shared/spec/household.md, semantics.md §10) checked once, against the node view of
// node.h, for both input formats. Shape read:
//
//   household  = { id, region, hukou, [grid], members: [member+], [assets], [expenses], [obligors: [obligor]],
//                  [enrolments: [enrolment]], [ext: {...}] }
//   member     = { id, name, relation, [birth_date], [sex], [school_level], [imprisoned], [compulsory_rehab],
//                  [declared_missing], [religious_away_years], [deceased_on], [disability], [serious_illness],
//                  [self_care], [institutional_care], [orphan_support], [work_injury_care_fee],
//                  [other_care_allowance], [incomes: [income]] }
//   disability = { category, grade, [certificate], [needs_long_term_care] }
//   income     = { kind, monthly, [irregular] }
//   assets     = { [deposits], [securities], [vehicles: [{kind, value, [for_disability]}]],
//                  [houses: [{area_m2, purpose}]], [businesses], [public_payroll] }
//   expenses   = { [medical_self_paid], [education] }
//   obligor    = { id, relation, [monthly_income], [assets_within_limits], [status: [enum]] }
//   enrolment  = { program, [member], since, monthly, [last_review], [phase_out_until] }
//
// Every violation is collected (not just the first), in document order; a required field's absence is reported
// when its object ends. An optional field given as null counts as absent (null is how producers write
// "unknown"); a required one given as null is wrong_type. Cross-field facts that do not stop evaluation (head
// count, enrolments naming unknown members or repeating) become data issues once the household is valid.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/did_you_mean.h"
#include "base/id_number.h"
#include "input/enum_names.h"
#include "input/fields.h"
#include "input/node.h"
#include "input/number_text.h"
#include "jiuzhu/household.h"
#include "jiuzhu/household_reader.h"

namespace jiuzhu::input {

// Money is below 10^12 yuan: at most 12 digits before the point.
inline constexpr int kMaxMoneyIntegerDigits = 12;
inline constexpr int kMaxMoneyDecimals = 2;
// Non-money quantities (years, m²) may be finer than the fen, within what Num holds exactly.
inline constexpr int kMaxQuantityDecimals = 18;

// Appends `[index]` or `.field` to a path for the scope's lifetime; the path buffer is reused, so building
// paths allocates nothing once warm.
class PathScope {
 public:
  PathScope(std::string& path, std::string_view field) : path_(path), size_(path.size()) {
    if (!path.empty()) path.push_back('.');
    path.append(field);
  }
  PathScope(std::string& path, size_t index) : path_(path), size_(path.size()) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, index).ptr;
    path.push_back('[');
    path.append(digits, end);
    path.push_back(']');
  }
  ~PathScope() { path_.resize(size_); }
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;

 private:
  std::string& path_;
  size_t size_;
};

// Buffers a reader keeps between households.
struct ValidatorScratch {
  std::string path;
  std::string number;
};

// Text quoted for a message, cut at a UTF-8 boundary so a huge value does not flood the error.
std::string Quoted(std::string_view text);
// "a、b、c" and "a, b, c".
std::string JoinZh(const std::vector<std::string_view>& names);
std::string JoinEn(const std::vector<std::string_view>& names);
// Appends `text` as a JSON string literal.
void AppendJsonString(std::string_view text, std::string& out);
// The value as compact JSON text (for `ext`); numbers keep their source text.
template <class Node>
void AppendJson(const Node& node, std::string& out);

template <class Node>
class Validator {
 public:
  Validator(Household& out, ReadResult& result, ValidatorScratch& scratch)
      : out_(out), result_(result), path_(scratch.path), number_(scratch.number) {
    path_.clear();
  }

  // Fills out_ from a whole document; result_.ok tells whether it keeps to the contract.
  void ReadDocument(const Node& root) {
    if (root.kind() != NodeKind::kObject) {
      Error("not_object", fmt::format("家庭数据应为对象，实为{}", KindNameZh(root.kind())),
            fmt::format("a household must be an object, found {}", KindName(root.kind())));
    } else {
      ReadHousehold(root);
      if (result_.errors.empty()) {
        CheckHeads();
        CheckEnrolments();
      }
    }
    result_.ok = result_.errors.empty();
  }

 private:
  // ---- objects -------------------------------------------------------------------------------------------

  void ReadHousehold(const Node& node) {
    ForFields(node, HouseholdFields(), [&](int field, const Node& v) {
      switch (field) {
        case kHhId:
          if (String(v, out_.id)) result_.household_id = out_.id;
          break;
        case kHhRegion: ReadRegion(v); break;
        case kHhHukou: Enum(v, ParseHukou, HukouNames(), out_.hukou); break;
        case kHhGrid: String(v, out_.grid); break;
        case kHhMembers: ReadMembers(v); break;
        case kHhAssets: ReadAssets(v); break;
        case kHhExpenses: ReadExpenses(v); break;
        case kHhObligors:
          ForElements(v, [&](size_t, const Node& item) { ReadObligor(item, out_.obligors.emplace_back()); });
          break;
        case kHhEnrolments:
          ForElements(v, [&](size_t, const Node& item) { ReadEnrolment(item, out_.enrolments.emplace_back()); });
          break;
        case kHhExt: ReadExt(v); break;
      }
    });
  }

  void ReadRegion(const Node& v) {
    std::string_view text;
    if (!StringView(v, text)) return;
    bool digits = text.size() == 6 || text.size() == 9 || text.size() == 12;
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    if (!digits) {
      Error("bad_region", fmt::format("行政区划代码应为 6、9 或 12 位数字，实为 {}", Quoted(text)),
            fmt::format("region must be 6, 9 or 12 digits, found {}", Quoted(text)));
      return;
    }
    out_.region.assign(text);
  }

  void ReadMembers(const Node& v) {
    if (v.kind() == NodeKind::kArray && v.size() == 0) {
      Error("no_members", "家庭至少应有一名成员 (members 为空)",
            "a household needs at least one member, found an empty array");
      return;
    }
    ForElements(v, [&](size_t index, const Node& item) { ReadMember(item, index); });
  }

  void ReadMember(const Node& node, size_t index) {
    Member& m = out_.members.emplace_back();
    bool id_ok = false;
    std::optional<Date> declared_birth;
    std::optional<Sex> declared_sex;
    ForFields(node, MemberFields(), [&](int field, const Node& v) {
      switch (field) {
        case kMId: id_ok = ReadMemberId(v, index, m); break;
        case kMName: String(v, m.name); break;
        case kMRelation: Enum(v, ParseRelation, RelationNames(), m.relation); break;
        case kMBirthDate: {
          Date date;
          if (DateValue(v, date)) declared_birth = date;
          break;
        }
        case kMSex: {
          Sex sex = Sex::kMale;  // set by Enum when it returns true
          if (Enum(v, ParseSex, SexNames(), sex)) declared_sex = sex;
          break;
        }
        case kMSchoolLevel: Enum(v, ParseSchoolLevel, SchoolLevelNames(), m.school_level); break;
        case kMImprisoned: Bool(v, m.imprisoned); break;
        case kMCompulsoryRehab: Bool(v, m.compulsory_rehab); break;
        case kMDeclaredMissing: Bool(v, m.declared_missing); break;
        case kMReligiousAwayYears: Quantity(v, m.religious_away_years); break;
        case kMDeceasedOn: DateValue(v, m.deceased_on.emplace()); break;
        case kMDisability: ReadDisability(v, m.disability.emplace()); break;
        case kMSeriousIllness: Bool(v, m.serious_illness); break;
        case kMSelfCare: Enum(v, ParseSelfCare, SelfCareNames(), m.self_care); break;
        case kMInstitutionalCare: Bool(v, m.institutional_care); break;
        case kMOrphanSupport: Bool(v, m.orphan_support); break;
        case kMWorkInjuryCareFee: Bool(v, m.work_injury_care_fee); break;
        case kMOtherCareAllowance: Money(v, m.other_care_allowance); break;
        case kMIncomes:
          ForElements(v, [&](size_t, const Node& item) { ReadIncome(item, m.incomes.emplace_back()); });
          break;
      }
    });
    if (id_ok) CompareWithId(m, declared_birth, declared_sex);
  }

  // The id is checked and normalised; birth date and sex come from it. False when it is not usable.
  bool ReadMemberId(const Node& v, size_t index, Member& m) {
    if (!IdNumber(v, m.id, m.birth_date, m.sex)) return false;
    for (size_t j = 0; j < index; ++j) {
      if (out_.members[j].id == m.id) {
        Error("duplicate_member", fmt::format("身份证号 {} 与 members[{}] 重复", m.id, j),
              fmt::format("id {} is already used by members[{}]", m.id, j));
        return false;
      }
    }
    return true;
  }

  // A declared birth_date or sex that disagrees with the id is kept as a data issue; the id wins (household.md).
  void CompareWithId(const Member& m, const std::optional<Date>& birth, const std::optional<Sex>& sex) {
    if (birth && *birth != m.birth_date) {
      Issue(Join(path_, "birth_date"), "birth_date_mismatch",
            fmt::format("出生日期 {} 与身份证号中的 {} 不一致，采用身份证号", birth->ToString(), m.birth_date.ToString()),
            fmt::format("birth_date {} differs from {} in the id; the id's date is used", birth->ToString(),
                        m.birth_date.ToString()));
    }
    if (sex && *sex != m.sex) {
      Issue(Join(path_, "sex"), "sex_mismatch",
            fmt::format("性别 {} 与身份证号中的 {} 不一致，采用身份证号", Name(*sex), Name(m.sex)),
            fmt::format("sex {} differs from {} given by the id; the id's sex is used", Name(*sex), Name(m.sex)));
    }
  }

  void ReadDisability(const Node& node, Disability& d) {
    bool care_given = false;
    ForFields(node, DisabilityFields(), [&](int field, const Node& v) {
      switch (field) {
        case kDCategory: Enum(v, ParseDisabilityCategory, DisabilityCategoryNames(), d.category); break;
        case kDGrade: ReadGrade(v, d.grade); break;
        case kDCertificate: String(v, d.certificate); break;
        case kDNeedsLongTermCare: care_given = Bool(v, d.needs_long_term_care); break;
      }
    });
    if (!care_given) d.needs_long_term_care = d.grade <= 2;
  }

  void ReadGrade(const Node& v, int& grade) {
    DecimalText number;
    if (!NumberValue(v, number)) return;
    if (number.decimals > 0) {
      NotInteger(number);
      return;
    }
    if (number.negative || number.integer_digits != 1 || number.plain[0] < '1' || number.plain[0] > '4') {
      Error("bad_grade", fmt::format("残疾等级应为 1 至 4 的整数，实为 {}", number.plain),
            fmt::format("disability grade must be an integer from 1 to 4, found {}", number.plain));
      return;
    }
    grade = number.plain[0] - '0';
  }

  void ReadIncome(const Node& node, Income& income) {
    ForFields(node, IncomeFields(), [&](int field, const Node& v) {
      switch (field) {
        case kIKind: Enum(v, ParseIncomeKind, IncomeKindNames(), income.kind); break;
        case kIMonthly: Money(v, income.monthly); break;
        case kIIrregular: Bool(v, income.irregular); break;
      }
    });
  }

  void ReadAssets(const Node& node) {
    Assets& a = out_.assets;
    ForFields(node, AssetsFields(), [&](int field, const Node& v) {
      switch (field) {
        case kADeposits: Money(v, a.deposits); break;
        case kASecurities: Money(v, a.securities); break;
        case kAVehicles:
          ForElements(v, [&](size_t, const Node& item) { ReadVehicle(item, a.vehicles.emplace_back()); });
          break;
        case kAHouses:
          ForElements(v, [&](size_t, const Node& item) { ReadHouse(item, a.houses.emplace_back()); });
          break;
        case kABusinesses: Count(v, a.businesses); break;
        case kAPublicPayroll: Bool(v, a.public_payroll); break;
      }
    });
  }

  void ReadVehicle(const Node& node, Vehicle& vehicle) {
    ForFields(node, VehicleFields(), [&](int field, const Node& v) {
      switch (field) {
        case kVKind: Enum(v, ParseVehicleKind, VehicleKindNames(), vehicle.kind); break;
        case kVValue: Money(v, vehicle.value); break;
        case kVForDisability: Bool(v, vehicle.for_disability); break;
      }
    });
  }

  void ReadHouse(const Node& node, House& house) {
    ForFields(node, HouseFields(), [&](int field, const Node& v) {
      switch (field) {
        case kHoAreaM2: Quantity(v, house.area_m2); break;
        case kHoPurpose: Enum(v, ParseHousePurpose, HousePurposeNames(), house.purpose); break;
      }
    });
  }

  void ReadExpenses(const Node& node) {
    ForFields(node, ExpensesFields(), [&](int field, const Node& v) {
      switch (field) {
        case kEMedicalSelfPaid: Money(v, out_.expenses.medical_self_paid); break;
        case kEEducation: Money(v, out_.expenses.education); break;
      }
    });
  }

  void ReadObligor(const Node& node, Obligor& o) {
    ForFields(node, ObligorFields(), [&](int field, const Node& v) {
      switch (field) {
        case kOId: {
          Sex ignored;
          IdNumber(v, o.id, o.birth_date, ignored);
          break;
        }
        case kORelation: Enum(v, ParseObligorRelation, ObligorRelationNames(), o.relation); break;
        case kOMonthlyIncome: Money(v, o.monthly_income.emplace()); break;
        case kOAssetsWithinLimits: Bool(v, o.assets_within_limits.emplace()); break;
        case kOStatus:
          ForElements(v, [&](size_t, const Node& item) {
            ObligorStatusBit bit = kObligorTekun;  // set by Enum when it returns true
            if (Enum(item, ParseObligorStatus, ObligorStatusNames(), bit)) o.status |= bit;
          });
          break;
      }
    });
  }

  void ReadEnrolment(const Node& node, Enrolment& e) {
    bool review_given = false;
    ForFields(node, EnrolmentFields(), [&](int field, const Node& v) {
      switch (field) {
        case kEnProgram: ReadProgram(v, e.program); break;
        case kEnMember:
          // Compared with member ids, which are normalised to an upper-case X.
          if (String(v, e.member) && e.member.size() == 18 && e.member[17] == 'x') e.member[17] = 'X';
          break;
        case kEnSince: DateValue(v, e.since); break;
        case kEnMonthly: Money(v, e.monthly); break;
        case kEnLastReview: review_given = DateValue(v, e.last_review); break;
        case kEnPhaseOutUntil: DateValue(v, e.phase_out_until.emplace()); break;
      }
    });
    if (!review_given) e.last_review = e.since;
  }

  void ReadProgram(const Node& v, std::string& program) {
    std::string_view text;
    if (!StringView(v, text)) return;
    if (!IsEnrolmentProgram(text)) {
      BadEnum(text, EnrolmentProgramNames());
      return;
    }
    program.assign(text);
  }

  void ReadExt(const Node& v) {
    if (v.kind() != NodeKind::kObject) {
      WrongType(v, "object", "对象");
      return;
    }
    AppendJson(v, out_.ext_json);
  }

  // ---- data issues (the household is valid) --------------------------------------------------------------

  void CheckHeads() {
    int heads = 0;
    for (size_t i = 0; i < out_.members.size(); ++i) {
      if (out_.members[i].relation != Relation::kHead || ++heads != 2) continue;
      Issue(fmt::format("members[{}].relation", i), "multiple_heads", "户主不止一名，按第一名户主处理",
            "more than one member has relation head; the first one is taken as head");
    }
    if (heads == 0) {
      Issue("members", "no_head", "家庭成员中没有户主 (relation 为 head)", "no member has relation head");
    }
  }

  void CheckEnrolments() {
    const auto& enrolments = out_.enrolments;
    for (size_t i = 0; i < enrolments.size(); ++i) {
      const Enrolment& e = enrolments[i];
      if (!e.member.empty() && !HasMember(e.member)) {
        Issue(fmt::format("enrolments[{}].member", i), "unknown_enrolment_member",
              fmt::format("享受待遇的成员 {} 不在本户成员中", e.member),
              fmt::format("member {} is not a member of this household", e.member));
      }
      for (size_t j = 0; j < i; ++j) {
        if (enrolments[j].program != e.program || enrolments[j].member != e.member) continue;
        Issue(fmt::format("enrolments[{}]", i), "duplicate_enrolment",
              fmt::format("与 enrolments[{}] 为同一项目 {} 和同一对象，重复登记", j, e.program),
              fmt::format("same program {} and scope as enrolments[{}]", e.program, j));
        break;
      }
    }
  }

  bool HasMember(std::string_view id) const {
    for (const Member& m : out_.members) {
      if (m.id == id) return true;
    }
    return false;
  }

  // ---- structure -----------------------------------------------------------------------------------------

  // Calls on_field(field index, value) for each known, non-null field in document order, with the path
  // pointing at it; reports unknown and repeated fields, then the missing required ones.
  template <class OnField>
  void ForFields(const Node& node, const FieldTable& table, OnField&& on_field) {
    if (node.kind() != NodeKind::kObject) {
      WrongType(node, "object", "对象");
      return;
    }
    uint32_t seen = 0;
    node.ForEachField([&](std::string_view key, const Node& value) {
      PathScope scope(path_, key);
      const int field = table.Find(key);
      if (field < 0) {
        UnknownField(key, table);
        return;
      }
      const uint32_t bit = 1u << field;
      if (seen & bit) {
        Error(Node::kSyntaxCode, fmt::format("字段 {} 重复出现", Quoted(key)),
              fmt::format("field {} appears twice in one object", Quoted(key)));
        return;
      }
      seen |= bit;
      if (value.kind() == NodeKind::kNull) {
        if (table.required & bit) WrongType(value, "a value", "非空值");
        return;
      }
      on_field(field, value);
    });
    for (size_t i = 0; i < table.names.size(); ++i) {
      if ((table.required & (1u << i)) == 0 || (seen & (1u << i)) != 0) continue;
      PathScope scope(path_, table.names[i]);
      Error("missing_field", fmt::format("缺少必填字段 {}", Quoted(table.names[i])),
            fmt::format("required field {} is missing", Quoted(table.names[i])));
    }
  }

  // Calls on_item(index, item) for each element of an array, with the path pointing at it.
  template <class OnItem>
  void ForElements(const Node& node, OnItem&& on_item) {
    if (node.kind() != NodeKind::kArray) {
      WrongType(node, "array", "数组");
      return;
    }
    node.ForEachElement([&](size_t index, const Node& item) {
      PathScope scope(path_, index);
      on_item(index, item);
    });
  }

  // ---- values: each returns false after reporting when the value breaks the contract ---------------------

  bool StringView(const Node& v, std::string_view& out) {
    const std::optional<std::string_view> text = v.StringLike();
    if (!text) return WrongType(v, "string", "字符串");
    out = *text;
    return true;
  }

  bool String(const Node& v, std::string& out) {
    std::string_view text;
    if (!StringView(v, text)) return false;
    out.assign(text);
    return true;
  }

  template <class E>
  bool Enum(const Node& v, std::optional<E> (*parse)(std::string_view), const std::vector<std::string_view>& names,
            E& out) {
    std::string_view text;
    if (!StringView(v, text)) return false;
    const std::optional<E> value = parse(text);
    if (!value) return BadEnum(text, names);
    out = *value;
    return true;
  }

  bool Bool(const Node& v, bool& out) {
    if (v.kind() != NodeKind::kBool) return WrongType(v, "boolean (true/false)", "布尔值 (true/false)");
    out = v.boolean();
    return true;
  }

  template <class D>  // Date or std::optional<Date>
  bool DateValue(const Node& v, D& out) {
    std::string_view text;
    if (!StringView(v, text)) return false;
    const std::optional<Date> date = Date::Parse(text);
    if (!date) {
      return Error("bad_date", fmt::format("日期 {} 无效，应为 YYYY-MM-DD 格式的真实日期", Quoted(text)),
                   fmt::format("invalid date {}, expected a real date as YYYY-MM-DD", Quoted(text)));
    }
    out = *date;
    return true;
  }

  bool NumberValue(const Node& v, DecimalText& number) {
    if (v.kind() != NodeKind::kNumber || !ParseNumberText(v.text(), number_, number)) {
      return WrongType(v, "number", "数字");
    }
    return true;
  }

  // Money: yuan, ≥ 0, at most two decimals, below 10^12. Trailing zeros are not decimals (1.500 is 1.5).
  bool Money(const Node& v, Num& out) {
    DecimalText number;
    if (!NumberValue(v, number) || !NotNegative(number)) return false;
    if (number.decimals > kMaxMoneyDecimals) {
      return Error("too_many_decimals", fmt::format("金额最多两位小数，实为 {}", v.text()),
                   fmt::format("money has at most two decimals, found {}", v.text()));
    }
    if (number.integer_digits > kMaxMoneyIntegerDigits) return TooLarge(v, "10^12");
    const std::optional<Num> value = Num::ParseDecimal(number.plain, kMaxMoneyDecimals);
    if (!value) return TooLarge(v, "10^12");
    out = *value;
    return true;
  }

  // A non-money number ≥ 0 (years, m²).
  bool Quantity(const Node& v, Num& out) {
    DecimalText number;
    if (!NumberValue(v, number) || !NotNegative(number)) return false;
    if (number.decimals > kMaxQuantityDecimals) {
      return Error("too_many_decimals", fmt::format("小数位数过多 (最多 {} 位)，实为 {}", kMaxQuantityDecimals, v.text()),
                   fmt::format("at most {} decimals, found {}", kMaxQuantityDecimals, v.text()));
    }
    const std::optional<Num> value = Num::ParseDecimal(number.plain, kMaxQuantityDecimals);
    if (!value) return TooLarge(v, "the exact range of the engine (引擎可精确表示的范围)");
    out = *value;
    return true;
  }

  // An integer count ≥ 0.
  bool Count(const Node& v, int64_t& out) {
    DecimalText number;
    if (!NumberValue(v, number) || !NotNegative(number)) return false;
    if (number.decimals > 0) return NotInteger(number);
    const std::optional<Num> value = Num::ParseDecimal(number.plain, 0);
    if (!value) return TooLarge(v, "2^63");
    out = value->num();
    return true;
  }

  bool NotNegative(const DecimalText& number) {
    if (!number.negative) return true;
    return Error("negative", fmt::format("不能为负数，实为 {}", number.plain),
                 fmt::format("must not be negative, found {}", number.plain));
  }

  // An 18-character 公民身份号码: format, then birth date, then check digit (base/id_number.h says why).
  bool IdNumber(const Node& v, std::string& id, Date& birth, Sex& sex) {
    std::string_view text;
    if (!StringView(v, text)) return false;
    const base::IdInfo info = base::CheckIdNumber(text);
    switch (info.problem) {
      case base::IdProblem::kFormat:
        return Error("bad_id", fmt::format("身份证号格式错误，应为 17 位数字加 1 位数字或 X，实为 {}", Quoted(text)),
                     fmt::format("malformed id, expected 17 digits then a digit or X, found {}", Quoted(text)));
      case base::IdProblem::kBirthDate:
        return Error("bad_birth_date", fmt::format("身份证号中的出生日期 {} 不存在", text.substr(6, 8)),
                     fmt::format("birth date {} inside the id is not a real date", text.substr(6, 8)));
      case base::IdProblem::kCheckDigit:
        return Error("bad_check_digit", fmt::format("身份证号校验位应为 {}，实为 {}", info.expected_check, text[17]),
                     fmt::format("check digit should be {}, found {}", info.expected_check, text[17]));
      case base::IdProblem::kNone: break;
    }
    id.assign(text);
    if (id[17] == 'x') id[17] = 'X';
    birth = info.birth;
    sex = info.sex;
    return true;
  }

  // ---- reporting -----------------------------------------------------------------------------------------

  // Records an error at the current path; returns false so value readers can `return Error(...)`.
  bool Error(std::string_view code, std::string_view zh, std::string_view en) {
    result_.errors.push_back(HouseholdError{path_, std::string(code), Message(path_, zh, en)});
    return false;
  }

  void Issue(std::string path, std::string_view code, std::string_view zh, std::string_view en) {
    std::string message = Message(path, zh, en);
    out_.input_issues.push_back(DataIssue{std::move(path), std::string(code), std::move(message)});
  }

  static std::string Message(std::string_view path, std::string_view zh, std::string_view en) {
    if (path.empty()) return fmt::format("{} ({})", zh, en);
    return fmt::format("{}: {} ({})", path, zh, en);
  }

  static std::string Join(std::string_view path, std::string_view field) { return fmt::format("{}.{}", path, field); }

  bool WrongType(const Node& v, std::string_view expected_en, std::string_view expected_zh) {
    std::string found_en(KindName(v.kind()));
    std::string found_zh(KindNameZh(v.kind()));
    if (v.kind() == NodeKind::kString || v.kind() == NodeKind::kNumber) {
      const std::string shown = v.kind() == NodeKind::kString ? Quoted(v.text()) : std::string(v.text());
      found_en += " " + shown;
      found_zh += " " + shown;
    }
    return Error("wrong_type", fmt::format("类型错误，应为{}，实为{}", expected_zh, found_zh),
                 fmt::format("wrong type: expected {}, found {}", expected_en, found_en));
  }

  bool NotInteger(const DecimalText& number) {
    return Error("wrong_type", fmt::format("应为整数，实为 {}", number.plain),
                 fmt::format("expected an integer, found {}", number.plain));
  }

  bool TooLarge(const Node& v, std::string_view limit) {
    return Error("too_large", fmt::format("数值过大，应小于 {}，实为 {}", limit, v.text()),
                 fmt::format("too large: must be below {}, found {}", limit, v.text()));
  }

  bool BadEnum(std::string_view text, const std::vector<std::string_view>& names) {
    const std::vector<std::string_view> close = base::DidYouMean(text, names, 1);
    const std::string hint_zh = close.empty() ? "" : fmt::format("；是否应为 '{}'？", close[0]);
    const std::string hint_en = close.empty() ? "" : fmt::format("; did you mean '{}'?", close[0]);
    return Error("bad_enum", fmt::format("未知取值 {}，应为 {} 之一{}", Quoted(text), JoinZh(names), hint_zh),
                 fmt::format("unknown value {}, expected one of {}{}", Quoted(text), JoinEn(names), hint_en));
  }

  void UnknownField(std::string_view key, const FieldTable& table) {
    const std::vector<std::string_view> close = base::DidYouMean(key, table.names, 1);
    const std::string hint_zh = close.empty() ? "" : fmt::format("；是否应为 '{}'？", close[0]);
    const std::string hint_en = close.empty() ? "" : fmt::format("; did you mean '{}'?", close[0]);
    Error("unknown_field", fmt::format("未知字段 {}{}", Quoted(key), hint_zh),
          fmt::format("unknown field {}{}", Quoted(key), hint_en));
  }

  Household& out_;
  ReadResult& result_;
  std::string& path_;
  std::string& number_;
};

template <class Node>
void AppendJson(const Node& node, std::string& out) {
  switch (node.kind()) {
    case NodeKind::kNull: out += "null"; break;
    case NodeKind::kBool: out += node.boolean() ? "true" : "false"; break;
    case NodeKind::kNumber: out += node.text(); break;
    case NodeKind::kString: AppendJsonString(node.text(), out); break;
    case NodeKind::kArray:
      out += '[';
      node.ForEachElement([&](size_t index, const Node& item) {
        if (index > 0) out += ',';
        AppendJson(item, out);
      });
      out += ']';
      break;
    case NodeKind::kObject: {
      out += '{';
      bool first = true;
      node.ForEachField([&](std::string_view key, const Node& value) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(key, out);
        out += ':';
        AppendJson(value, out);
      });
      out += '}';
      break;
    }
  }
}

}  // namespace jiuzhu::input
