#include "base/did_you_mean.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace jiuzhu::base {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 1 when it is malformed or truncated.
size_t SequenceLength(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
  if (i + len > text.size()) return 1;
  for (size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 1;
  }
  return len;
}

// Splits text into code points (as views) so that comparing units compares whole characters.
std::vector<std::string_view> CodePoints(std::string_view text) {
  std::vector<std::string_view> units;
  for (size_t i = 0; i < text.size();) {
    const size_t len = SequenceLength(text, i);
    units.push_back(text.substr(i, len));
    i += len;
  }
  return units;
}

size_t Levenshtein(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<size_t> prev(b.size() + 1);
  std::vector<size_t> cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) { return Levenshtein(CodePoints(a), CodePoints(b)); }

std::vector<std::string_view> DidYouMean(std::string_view name, const std::vector<std::string_view>& candidates,
                                         size_t max_results) {
  const std::vector<std::string_view> name_units = CodePoints(name);
  const size_t threshold = std::max<size_t>(2, name_units.size() / 3);
  std::vector<std::pair<size_t, std::string_view>> close;  // (distance, candidate), in candidate order
  for (std::string_view candidate : candidates) {
    if (candidate == name) continue;
    const bool repeated = std::any_of(close.begin(), close.end(), [&](const auto& c) { return c.second == candidate; });
    if (repeated) continue;
    const size_t distance = Levenshtein(name_units, CodePoints(candidate));
    if (distance <= threshold) close.emplace_back(distance, candidate);
  }
  std::stable_sort(close.begin(), close.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string_view> result;
  for (size_t i = 0; i < close.size() && i < max_results; ++i) result.push_back(close[i].second);
  return result;
}

std::string DidYouMeanSuffix(std::string_view name, const std::vector<std::string_view>& candidates) {
  const std::vector<std::string_view> matches = DidYouMean(name, candidates, 2);
  if (matches.empty()) return "";
  std::string out = " (did you mean '";
  out += matches[0];
  if (matches.size() > 1) {
    out += "' or '";
    out += matches[1];
  }
  out += "'?)";
  return out;
}

}  // namespace jiuzhu::base
