// Diagnostic: one problem found in a rule pack, with its position. Loading collects every diagnostic at once
// (a policy editor sees all problems in one run); a pack with any error does not load.
// Rendered as cli.md requires: `file:line:column: CODE: message`, then the offending line and a caret.
#pragma once

#include <string>
#include <vector>

namespace jiuzhu {

enum class Severity : uint8_t { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  // stable SCREAMING_SNAKE code, e.g. UNKNOWN_NAME, TYPE_MISMATCH, UNKNOWN_KEY
  std::string file;  // path as given to the loader
  int line = 0;      // 1-based; 0 when the problem concerns the whole file or pack
  int column = 0;    // 1-based
  std::string message;
  std::string source_line;  // the offending line, for the caret snippet ("" when unknown)
};

// "rules/dibao.yaml:42:17: UNKNOWN_NAME: unknown name 'incom' (did you mean 'income'?)" plus, when the source
// line is known, that line and a caret under the column.
std::string FormatDiagnostic(const Diagnostic& d);

}  // namespace jiuzhu
