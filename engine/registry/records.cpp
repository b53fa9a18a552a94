#include "registry/records.h"

#include "base/id_number.h"

#include <fmt/format.h>

#include <algorithm>
#include <compare>
#include <cstddef>
#include <iterator>
#include <optional>
#include <tuple>

#include "input/enum_names.h"
#include "jiuzhu/num.h"

namespace jiuzhu::registry {
namespace {

// ---------------------------------------------------------------------------------------------------------
// The contract's table: which department sends which kind, and what its value looks like.

enum class Kind : uint8_t {
  kDeath, kImprisoned, kCertificate, kCertificateRevoked, kSelfPaid, kEnrolled, kVehicle, kBusiness,
  kPublicPayroll, kWage, kPension, kHouse
};
constexpr int kKindCount = 12;

enum class Shape : uint8_t { kEmpty, kCategoryGrade, kVehicle, kMoney, kArea, kSchoolLevel, kText };

struct KindInfo {
  std::string_view kind;
  std::string_view source;
  Shape shape;
};

// Indexed by Kind, in registry.md's order.
constexpr KindInfo kKinds[kKindCount] = {
    {"death", "public_security", Shape::kEmpty},
    {"imprisoned", "public_security", Shape::kEmpty},
    {"certificate", "disability_federation", Shape::kCategoryGrade},
    {"certificate_revoked", "disability_federation", Shape::kEmpty},
    {"self_paid", "medical_insurance", Shape::kMoney},
    {"enrolled", "education", Shape::kSchoolLevel},
    {"vehicle", "vehicle_registry", Shape::kVehicle},
    {"business", "business_registry", Shape::kText},
    {"public_payroll", "payroll", Shape::kMoney},
    {"wage", "social_security", Shape::kMoney},
    {"pension", "social_security", Shape::kMoney},
    {"house", "real_estate", Shape::kArea},
};

struct SourceInfo {
  std::string_view source;
  std::string_view zh;  // the department as a caseworker names it
};

constexpr SourceInfo kSources[] = {
    {"public_security", "公安"},        {"disability_federation", "残联"}, {"medical_insurance", "医保"},
    {"education", "教育"},              {"vehicle_registry", "车辆登记"},  {"business_registry", "市场监管"},
    {"payroll", "财政供养"},            {"social_security", "人社"},       {"real_estate", "不动产登记"},
};

constexpr std::string_view kColumns[] = {"source", "person_id", "kind", "date", "value"};
constexpr std::string_view kHeader = "source,person_id,kind,date,value";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::optional<Kind> FindKind(std::string_view kind) {
  for (int i = 0; i < kKindCount; ++i) {
    if (kKinds[i].kind == kind) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

const KindInfo& Info(Kind k) { return kKinds[static_cast<int>(k)]; }

std::string_view DepartmentZh(std::string_view source) {
  for (const SourceInfo& s : kSources) {
    if (s.source == source) return s.zh;
  }
  return source;
}

bool IsSource(std::string_view source) {
  return std::any_of(std::begin(kSources), std::end(kSources),
                     [&](const SourceInfo& s) { return s.source == source; });
}

// ---------------------------------------------------------------------------------------------------------
// Values. Shared by parsing (to reject a malformed row at import) and applying (records come back from the
// registry as text).

// Same limits as money in a household (household.md): yuan, ≥ 0, at most two decimals ("1.500" is 1.5), below
// 10^12.
std::optional<Num> ParseMoney(std::string_view text) {
  if (text.empty() || text.front() == '-') return std::nullopt;
  std::optional<Num> v = Num::ParseDecimal(text);
  if (!v || !(*v * Num::Int(100)).IsInteger() || !(*v < Num::Int(1'000'000'000'000))) return std::nullopt;
  return v;
}

std::optional<Num> ParseArea(std::string_view text) {
  if (text.empty() || text.front() == '-') return std::nullopt;
  return Num::ParseDecimal(text);
}

struct Certificate {
  DisabilityCategory category;
  int grade;
};

std::optional<Certificate> ParseCertificate(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon + 2 != text.size()) return std::nullopt;
  const std::optional<DisabilityCategory> category = ParseDisabilityCategory(text.substr(0, colon));
  const char grade = text.back();
  if (!category || grade < '1' || grade > '4') return std::nullopt;
  return Certificate{*category, grade - '0'};
}

struct VehicleValue {
  VehicleKind kind;
  Num value;
};

std::optional<VehicleValue> ParseVehicleValue(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::optional<VehicleKind> kind = ParseVehicleKind(text.substr(0, colon));
  const std::optional<Num> value = ParseMoney(text.substr(colon + 1));
  if (!kind || !value) return std::nullopt;
  return VehicleValue{*kind, *value};
}

bool IsValueValid(Shape shape, std::string_view value) {
  switch (shape) {
    case Shape::kEmpty: return value.empty();
    case Shape::kCategoryGrade: return ParseCertificate(value).has_value();
    case Shape::kVehicle: return ParseVehicleValue(value).has_value();
    case Shape::kMoney: return ParseMoney(value).has_value();
    case Shape::kArea: return ParseArea(value).has_value();
    case Shape::kSchoolLevel: return ParseSchoolLevel(value).has_value();
    case Shape::kText: return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Parse errors. Built only on the error path, so their allocations do not matter.

std::string Join(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += separator;
    out += n;
  }
  return out;
}

std::vector<std::string_view> KindNames() {
  std::vector<std::string_view> out;
  for (const KindInfo& k : kKinds) out.push_back(k.kind);
  return out;
}

std::vector<std::string_view> SourceNames() {
  std::vector<std::string_view> out;
  for (const SourceInfo& s : kSources) out.push_back(s.source);
  return out;
}

// The found text as shown in a message: quoted, and cut at a character boundary so one huge cell does not make
// a huge report.
std::string Shown(std::string_view text) {
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return fmt::format("\"{}\"", text);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("\"{}…\"", text.substr(0, cut));
}

bool Fail(std::string& error, int64_t line, std::string_view zh, std::string_view en) {
  error = fmt::format("第 {} 行：{} (line {}: {})", line, zh, line, en);
  return false;
}

bool FailValue(std::string& error, int64_t line, Kind kind, std::string_view value) {
  const std::string_view k = Info(kind).kind;
  switch (Info(kind).shape) {
    case Shape::kEmpty:
      return Fail(error, line, fmt::format("{} 记录的 value 列应为空，实为 {}", k, Shown(value)),
                  fmt::format("column value must be empty for kind {}, found {}", k, Shown(value)));
    case Shape::kCategoryGrade: {
      const std::string zh = Join(DisabilityCategoryNames(), "、"), en = Join(DisabilityCategoryNames(), ", ");
      return Fail(error, line,
                  fmt::format("value 列应为 类别:等级，如 physical:2（类别 {}；等级 1–4），实为 {}", zh, Shown(value)),
                  fmt::format("column value must be category:grade, e.g. physical:2 (category one of {}; grade 1–4), "
                              "found {}", en, Shown(value)));
    }
    case Shape::kVehicle: {
      const std::string zh = Join(VehicleKindNames(), "、"), en = Join(VehicleKindNames(), ", ");
      return Fail(error, line,
                  fmt::format("value 列应为 车辆类型:价值，如 car:45000（类型 {}；价值为元，≥ 0，最多两位小数），实为 {}",
                              zh, Shown(value)),
                  fmt::format("column value must be kind:value, e.g. car:45000 (kind one of {}; value in yuan, ≥ 0, at "
                              "most two decimals), found {}", en, Shown(value)));
    }
    case Shape::kMoney:
      return Fail(error, line,
                  fmt::format("{} 记录的 value 列应为金额（元，≥ 0，最多两位小数，小于 10^12），实为 {}", k, Shown(value)),
                  fmt::format("column value must be an amount in yuan for kind {} (≥ 0, at most two decimals, below "
                              "10^12), found {}", k, Shown(value)));
    case Shape::kArea:
      return Fail(error, line, fmt::format("house 记录的 value 列应为面积（平方米，≥ 0），实为 {}", Shown(value)),
                  fmt::format("column value must be an area in m² (≥ 0) for kind house, found {}", Shown(value)));
    case Shape::kSchoolLevel:
      return Fail(error, line,
                  fmt::format("value 列应为学段 {}，实为 {}", Join(SchoolLevelNames(), "、"), Shown(value)),
                  fmt::format("column value must be a school level, one of {}, found {}",
                              Join(SchoolLevelNames(), ", "), Shown(value)));
    case Shape::kText: break;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// CSV (RFC 4180 within one line): fields are written into `fields` (the first five; later ones are only
// counted, to report how many there were).

bool SplitCsv(std::string_view line, int64_t number, std::string* const (&fields)[5], int& count,
              std::string& error) {
  count = 0;
  size_t i = 0;
  for (;;) {
    std::string* target = count < 5 ? fields[count] : nullptr;
    if (target) target->clear();
    ++count;
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size()) {
          return Fail(error, number, fmt::format("第 {} 列的引号没有闭合（字段不能跨行）", count),
                      fmt::format("the quote of column {} is not closed (a field cannot span lines)", count));
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            ++i;  // "" is a literal quote
          } else {
            break;
          }
        }
        if (target) target->push_back(line[i]);
      }
      ++i;  // past the closing quote
      if (i < line.size() && line[i] != ',') {
        return Fail(error, number, fmt::format("第 {} 列的闭合引号后应为逗号或行尾", count),
                    fmt::format("column {}: a closing quote must be followed by a comma or the end of the line", count));
      }
    } else {
      const size_t end = std::min(line.find(',', i), line.size());
      const std::string_view raw = line.substr(i, end - i);
      if (raw.find('"') != std::string_view::npos) {
        return Fail(error, number, fmt::format("第 {} 列含有双引号但未整体加引号（应写作 \"…\"\"…\"）", count),
                    fmt::format("column {} contains a quote but is not quoted (write it as \"…\"\"…\")", count));
      }
      if (target) target->assign(raw);
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // past the comma
  }
}

// 17 digits and a digit or X: the shape of a 公民身份号码. A lower-case x becomes X, as member ids are stored.
bool NormalisePersonId(std::string& id) {
  if (id.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  if (id[17] == 'x') id[17] = 'X';
  return (id[17] >= '0' && id[17] <= '9') || id[17] == 'X';
}

bool CheckSourceAndKind(const Record& r, int64_t number, std::optional<Kind>& kind, std::string& error) {
  if (!IsSource(r.source)) {
    return Fail(error, number,
                fmt::format("source 列应为 {} 之一，实为 {}", Join(SourceNames(), "、"), Shown(r.source)),
                fmt::format("column source must be one of {}, found {}", Join(SourceNames(), ", "), Shown(r.source)));
  }
  kind = FindKind(r.kind);
  if (!kind) {
    return Fail(error, number,
                fmt::format("kind 列应为 {} 之一，实为 {}", Join(KindNames(), "、"), Shown(r.kind)),
                fmt::format("column kind must be one of {}, found {}", Join(KindNames(), ", "), Shown(r.kind)));
  }
  if (Info(*kind).source != r.source) {
    return Fail(error, number,
                fmt::format("{} 记录的 source 列应为 {}，实为 {}", r.kind, Info(*kind).source, Shown(r.source)),
                fmt::format("column source must be {} for kind {}, found {}", Info(*kind).source, r.kind,
                            Shown(r.source)));
  }
  return true;
}

}  // namespace

bool IsRecordsHeader(std::string_view line) {
  if (line.starts_with(kBom)) line.remove_prefix(kBom.size());
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line == kHeader;
}

bool ParseRecordLine(std::string_view line, int64_t line_number, Record& out, std::string& error) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  std::string date_text;  // a valid date fits the small-string buffer: no allocation
  std::string* const fields[5] = {&out.source, &out.person_id, &out.kind, &date_text, &out.value};
  int count = 0;
  if (!SplitCsv(line, line_number, fields, count, error)) return false;
  if (count != 5) {
    return Fail(error, line_number, fmt::format("应有 5 列（{}），实有 {} 列", kHeader, count),
                fmt::format("expected 5 columns ({}), found {}", kHeader, count));
  }
  out.line = line_number;
  std::optional<Kind> kind;
  if (!CheckSourceAndKind(out, line_number, kind, error)) return false;
  if (!NormalisePersonId(out.person_id)) {
    return Fail(error, line_number,
                fmt::format("person_id 列应为 18 位公民身份号码（17 位数字加数字或 X），实为 {}", Shown(out.person_id)),
                fmt::format("column person_id must be an 18-character citizen id (17 digits and a digit or X), "
                            "found {}", Shown(out.person_id)));
  }
  const std::optional<Date> date = Date::Parse(date_text);
  if (!date) {
    return Fail(error, line_number, fmt::format("date 列应为 YYYY-MM-DD 格式的日期，实为 {}", Shown(date_text)),
                fmt::format("column date must be a real date YYYY-MM-DD, found {}", Shown(date_text)));
  }
  out.date = *date;
  if (!IsValueValid(Info(*kind).shape, out.value)) return FailValue(error, line_number, *kind, out.value);
  return true;
}

namespace {

// ---------------------------------------------------------------------------------------------------------
// Applying.

// Order of records for "the latest holds": date, then line, then position in the caller's span (records from
// two files may share a line number; the one loaded later wins).
struct Key {
  Date date;
  int64_t line = 0;
  size_t index = 0;
  friend auto operator<=>(const Key&, const Key&) = default;
};

Key KeyOf(std::span<const Record* const> records, size_t i) { return {records[i]->date, records[i]->line, i}; }

bool IsStateKind(Kind k) { return k != Kind::kVehicle && k != Kind::kHouse && k != Kind::kBusiness; }

// The latest state record of one person per kind slot; certificate and certificate_revoked share the
// kCertificate slot because they are one history.
struct Latest {
  const Record* at[kKindCount] = {};
  Key key[kKindCount];
  const Record* operator[](Kind k) const { return at[static_cast<int>(k)]; }
};

void FindLatest(std::span<const Record* const> records, const std::string& person, Date as_of, Date wage_cutoff,
                Latest& out) {
  out = Latest();
  for (size_t i = 0; i < records.size(); ++i) {
    const Record& r = *records[i];
    if (r.person_id != person || r.date > as_of) continue;
    const std::optional<Kind> kind = FindKind(r.kind);
    if (!kind || !IsStateKind(*kind)) continue;
    if ((*kind == Kind::kWage || *kind == Kind::kPension) && r.date < wage_cutoff) continue;
    const int slot = static_cast<int>(*kind == Kind::kCertificateRevoked ? Kind::kCertificate : *kind);
    const Key key = KeyOf(records, i);
    if (out.at[slot] == nullptr || key > out.key[slot]) {
      out.at[slot] = &r;
      out.key[slot] = key;
    }
  }
}

// A member id as shown in messages: masked like the worklists (first 6 and last 4 digits).
std::string Masked(std::string_view id) { return base::MaskIdNumber(id); }

// "110101********1234 wage 2024-05-01 3500": the record as the department sent it, so the caseworker can find it.
std::string RecordRef(const Record& r) {
  std::string out = fmt::format("{} {} {}", Masked(r.person_id), r.kind, r.date.ToString());
  if (!r.value.empty()) fmt::format_to(std::back_inserter(out), " {}", r.value);
  return out;
}

struct Said {
  std::string zh, en;
};

void Mismatch(std::vector<Flag>& out, std::string_view source, std::string_view member, std::string_view refs,
              const Said& found, const Said& declared) {
  Flag& f = out.emplace_back();
  f.code = "data_mismatch";
  f.member = member;
  f.source = source;
  f.message = fmt::format("{}记录（{}）：{}；申报：{}。已按记录计算，请入户核实", DepartmentZh(source), refs, found.zh,
                          declared.zh);
  f.message_en = fmt::format("{} record ({}): {}; declared: {}. The record is used; verify on the next visit",
                             source, refs, found.en, declared.en);
}

void Mismatch(std::vector<Flag>& out, const Record& r, const Said& found, const Said& declared) {
  Mismatch(out, r.source, r.person_id, RecordRef(r), found, declared);
}

void ApplyDeath(Member& m, const Record& r, std::vector<Flag>& out) {
  if (m.deceased_on == r.date) return;
  const std::string date = r.date.ToString();
  Mismatch(out, r, {fmt::format("{} 死亡", date), fmt::format("died on {}", date)},
           m.deceased_on ? Said{fmt::format("死亡日期 {}", m.deceased_on->ToString()),
                                fmt::format("date of death {}", m.deceased_on->ToString())}
                         : Said{"无死亡日期", "no date of death"});
  m.deceased_on = r.date;
}

void ApplyImprisoned(Member& m, const Record& r, std::vector<Flag>& out) {
  if (m.imprisoned) return;
  const std::string date = r.date.ToString();
  Mismatch(out, r, {fmt::format("服刑（刑期自 {} 起）", date), fmt::format("in prison (sentence from {})", date)},
           {"未服刑", "not imprisoned"});
  m.imprisoned = true;
}

Said DisabilityText(const Disability& d, bool prefixed) {
  return {fmt::format("{}{} {} 级", prefixed ? "残疾 " : "", Name(d.category), d.grade),
          fmt::format("{}{} grade {}", prefixed ? "disability " : "", Name(d.category), d.grade)};
}

void ApplyRevoked(Member& m, const Record& r, std::vector<Flag>& out) {
  if (!m.disability) return;
  Mismatch(out, r, {"残疾人证已注销", "disability certificate revoked"}, DisabilityText(*m.disability, true));
  m.disability.reset();
}

void ApplyCertificate(Member& m, const Record& r, std::vector<Flag>& out) {
  if (r.kind == Info(Kind::kCertificateRevoked).kind) return ApplyRevoked(m, r, out);
  const std::optional<Certificate> c = ParseCertificate(r.value);
  if (!c || (m.disability && m.disability->category == c->category && m.disability->grade == c->grade)) return;
  Mismatch(out, r,
           {fmt::format("残疾人证 {} {} 级", Name(c->category), c->grade),
            fmt::format("disability certificate {} grade {}", Name(c->category), c->grade)},
           m.disability ? DisabilityText(*m.disability, true) : Said{"无残疾", "no disability"});
  // The certificate says nothing about long-term care: keep what was declared unless the grade changed, since
  // the contract's default follows the grade.
  if (!m.disability || m.disability->grade != c->grade) {
    if (!m.disability) m.disability.emplace();
    m.disability->needs_long_term_care = c->grade <= 2;
  }
  m.disability->category = c->category;
  m.disability->grade = c->grade;
}

void ApplyEnrolled(Member& m, const Record& r, std::vector<Flag>& out) {
  const std::optional<SchoolLevel> level = ParseSchoolLevel(r.value);
  if (!level || m.school_level == *level) return;
  Mismatch(out, r, {fmt::format("在学 {}", r.value), fmt::format("enrolled in {}", r.value)},
           m.school_level == SchoolLevel::kNone
               ? Said{"不在学", "not in full-time education"}
               : Said{fmt::format("学段 {}", Name(m.school_level)), fmt::format("school level {}", Name(m.school_level))});
  m.school_level = *level;
}

void ApplyPublicPayroll(Household& h, bool declared, const Record& r, std::vector<Flag>& out) {
  const std::optional<Num> pay = ParseMoney(r.value);
  if (declared || !pay) return;
  Mismatch(out, r,
           {fmt::format("财政供养人员，月工资 {} 元", pay->ToFixed2()),
            fmt::format("paid from public funds, {} yuan a month", pay->ToFixed2())},
           {"无财政供养人员", "no member paid from public funds"});
  h.assets.public_payroll = true;
}

// wage/pension: the department's figure replaces the declared income(s) of that kind when it is higher.
void ApplyIncome(Member& m, IncomeKind kind, const Record& r, std::vector<Flag>& out) {
  const std::optional<Num> value = ParseMoney(r.value);
  if (!value) return;
  Num declared;
  bool irregular = false;
  for (const Income& income : m.incomes) {
    if (income.kind != kind) continue;
    declared = declared + income.monthly;
    irregular = irregular || income.irregular;
  }
  if (!(*value > declared)) return;
  const bool wage = kind == IncomeKind::kWage;
  Mismatch(out, r,
           {fmt::format("{} {} 元", wage ? "月缴费工资" : "月养老金", value->ToFixed2()),
            fmt::format("{} {} yuan", wage ? "monthly contribution wage" : "monthly pension", value->ToFixed2())},
           {fmt::format("{} {} 元/月", wage ? "工资性收入" : "离退休金", declared.ToFixed2()),
            fmt::format("{} income {} yuan a month", Name(kind), declared.ToFixed2())});
  auto first = std::find_if(m.incomes.begin(), m.incomes.end(), [&](const Income& i) { return i.kind == kind; });
  if (first == m.incomes.end()) {
    m.incomes.push_back(Income{kind, *value, false});
    return;
  }
  *first = Income{kind, *value, irregular};
  m.incomes.erase(std::remove_if(first + 1, m.incomes.end(), [&](const Income& i) { return i.kind == kind; }),
                  m.incomes.end());
}

void ApplyMemberRecords(Household& h, Member& m, bool declared_payroll, const Latest& latest,
                        std::vector<Flag>& out) {
  if (const Record* r = latest[Kind::kDeath]) ApplyDeath(m, *r, out);
  if (const Record* r = latest[Kind::kImprisoned]) ApplyImprisoned(m, *r, out);
  if (const Record* r = latest[Kind::kCertificate]) ApplyCertificate(m, *r, out);
  if (const Record* r = latest[Kind::kEnrolled]) ApplyEnrolled(m, *r, out);
  if (const Record* r = latest[Kind::kPublicPayroll]) ApplyPublicPayroll(h, declared_payroll, *r, out);
  if (const Record* r = latest[Kind::kWage]) ApplyIncome(m, IncomeKind::kWage, *r, out);
  if (const Record* r = latest[Kind::kPension]) ApplyIncome(m, IncomeKind::kPension, *r, out);
}

// self_paid is a household figure: the members' latest records are summed. The contributing records are listed
// again only when they contradict the declaration, so the common case builds no text.
void ApplySelfPaid(Household& h, std::span<const Record* const> records, Date as_of, Date wage_cutoff,
                   Num sum, int contributors, std::vector<Flag>& out) {
  if (contributors == 0 || !(sum > h.expenses.medical_self_paid)) return;
  std::string refs;
  const Record* any = nullptr;
  Latest latest;
  for (const Member& m : h.members) {
    FindLatest(records, m.id, as_of, wage_cutoff, latest);
    const Record* r = latest[Kind::kSelfPaid];
    if (r == nullptr) continue;
    if (!refs.empty()) refs += "; ";
    refs += RecordRef(*r);
    any = r;
  }
  Mismatch(out, any->source, contributors == 1 ? std::string_view(any->person_id) : std::string_view(), refs,
           {fmt::format("12 个月医疗自付合计 {} 元", sum.ToFixed2()),
            fmt::format("{} yuan paid out of pocket for medical care over 12 months", sum.ToFixed2())},
           {fmt::format("医疗自付 {} 元", h.expenses.medical_self_paid.ToFixed2()),
            fmt::format("{} yuan of medical costs paid out of pocket", h.expenses.medical_self_paid.ToFixed2())});
  h.expenses.medical_self_paid = sum;
}

bool IsMember(const Household& h, const std::string& id) {
  return std::any_of(h.members.begin(), h.members.end(), [&](const Member& m) { return m.id == id; });
}

// A registration sent twice (same person, kind, date and value — e.g. a file loaded twice) is one registration.
bool IsRepeat(std::span<const Record* const> records, size_t i) {
  const Record& r = *records[i];
  for (size_t j = 0; j < i; ++j) {
    const Record& o = *records[j];
    if (o.date == r.date && o.kind == r.kind && o.person_id == r.person_id && o.value == r.value) return true;
  }
  return false;
}

// Registrations (vehicle/house/business) that `matches` accepts: counts the distinct ones and, when the
// household declared fewer, calls add(record, registered) for the newest ones making up the difference.
template <class Matches, class Add>
void AddUndeclared(const Household& h, std::span<const Record* const> records, Date as_of, int64_t declared,
                   Matches matches, Add add) {
  auto counts = [&](size_t i) {
    const Record& r = *records[i];
    return r.date <= as_of && matches(r) && IsMember(h, r.person_id) && !IsRepeat(records, i);
  };
  int64_t registered = 0;
  for (size_t i = 0; i < records.size(); ++i) registered += counts(i) ? 1 : 0;
  std::optional<Key> bound;  // the previous pick: each pass takes the newest one older than it
  for (int64_t missing = registered - declared; missing > 0; --missing) {
    std::optional<size_t> pick;
    for (size_t i = 0; i < records.size(); ++i) {
      const Key key = KeyOf(records, i);
      if ((bound && key >= *bound) || (pick && key <= KeyOf(records, *pick)) || !counts(i)) continue;
      pick = i;
    }
    bound = KeyOf(records, *pick);
    add(*records[*pick], registered);
  }
}

void ApplyVehicles(Household& h, std::span<const Record* const> records, Date as_of, std::vector<Flag>& out) {
  for (const std::string_view name : VehicleKindNames()) {
    const VehicleKind kind = *ParseVehicleKind(name);
    const auto declared = static_cast<int64_t>(std::count_if(
        h.assets.vehicles.begin(), h.assets.vehicles.end(), [&](const Vehicle& v) { return v.kind == kind; }));
    auto matches = [&](const Record& r) {
      if (r.kind != Info(Kind::kVehicle).kind) return false;
      const std::optional<VehicleValue> v = ParseVehicleValue(r.value);
      return v && v->kind == kind;
    };
    AddUndeclared(h, records, as_of, declared, matches, [&](const Record& r, int64_t registered) {
      const Num value = ParseVehicleValue(r.value)->value;
      Mismatch(out, r,
               {fmt::format("登记 {} 车辆，价值 {} 元（该类共登记 {} 辆）", name, value.ToFixed2(), registered),
                fmt::format("registered {} worth {} yuan ({} of that kind registered)", name, value.ToFixed2(),
                            registered)},
               {fmt::format("{} 车辆 {} 辆", name, declared), fmt::format("{} {} vehicle(s)", declared, name)});
      h.assets.vehicles.push_back(Vehicle{kind, value, false});
    });
  }
}

void ApplyHouses(Household& h, std::span<const Record* const> records, Date as_of, std::vector<Flag>& out) {
  const auto declared = static_cast<int64_t>(h.assets.houses.size());
  auto matches = [&](const Record& r) { return r.kind == Info(Kind::kHouse).kind && ParseArea(r.value); };
  AddUndeclared(h, records, as_of, declared, matches, [&](const Record& r, int64_t registered) {
    const Num area = *ParseArea(r.value);
    Mismatch(out, r,
             {fmt::format("登记房产 {} 平方米（共登记 {} 套）", area.ToString(), registered),
              fmt::format("registered house of {} m² ({} registered)", area.ToString(), registered)},
             {fmt::format("房产 {} 套", declared), fmt::format("{} house(s)", declared)});
    h.assets.houses.push_back(House{area, HousePurpose::kResidence});
  });
}

void ApplyBusinesses(Household& h, std::span<const Record* const> records, Date as_of, std::vector<Flag>& out) {
  const int64_t declared = h.assets.businesses;
  auto matches = [&](const Record& r) { return r.kind == Info(Kind::kBusiness).kind; };
  AddUndeclared(h, records, as_of, declared, matches, [&](const Record& r, int64_t registered) {
    Mismatch(out, r,
             {fmt::format("登记经营主体「{}」（共登记 {} 个）", r.value, registered),
              fmt::format("registered business \"{}\" ({} registered)", r.value, registered)},
             {fmt::format("经营主体 {} 个", declared), fmt::format("{} business(es)", declared)});
    ++h.assets.businesses;
  });
}

}  // namespace

void ApplyRecords(Household& h, std::span<const Record* const> records, Date as_of, int max_age_months,
                  std::vector<Flag>& mismatches) {
  const Date wage_cutoff = as_of.AddMonths(-max_age_months);
  // public_payroll is one household fact fed by each member's record: every record is checked against what the
  // household declared, not against what an earlier member's record already set.
  const bool declared_payroll = h.assets.public_payroll;
  Num self_paid;
  int self_paid_contributors = 0;
  Latest latest;
  for (Member& m : h.members) {
    FindLatest(records, m.id, as_of, wage_cutoff, latest);
    ApplyMemberRecords(h, m, declared_payroll, latest, mismatches);
    if (const Record* r = latest[Kind::kSelfPaid]) {
      self_paid = self_paid + ParseMoney(r->value).value_or(Num());
      ++self_paid_contributors;
    }
  }
  ApplySelfPaid(h, records, as_of, wage_cutoff, self_paid, self_paid_contributors, mismatches);
  ApplyVehicles(h, records, as_of, mismatches);
  ApplyHouses(h, records, as_of, mismatches);
  ApplyBusinesses(h, records, as_of, mismatches);
}

}  // namespace jiuzhu::registry
