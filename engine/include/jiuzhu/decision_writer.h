// Rendering a Decision for people and programs: compact JSON (decision.md, one line) and the caseworker's
// text view (cli.md "--format text"). Also the error object of a rejected household (cli.md "Errors").
#pragma once

#include <optional>
#include <string>

#include "jiuzhu/decision.h"
#include "jiuzhu/household_reader.h"

namespace jiuzhu {

enum class ReasonsMode : uint8_t { kAll, kDeciding, kNone };
enum class Lang : uint8_t { kZh, kEn };

// Appends one compact JSON object (no trailing newline). Reasons are expected to be already filtered by mode.
void AppendDecisionJson(const Decision& d, std::string& out);
// Appends the error object of cli.md: {"line", "household", "path", "code", "message", "errors"}.
void AppendErrorJson(std::optional<long> line, const ReadResult& r, std::string& out);
// Appends the caseworker's text view: each program and scope with status and amount, each rule ✓ ✗ ? (skip: –)
// with its message and basis, the flags, the data issues. Money with two decimals and " 元" / " yuan".
void AppendDecisionText(const Decision& d, Lang lang, std::string& out);
void AppendErrorText(std::optional<long> line, const ReadResult& r, Lang lang, std::string& out);

// JSON string escaping helper shared by writers (UTF-8 passed through; control chars escaped).
void AppendJsonString(std::string_view s, std::string& out);

}  // namespace jiuzhu
