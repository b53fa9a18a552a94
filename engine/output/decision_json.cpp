// Compact JSON of a Decision (decision.md) and of a rejected household's error object (cli.md "Errors").
// Outside tests parse this output, so field names and order are fixed here. Everything appends into the caller's
// string: a batch renders ~10^5 decisions a second and must not allocate per value.
#include <string>
#include <string_view>

#include "jiuzhu/decision_writer.h"
#include "output/number_format.h"

namespace jiuzhu {
namespace {

using output_internal::AppendFen;
using output_internal::AppendSigned;

constexpr char kHexDigits[] = "0123456789abcdef";

// Empty strings stand for absent ids (household-level result, unreadable id) and render as null.
void AppendStringOrNull(std::string_view s, std::string& out) {
  if (s.empty()) {
    out.append("null");
  } else {
    AppendJsonString(s, out);
  }
}

// Money: a number with at most two decimals. An invalid Num cannot be a JSON number, so it becomes null
// rather than breaking the line for the parser.
void AppendMoney(const Num& n, std::string& out) {
  if (!n.IsValid()) {
    out.append("null");
    return;
  }
  AppendFen(n.RoundFen(), /*trim=*/true, out);
}

void AppendOptionalMoney(const std::optional<Num>& n, std::string& out) {
  if (n) {
    AppendMoney(*n, out);
  } else {
    out.append("null");
  }
}

void AppendDate(Date d, std::string& out) {
  out.push_back('"');
  out.append(d.ToString());  // 10 chars: fits the small-string buffer, no heap allocation
  out.push_back('"');
}

void AppendNamedValue(const NamedValue& v, std::string& out) {
  switch (v.kind) {
    case NamedValue::Kind::kUnknown:
      out.append("null");
      return;
    case NamedValue::Kind::kBool:
      out.append(v.boolean ? "true" : "false");
      return;
    case NamedValue::Kind::kNumber:
      if (v.number.IsValid()) {
        out.append(v.number.ToString());
      } else {
        out.append("null");
      }
      return;
    case NamedValue::Kind::kMoney:
      AppendMoney(v.number, out);
      return;
    case NamedValue::Kind::kDate:
      AppendDate(v.date, out);
      return;
    case NamedValue::Kind::kText:
      AppendJsonString(v.text, out);
      return;
  }
  out.append("null");
}

void AppendReason(const Reason& r, std::string& out) {
  out.append("{\"rule\":");
  AppendJsonString(r.rule, out);
  out.append(",\"outcome\":\"");
  out.append(OutcomeName(r.outcome));
  out.append("\",\"text\":");
  AppendJsonString(r.text, out);
  out.append(",\"text_en\":");
  AppendJsonString(r.text_en, out);
  out.append(",\"basis\":");
  AppendJsonString(r.basis, out);
  out.append(",\"values\":{");
  bool first = true;
  for (const NamedValue& v : r.values) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(v.name, out);
    out.push_back(':');
    AppendNamedValue(v, out);
  }
  out.push_back('}');
  // Decided by a local pack: which pack wrote the rule, and which pack each shown parameter value came from.
  if (!r.pack.empty()) {
    out.append(",\"pack\":");
    AppendJsonString(r.pack, out);
    bool any = false;
    for (const NamedValue& v : r.values) {
      if (v.pack.empty()) continue;
      out.append(any ? "," : ",\"value_packs\":{");
      any = true;
      AppendJsonString(v.name, out);
      out.push_back(':');
      AppendJsonString(v.pack, out);
    }
    if (any) out.push_back('}');
  }
  out.push_back('}');
}

void AppendProgram(const ProgramResult& p, std::string& out) {
  out.append("{\"program\":");
  AppendJsonString(p.program, out);
  out.append(",\"member\":");
  AppendStringOrNull(p.member, out);
  out.append(",\"status\":\"");
  out.append(StatusName(p.status));
  out.append("\",\"monthly_amount\":");
  AppendOptionalMoney(p.monthly_amount, out);
  out.append(p.enrolled ? ",\"enrolled\":true" : ",\"enrolled\":false");
  out.append(",\"reasons\":[");
  bool first = true;
  for (const Reason& r : p.reasons) {
    if (!first) out.push_back(',');
    first = false;
    AppendReason(r, out);
  }
  out.append("]}");
}

// Optional fields appear only where set (decision.md: "where they apply").
void AppendFlag(const Flag& f, std::string& out) {
  out.append("{\"code\":");
  AppendJsonString(f.code, out);
  out.append(",\"program\":");
  AppendStringOrNull(f.program, out);  // null for a data_mismatch, which concerns facts, not one program
  out.append(",\"member\":");
  AppendStringOrNull(f.member, out);
  out.append(",\"message\":");
  AppendJsonString(f.message, out);
  if (f.until) {
    out.append(",\"until\":");
    AppendDate(*f.until, out);
  }
  if (f.due) {
    out.append(",\"due\":");
    AppendDate(*f.due, out);
  }
  if (f.amount_now) {
    out.append(",\"amount_now\":");
    AppendMoney(*f.amount_now, out);
  }
  if (f.amount_new) {
    out.append(",\"amount_new\":");
    AppendMoney(*f.amount_new, out);
  }
  if (!f.missing.empty()) {
    out.append(",\"missing\":[");
    bool first = true;
    for (const std::string& m : f.missing) {
      if (!first) out.push_back(',');
      first = false;
      AppendJsonString(m, out);
    }
    out.push_back(']');
  }
  if (!f.source.empty()) {
    out.append(",\"source\":");
    AppendJsonString(f.source, out);
  }
  out.push_back('}');
}

// {path, code, message}: the shape shared by data_issues and the error object's errors.
void AppendPathCodeMessage(std::string_view path, std::string_view code, std::string_view message,
                           std::string& out) {
  out.append("{\"path\":");
  AppendJsonString(path, out);
  out.append(",\"code\":");
  AppendJsonString(code, out);
  out.append(",\"message\":");
  AppendJsonString(message, out);
  out.push_back('}');
}

void AppendEscapedChar(unsigned char c, std::string& out) {
  switch (c) {
    case '"':
      out.append("\\\"");
      return;
    case '\\':
      out.append("\\\\");
      return;
    case '\b':
      out.append("\\b");
      return;
    case '\f':
      out.append("\\f");
      return;
    case '\n':
      out.append("\\n");
      return;
    case '\r':
      out.append("\\r");
      return;
    case '\t':
      out.append("\\t");
      return;
    default: {
      const char esc[6] = {'\\', 'u', '0', '0', kHexDigits[c >> 4], kHexDigits[c & 0xF]};
      out.append(esc, sizeof esc);
    }
  }
}

}  // namespace

// RFC 8259: only '"', '\\' and U+0000..U+001F must be escaped; bytes >= 0x80 (UTF-8) are copied as they are.
// Unescaped runs are appended in one piece, so plain text costs one append.
void AppendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run_start, i - run_start);
    AppendEscapedChar(c, out);
    run_start = i + 1;
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out.push_back('"');
}

void AppendDecisionJson(const Decision& d, std::string& out) {
  out.append("{\"household\":");
  AppendJsonString(d.household, out);
  out.append(",\"as_of\":");
  AppendDate(d.as_of, out);
  out.append(",\"rules_version\":");
  AppendJsonString(d.rules_version, out);
  out.append(",\"programs\":[");
  for (size_t i = 0; i < d.programs.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendProgram(d.programs[i], out);
  }
  out.append("],\"flags\":[");
  for (size_t i = 0; i < d.flags.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendFlag(d.flags[i], out);
  }
  out.append("],\"data_issues\":[");
  for (size_t i = 0; i < d.data_issues.size(); ++i) {
    if (i > 0) out.push_back(',');
    const DataIssue& issue = d.data_issues[i];
    AppendPathCodeMessage(issue.path, issue.code, issue.message, out);
  }
  out.append("]}");
}

void AppendErrorJson(std::optional<long> line, const ReadResult& r, std::string& out) {
  out.append("{\"line\":");
  if (line) {
    AppendSigned(*line, out);
  } else {
    out.append("null");
  }
  out.append(",\"household\":");
  AppendStringOrNull(r.household_id, out);
  // A rejected household always has an error; should a caller pass none, the top-level fields stay strings so
  // the object keeps its documented types.
  static const HouseholdError kNoError;
  const HouseholdError& first = r.errors.empty() ? kNoError : r.errors.front();
  out.append(",\"path\":");
  AppendJsonString(first.path, out);
  out.append(",\"code\":");
  AppendJsonString(first.code, out);
  out.append(",\"message\":");
  AppendJsonString(first.message, out);
  out.append(",\"errors\":[");
  for (size_t i = 0; i < r.errors.size(); ++i) {
    if (i > 0) out.push_back(',');
    const HouseholdError& e = r.errors[i];
    AppendPathCodeMessage(e.path, e.code, e.message, out);
  }
  out.append("]}");
}

}  // namespace jiuzhu
