// YAML backend of the validator's node view (node.h) over yaml-cpp.
//
// A plain (unquoted) scalar is typed by its text the way JSON would type it: null/~/empty -> null,
// true/false (and True/TRUE/False/FALSE) -> boolean, a JSON-grammar number -> number, anything else -> string.
// A quoted scalar (or one tagged !!str) is always a string, so "100" where a number is expected is wrong_type.
// Where a string is expected, plain numbers and booleans are accepted as their text (an unquoted 18-digit id or
// 6-digit region), see StringLike().
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string_view>

#include "input/node.h"

namespace jiuzhu::input {

class YamlNode {
 public:
  static constexpr std::string_view kSyntaxCode = "bad_yaml";

  explicit YamlNode(const YAML::Node& node);

  NodeKind kind() const { return kind_; }
  std::string_view text() const { return node_.IsScalar() ? std::string_view(node_.Scalar()) : std::string_view(); }
  bool boolean() const;
  std::optional<std::string_view> StringLike() const;
  size_t size() const { return node_.size(); }

  template <class F>
  void ForEachField(F&& f) const {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      // A non-scalar key (a YAML-only construct) has no name; it is reported as an unknown field "".
      const std::string_view key = it->first.IsScalar() ? std::string_view(it->first.Scalar()) : std::string_view();
      const YamlNode child(it->second);
      f(key, child);
    }
  }

  template <class F>
  void ForEachElement(F&& f) const {
    size_t index = 0;
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      const YamlNode child(*it);
      f(index++, child);
    }
  }

 private:
  YAML::Node node_;
  NodeKind kind_;
  bool plain_;  // an untagged, unquoted scalar
};

}  // namespace jiuzhu::input
