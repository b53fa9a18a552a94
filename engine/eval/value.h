// Value: what an expression evaluates to. Small and trivially copyable; an unknown value carries the cause
// (a missing fact or parameter) so that an undetermined result can say what it needs (three-valued logic:
// a missing fact is unknown, not false or zero).
#pragma once

#include <cstdint>

#include "jiuzhu/num.h"

namespace jiuzhu {

// Enumerations the rules can name. Their spellings are the contract's (engine/check/catalog.cpp).
enum class Domain : uint8_t {
  kNone, kRelation, kSex, kSchool, kCategory, kSelfCare, kIncomeKind, kVehicleKind, kHousePurpose,
  kHukou, kStatus, kRounding,
};

struct Value {
  enum class Tag : uint8_t { kUnknown, kBool, kNum, kDate, kEnum, kRef, kSet, kText };
  Tag tag = Tag::kUnknown;
  bool b = false;
  int32_t i = 0;       // date days, enum code, element reference, text constant index; kSet: bit per enum code
  Num n;
  uint32_t cause = 0;  // kUnknown: 1 + index of the cause in the frame's cause table; 0 = no known cause
  uint32_t cause2 = 0;  // a second missing fact or parameter met on the way (both are reported)

  static Value Unknown(uint32_t cause = 0) { Value v; v.cause = cause; return v; }
  static Value Bool(bool x) { Value v; v.tag = Tag::kBool; v.b = x; return v; }
  static Value Number(Num x) {
    if (!x.IsValid()) return Unknown();
    Value v; v.tag = Tag::kNum; v.n = x; return v;
  }
  static Value OfDate(int32_t days) { Value v; v.tag = Tag::kDate; v.i = days; return v; }
  static Value Enum(int code) { Value v; v.tag = Tag::kEnum; v.i = code; return v; }
  static Value Ref(int32_t index) { Value v; v.tag = Tag::kRef; v.i = index; return v; }
  // Every enumeration has fewer than 32 values (tests/eval: "every enumeration fits a set"), so a set is 32 bits
  // kept in `i`: Value stays 32 bytes, which the evaluator returns and copies on every node.
  static Value Set(uint64_t bits) { Value v; v.tag = Tag::kSet; v.i = static_cast<int32_t>(static_cast<uint32_t>(bits)); return v; }
  bool Has(int code) const { return (static_cast<uint32_t>(i) >> code) & 1; }
  static Value Text(int32_t index) { Value v; v.tag = Tag::kText; v.i = index; return v; }
  bool known() const { return tag != Tag::kUnknown; }
  // `this` unknown, `other` possibly unknown too: keep a second cause so both missing inputs are named.
  Value& Also(const Value& other) {
    uint32_t c = other.cause ? other.cause : other.cause2;
    if (!other.known() && c && c != cause && cause2 == 0) cause2 = c;
    return *this;
  }
  bool IsTrue() const { return tag == Tag::kBool && b; }
  bool IsFalse() const { return tag == Tag::kBool && !b; }
};

static_assert(sizeof(Value) == 32, "Value is copied on every node evaluated: keep it small");

}  // namespace jiuzhu
