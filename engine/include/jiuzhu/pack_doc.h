// `jiuzhu rules doc`: a rule pack rendered as one self-contained HTML page (inline CSS, no scripts, no external
// resources) for policy staff — every program, rule, derived value, parameter table and region, Chinese first
// with English alongside — and optionally what changed since another pack.
#pragma once

#include <string>
#include <vector>

#include "jiuzhu/diagnostic.h"

namespace jiuzhu {

// Loads the pack in `dir` (and the one in `*base_dir` when given, for the change view) and renders the page
// into `html`. Returns false when a pack does not load or compile; `diagnostics` then holds its errors (and
// on success any warnings).
bool RenderPackDoc(const std::string& dir, const std::string* base_dir, std::string& html,
                   std::vector<Diagnostic>& diagnostics);

}  // namespace jiuzhu
