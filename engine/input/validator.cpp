#include "input/validator.h"

namespace jiuzhu::input {
namespace {

constexpr size_t kMaxQuotedBytes = 64;

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string Join(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += separator;
    out += names[i];
  }
  return out;
}

}  // namespace

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  if (text.size() <= kMaxQuotedBytes) {
    out += text;
  } else {
    size_t cut = kMaxQuotedBytes;
    while (cut > 0 && IsUtf8Continuation(text[cut])) --cut;
    out += text.substr(0, cut);
    out += "…";
  }
  out += '"';
  return out;
}

std::string JoinZh(const std::vector<std::string_view>& names) { return Join(names, "、"); }
std::string JoinEn(const std::vector<std::string_view>& names) { return Join(names, ", "); }

void AppendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace jiuzhu::input
