// JSON backend of the validator's node view (node.h) over a simdjson DOM.
//
// simdjson's DOM keeps numbers only as binary int64/uint64/double, not their text, so the text is recovered
// separately. Number tokens appear in the text in the same order as number entries on simdjson's tape, so the
// n-th number entry on the tape is the n-th number token of the text. NumberTokens lists both, on first use,
// and maps an element's tape position to its token.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "input/node.h"

namespace jiuzhu::input {

// The number tokens of one JSON text and of its parsed DOM, found on first use (a household without numbers
// pays nothing). Vectors are reused between documents.
class NumberTokens {
 public:
  // `json` is the text `parser` has just parsed.
  void Reset(std::string_view json, const simdjson::dom::parser* parser) {
    json_ = json;
    parser_ = parser;
    scanned_ = false;
  }
  // The source text of a number element; "" if it cannot be found (reported as a wrong type, never misread).
  std::string_view Get(simdjson::dom::element number);

 private:
  void Scan(const simdjson::dom::document& doc);
  void ScanStructurals();
  void ScanBytes();
  std::string_view json_;
  const simdjson::dom::parser* parser_ = nullptr;
  bool scanned_ = false;
  std::vector<std::string_view> tokens_;  // number tokens of the text, in order
  std::vector<size_t> tape_positions_;    // tape index of each number entry, in order (sorted)
};

class JsonNode {
 public:
  static constexpr std::string_view kSyntaxCode = "bad_json";

  JsonNode(simdjson::dom::element element, NumberTokens* numbers);

  NodeKind kind() const { return kind_; }
  std::string_view text() const;
  bool boolean() const { return element_.get_bool().value_unsafe(); }
  std::optional<std::string_view> StringLike() const {
    if (kind_ != NodeKind::kString) return std::nullopt;
    return text();
  }
  size_t size() const;

  template <class F>
  void ForEachField(F&& f) const {
    // Copy the object out: get_object() returns a temporary, and value_unsafe() a reference into it.
    const simdjson::dom::object object = element_.get_object().value_unsafe();
    for (simdjson::dom::key_value_pair field : object) {
      const JsonNode child(field.value, numbers_);
      f(std::string_view(field.key), child);
    }
  }

  template <class F>
  void ForEachElement(F&& f) const {
    size_t index = 0;
    const simdjson::dom::array array = element_.get_array().value_unsafe();
    for (simdjson::dom::element item : array) {
      const JsonNode child(item, numbers_);
      f(index++, child);
    }
  }

 private:
  simdjson::dom::element element_;
  NumberTokens* numbers_;
  NodeKind kind_;
};

}  // namespace jiuzhu::input
