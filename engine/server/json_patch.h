// A visit's changes (http.md "Visits") applied to a household document: a change sets the value at a household
// JSON path (`members[1].incomes[0].monthly`), the index one past an array's end appends, missing parent objects
// are created, and `remove` deletes an array element or an object member.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/json_dom.h"

namespace jiuzhu::server {

struct PathStep {
  std::string key;                    // an object member, when !index
  std::optional<std::size_t> index;   // an array element
};

// Parses `a.b[2].c`: a member name first, then `.name` or `[digits]` steps. false with `error` set otherwise.
bool ParsePath(std::string_view path, std::vector<PathStep>& steps, std::string& error);

struct Change {
  std::string path;
  JsonValue value;      // when !remove
  bool remove = false;
};

// Applies one change to `doc` (an object). false with `error` set when the path cannot be followed: a step into
// a value of another type, an index beyond one past the end, a removal past the end.
bool ApplyChange(JsonValue& doc, const Change& change, std::string& error);

}  // namespace jiuzhu::server
