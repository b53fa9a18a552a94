// What both body formats write alike: a NamedValue with its kind written out (format 1 throughout; format 2
// where the pack does not imply it), and the data issues.
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

inline void PutIssues(ByteWriter& out, const std::vector<DataIssue>& issues) {
  out.Varint(issues.size());
  for (const auto& i : issues) {
    out.String(i.path);
    out.String(i.code);
    out.String(i.message);
  }
}

inline void GetIssues(ByteReader& in, std::vector<DataIssue>& issues) {
  const uint64_t n = in.Count();
  for (uint64_t i = 0; i < n && in.ok(); ++i) {
    DataIssue& issue = issues.emplace_back();
    issue.path = in.String();
    issue.code = in.String();
    issue.message = in.String();
  }
}

}  // namespace jiuzhu::registry
