// A NamedValue with its kind written out (body format 1 throughout; format 2 where the pack does not imply it).
#pragma once

#include "jiuzhu/decision.h"
#include "registry/byte_codec.h"

namespace jiuzhu::registry {

inline void PutValue(ByteWriter& out, const NamedValue& v) {
  out.Byte(static_cast<uint8_t>(v.kind));
  switch (v.kind) {
    case NamedValue::Kind::kBool: out.Bool(v.boolean); break;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney: out.Number(v.number); break;
    case NamedValue::Kind::kDate: out.Day(v.date); break;
    case NamedValue::Kind::kText:
      out.String(v.text);
      out.Byte(v.enumeration);
      out.Signed(v.code);
      break;
    case NamedValue::Kind::kUnknown: break;
  }
}

// Returns false on a kind that does not exist (corrupt bytes).
inline bool GetValue(ByteReader& in, NamedValue& v) {
  const uint8_t kind = in.Byte();
  if (kind > static_cast<uint8_t>(NamedValue::Kind::kText)) return false;
  v.kind = static_cast<NamedValue::Kind>(kind);
  switch (v.kind) {
    case NamedValue::Kind::kBool: v.boolean = in.Byte() != 0; break;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney: v.number = in.Number(); break;
    case NamedValue::Kind::kDate: v.date = in.Day(); break;
    case NamedValue::Kind::kText:
      v.text = std::string(in.String());
      v.enumeration = in.Byte();
      v.code = static_cast<int16_t>(in.Signed());
      break;
    case NamedValue::Kind::kUnknown: break;
  }
  return true;
}

}  // namespace jiuzhu::registry
