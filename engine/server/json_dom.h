// A small mutable JSON document for what the server edits: a stored household changed by a visit's path
// changes, and request bodies. Numbers keep their source text, so money written "1150.10" is written back
// "1150.10" (never through a double); objects keep their member order. Not for hot paths.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jiuzhu::server {

class JsonValue {
 public:
  enum class Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;
  static JsonValue Bool(bool b);
  static JsonValue Number(std::string text);  // REQUIRES: a JSON-grammar number
  static JsonValue String(std::string s);
  static JsonValue Array();
  static JsonValue Object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_object() const { return type_ == Type::kObject; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool boolean() const { return boolean_; }
  // String contents, or a number's source text.
  const std::string& text() const { return text_; }

  // Arrays.
  std::vector<JsonValue>& items() { return items_; }
  const std::vector<JsonValue>& items() const { return items_; }

  // Objects, in member order.
  std::vector<std::pair<std::string, JsonValue>>& members() { return members_; }
  const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }
  const JsonValue* Find(std::string_view key) const;
  JsonValue* Find(std::string_view key);
  JsonValue& Set(std::string_view key, JsonValue value);  // replaces in place or appends
  bool Remove(std::string_view key);

  // Compact JSON.
  void AppendTo(std::string& out) const;
  std::string Dump() const {
    std::string out;
    AppendTo(out);
    return out;
  }

 private:
  Type type_ = Type::kNull;
  bool boolean_ = false;
  std::string text_;
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

// Parses one JSON text (RFC 8259: well-formed UTF-8, nothing after the value but white space, nesting at most
// `max_depth`). nullopt with `error` set otherwise.
std::optional<JsonValue> ParseJson(std::string_view text, std::string& error, int max_depth = 64);

}  // namespace jiuzhu::server
