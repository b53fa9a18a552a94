#include "input/yaml_node.h"

#include <string>

#include "input/number_text.h"

namespace jiuzhu::input {
namespace {

bool IsTrue(std::string_view s) { return s == "true" || s == "True" || s == "TRUE"; }
bool IsFalse(std::string_view s) { return s == "false" || s == "False" || s == "FALSE"; }
bool IsNullText(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

NodeKind PlainScalarKind(std::string_view text) {
  if (IsNullText(text)) return NodeKind::kNull;
  if (IsTrue(text) || IsFalse(text)) return NodeKind::kBool;
  thread_local std::string buffer;
  DecimalText ignored;
  return ParseNumberText(text, buffer, ignored) ? NodeKind::kNumber : NodeKind::kString;
}

}  // namespace

YamlNode::YamlNode(const YAML::Node& node) : node_(node), kind_(NodeKind::kNull), plain_(false) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: kind_ = NodeKind::kArray; break;
    case YAML::NodeType::Map: kind_ = NodeKind::kObject; break;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags an unquoted scalar "?" and a quoted one "!".
      plain_ = node.Tag() == "?";
      kind_ = plain_ ? PlainScalarKind(node.Scalar()) : NodeKind::kString;
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: kind_ = NodeKind::kNull; break;
  }
}

bool YamlNode::boolean() const { return IsTrue(text()); }

std::optional<std::string_view> YamlNode::StringLike() const {
  if (kind_ == NodeKind::kString || (plain_ && (kind_ == NodeKind::kNumber || kind_ == NodeKind::kBool))) {
    return text();
  }
  return std::nullopt;
}

}  // namespace jiuzhu::input
