// The small document view the household validator is written against (validator.h), so the contract's rules are
// written once for both input formats. A backend (json_node.h, yaml_node.h) provides a copyable Node with:
//
//   NodeKind kind() const;
//   std::string_view text() const;            // kString: the string; kNumber: the number's source text
//   bool boolean() const;                     // kBool
//   std::optional<std::string_view> StringLike() const;  // a string, or what the format accepts as one
//   template <class F> void ForEachField(F&& f) const;    // kObject: f(std::string_view key, const Node&)
//   template <class F> void ForEachElement(F&& f) const;  // kArray: f(size_t index, const Node&)
//   size_t size() const;                      // kArray / kObject: number of children
//   static constexpr std::string_view kSyntaxCode;  // "bad_json" / "bad_yaml"
//
// Children are visited in document order, which is the order errors are reported in.
#pragma once

#include <cstdint>
#include <string_view>

namespace jiuzhu::input {

enum class NodeKind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// English and Chinese names of a kind, for "found X, expected Y" messages.
inline std::string_view KindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNull: return "null";
    case NodeKind::kBool: return "boolean";
    case NodeKind::kNumber: return "number";
    case NodeKind::kString: return "string";
    case NodeKind::kArray: return "array";
    case NodeKind::kObject: return "object";
  }
  return "?";
}

inline std::string_view KindNameZh(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNull: return "空值";
    case NodeKind::kBool: return "布尔值";
    case NodeKind::kNumber: return "数字";
    case NodeKind::kString: return "字符串";
    case NodeKind::kArray: return "数组";
    case NodeKind::kObject: return "对象";
  }
  return "?";
}

}  // namespace jiuzhu::input
