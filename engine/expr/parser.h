// Expression text -> AST. See parser.cpp for the grammar.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"

namespace jiuzhu::expr {

struct ParseError {
  int offset = 0;  // byte offset in the expression text
  std::string message;
};

// Parses `text` into `out`. Returns false with at least one error when the text is not a valid expression.
bool Parse(std::string_view text, Ast& out, std::vector<ParseError>& errors);

// Functions written with the aggregate form `f(head for x in source if filter)`.
bool IsAggregateName(std::string_view name);

}  // namespace jiuzhu::expr
