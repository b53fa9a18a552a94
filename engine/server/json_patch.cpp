#include "server/json_patch.h"

namespace jiuzhu::server {

bool ParsePath(std::string_view path, std::vector<PathStep>& steps, std::string& error) {
  steps.clear();
  std::size_t i = 0;
  auto name = [&]() -> bool {
    std::size_t start = i;
    while (i < path.size() && path[i] != '.' && path[i] != '[' && path[i] != ']') ++i;
    if (i == start) return false;
    steps.push_back({std::string(path.substr(start, i - start)), std::nullopt});
    return true;
  };
  if (!name()) {
    error = "a path begins with a field name";
    return false;
  }
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      if (!name()) {
        error = "a field name is expected after '.'";
        return false;
      }
      continue;
    }
    if (path[i] != '[') {
      error = "unexpected '" + std::string(1, path[i]) + "'";
      return false;
    }
    std::size_t start = ++i, index = 0;
    while (i < path.size() && path[i] >= '0' && path[i] <= '9' && i - start < 9) index = index * 10 + static_cast<std::size_t>(path[i++] - '0');
    if (i == start || i >= path.size() || path[i] != ']') {
      error = "an index is digits between [ and ]";
      return false;
    }
    ++i;
    steps.push_back({"", index});
  }
  return true;
}

namespace {

// The container a step leads into from `node`, creating a missing member (an object, or an array when the next
// step is an index) or appending at one past an array's end. nullptr with `error` set when it cannot be followed.
JsonValue* Descend(JsonValue& node, const PathStep& step, const PathStep& next, std::string& error) {
  JsonValue fresh = next.index ? JsonValue::Array() : JsonValue::Object();
  if (step.index) {
    if (!node.is_array()) {
      error = "not an array";
      return nullptr;
    }
    auto& items = node.items();
    if (*step.index > items.size()) {
      error = "index " + std::to_string(*step.index) + " is beyond the end (" + std::to_string(items.size()) + " elements)";
      return nullptr;
    }
    if (*step.index == items.size()) items.push_back(std::move(fresh));
    return &items[*step.index];
  }
  if (!node.is_object()) {
    error = "not an object";
    return nullptr;
  }
  JsonValue* child = node.Find(step.key);
  if (child == nullptr || child->is_null()) child = &node.Set(step.key, std::move(fresh));
  return child;
}

bool SetLast(JsonValue& node, const PathStep& step, const JsonValue& value, std::string& error) {
  if (step.index) {
    if (!node.is_array()) {
      error = "not an array";
      return false;
    }
    auto& items = node.items();
    if (*step.index > items.size()) {
      error = "index " + std::to_string(*step.index) + " is beyond the end (" + std::to_string(items.size()) + " elements)";
      return false;
    }
    if (*step.index == items.size()) items.push_back(value);
    else items[*step.index] = value;
    return true;
  }
  if (!node.is_object()) {
    error = "not an object";
    return false;
  }
  node.Set(step.key, value);
  return true;
}

bool RemoveLast(JsonValue& node, const PathStep& step, std::string& error) {
  if (step.index) {
    if (!node.is_array() || *step.index >= node.items().size()) {
      error = "no array element to remove";
      return false;
    }
    node.items().erase(node.items().begin() + static_cast<std::ptrdiff_t>(*step.index));
    return true;
  }
  if (!node.is_object()) {
    error = "not an object";
    return false;
  }
  node.Remove(step.key);  // removing an absent optional field leaves it absent
  return true;
}

}  // namespace

bool ApplyChange(JsonValue& doc, const Change& change, std::string& error) {
  std::vector<PathStep> steps;
  if (!ParsePath(change.path, steps, error)) return false;
  JsonValue* node = &doc;
  for (std::size_t i = 0; i + 1 < steps.size(); ++i) {
    // A removal never creates what it would remove from.
    if (change.remove && !steps[i].index && node->is_object() && node->Find(steps[i].key) == nullptr) return true;
    if (change.remove && steps[i].index && node->is_array() && *steps[i].index >= node->items().size()) {
      error = "no array element at index " + std::to_string(*steps[i].index);
      return false;
    }
    node = Descend(*node, steps[i], steps[i + 1], error);
    if (node == nullptr) return false;
  }
  return change.remove ? RemoveLast(*node, steps.back(), error) : SetLast(*node, steps.back(), change.value, error);
}

}  // namespace jiuzhu::server
