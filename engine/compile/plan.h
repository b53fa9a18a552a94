// The compiled rule pack (RulePack): immutable after loading, shared by every thread.
// Expressions are typed nodes in one flat vector with every name already resolved to a slot, field id,
// parameter id or derived-value id: evaluation does no string look-ups and never touches YAML.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eval/value.h"
#include "jiuzhu/date.h"

namespace jiuzhu {
namespace plan {

enum class Type : uint8_t {
  kBool, kNumber, kMoney, kDate, kEnum, kText, kSet,
  kMember, kIncome, kObligor, kVehicle, kHouse, kAssets, kExpenses,
  kMemberList, kIncomeList, kObligorList, kVehicleList, kHouseList,
};

struct TypeInfo {
  Type type = Type::kBool;
  Domain domain = Domain::kNone;  // kEnum and kSet
  bool literal = false;           // a number literal adapts to money
  friend bool operator==(TypeInfo a, TypeInfo b) { return a.type == b.type && a.domain == b.domain; }
};

std::string TypeName(TypeInfo t);

#define JIUZHU_OPS(X)                                                          \
  X(kConst) X(kParam) X(kDerived) X(kMemberDerived) X(kObligorDerived) X(kVar) \
  X(kHouseholdField) X(kMemberField) X(kIncomeField) X(kObligorField)          \
  X(kVehicleField) X(kHouseField) X(kNeg) X(kNot) X(kAdd) X(kSub) X(kMul)      \
  X(kDiv) X(kLt) X(kLe) X(kGt) X(kGe) X(kEq) X(kNe) X(kAnd) X(kOr) X(kIn)      \
  X(kIf) X(kAggregate) X(kCall)

enum class Op : uint8_t {
#define JIUZHU_OP_ENUM(name) name,
  JIUZHU_OPS(JIUZHU_OP_ENUM)
#undef JIUZHU_OP_ENUM
};
const char* OpName(Op op);

enum class Agg : uint8_t { kCount, kSum, kAny, kAll, kMin, kMax };
enum class Fn : uint8_t {
  kMax, kMin, kAbs, kKnown, kCoalesce, kAddMonths, kEndOfMonth, kMonthsBetween, kDate,
  kStatusOf, kEligible, kAmountOf, kInPhaseOut, kUnknownFact,
};

struct Node {
  Op op = Op::kConst;
  TypeInfo type;
  uint16_t a = 0;  // field / param / derived / var slot / function / aggregate kind
  uint16_t b = 0;  // aggregate: var slot; call: argument count
  std::array<int32_t, 3> kids = {-1, -1, -1};  // call: kids[0] = index of the first argument in RulePack::args
  int32_t konst = -1;                           // kConst: index in RulePack::consts
};

// One literal piece or one placeholder of a message template.
struct MessagePart {
  std::string text;
  int value = -1;  // index into the rule's values; -1 for literal text
};
struct Message {
  std::vector<MessagePart> zh, en;
  bool present = false;
};

struct Rule {
  std::string id;
  std::string file;  // where it is written, for reports (`rules test` coverage)
  int line = 0, column = 0;
  int when = -1;
  int test = -1;
  std::vector<std::string> value_names;
  std::vector<int> value_nodes;
  Message pass, fail, unknown;
  std::string basis;
  int layer = 0;  // the pack (RulePack::layers) that wrote it: resolved here, read by a Reason as is
};

struct PhaseOut {
  bool present = false;
  int applies = -1, grant = -1, until = -1;
  Message pass, fail;
  std::string basis;
  std::string rule_id;  // "<entry>.phase_out"
  int layer = 0;        // the pack that wrote the entry
  std::string file;
  int line = 0, column = 0;
};

struct Notice {
  std::string code;
  int when = -1;
  Message message;  // no placeholders
  std::string basis;
};

// A program entry: one result per household (household scope) or per chosen member (member scope).
struct Entry {
  std::string id;
  std::string program;
  std::string title_zh, title_en;
  bool member_scope = false;
  int member_slot = -1;  // var slot of `m`
  int for_each = -1;
  int exception_of = -1;
  std::vector<Rule> rules;
  int amount = -1;
  int review_months = -1;
  PhaseOut phase_out;
  std::vector<Notice> notices;
};

struct Derived {
  std::string name;
  int root = -1;
  int scope = 0;  // 0 household, 1 member, 2 obligor
  int slot = -1;  // var slot of `m` / `o`
  TypeInfo type;
  bool by_person = false;  // obligor scope: the same for every member the person is an obligor of (memoised)
};

// A parameter's dated values per region. Values are indexed by key: 0 "value", then per dimension combination.
struct ParamValue {
  Date from;
  int layer = 0;  // the pack (RulePack::layers) this dated value comes from
  std::vector<Value> by_key;  // one per key of Param::keys; kUnknown where the entry has no such key
};
struct ParamRegionValues {
  int region = -1;  // index in RulePack::regions, -1 national
  std::vector<ParamValue> values;  // sorted by `from`
};
struct Param {
  std::string name;
  std::string title_zh, title_en;
  TypeInfo type;
  bool by_hukou = false;
  bool by_setting = false;
  std::vector<std::string> keys;  // "value", "urban", "rural", "urban.dispersed", ...
  // Key indexes to try, most specific first, by [hukou: 0 urban, 1 rural][setting: 0 dispersed, 1 institutional].
  std::array<std::array<std::vector<int>, 2>, 2> candidates;
  std::vector<ParamRegionValues> regions;
};

struct Region {
  std::string code;         // 6 digits as declared
  std::string significant;  // trailing "00" pairs removed: "5105"
  std::string name;
};

}  // namespace plan

class RulePack {
 public:
  std::string version;  // rules_version
  std::string name;
  // The packs of a local-pack chain, bottom first (one for a plain pack). A Reason names the layer of its rule
  // and of the parameter values it shows only when there is more than one.
  std::vector<std::string> layers;
  std::vector<std::pair<std::string, std::string>> sources;  // (key, text) of every file: what a run stores
  std::vector<plan::Node> nodes;
  std::vector<int32_t> args;
  std::vector<Value> consts;
  std::vector<std::string> texts;  // kText constants
  std::vector<plan::Param> params;
  std::vector<plan::Derived> derived;
  std::vector<plan::Entry> entries;
  std::vector<int> order;  // entry indexes in output order
  std::vector<plan::Region> regions;  // sorted by significant length, longest first
  int var_slots = 0;
  int rounding_param = -1;  // money.rounding, if declared
};

}  // namespace jiuzhu
