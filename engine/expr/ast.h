// The expression AST: what the parser makes of a rule's text, before names and types are resolved.
// Nodes live in one vector (an arena) and refer to each other by index; every node keeps its span in the
// expression text so that a later error points at the exact column.
#pragma once

#include <string>
#include <vector>

namespace jiuzhu::expr {

enum class NodeKind : uint8_t {
  kNumber,     // text: the decimal literal
  kString,     // text: the literal's content
  kBool,       // text: "true" / "false"
  kName,       // text: identifier
  kField,      // kids[0] . text
  kCall,       // text(kids...)
  kUnary,      // text: "-" or "not"; kids[0]
  kBinary,     // text: operator ("+", "<", "and", "in", "not in", ...); kids[0], kids[1]
  kIf,         // if kids[0] then kids[1] else kids[2]
  kList,       // [kids...]
  kAggregate,  // text(head for var in source if filter): kids = {head or -1, source, filter or -1}
};

struct Node {
  NodeKind kind = NodeKind::kName;
  std::string text;
  std::string var;  // kAggregate: the bound variable
  std::vector<int> kids;
  int offset = 0;  // byte offset of the node's first character in the expression text
  int length = 0;
};

struct Ast {
  std::vector<Node> nodes;
  int root = -1;
};

}  // namespace jiuzhu::expr
