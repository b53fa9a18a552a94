// "Did you mean" suggestions for unknown names in rule packs and inputs (cli.md: errors name the closest match).
// Distances count UTF-8 code points, so a Chinese name one character off is distance 1.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::base {

// Levenshtein distance (insert, delete, substitute; each costs 1) over UTF-8 code points. A byte that is not
// part of a well-formed sequence counts as one unit of its own.
size_t EditDistance(std::string_view a, std::string_view b);

// Candidates within distance max(2, code points of name / 3) of name, closest first, ties in candidate order.
// Candidates equal to name, and repeats, are left out. At most max_results are returned; the views point into
// the candidates' storage.
std::vector<std::string_view> DidYouMean(std::string_view name, const std::vector<std::string_view>& candidates,
                                         size_t max_results = 3);

// "" when nothing is close, else " (did you mean 'x'?)" or " (did you mean 'x' or 'y'?)", to append to a message.
std::string DidYouMeanSuffix(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace jiuzhu::base
