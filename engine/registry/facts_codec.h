// FactsCodec: a validated Household as compact bytes (households.facts), and back. Import validates a household
// once (household.md) and stores these bytes beside its document, so a batch decodes typed values instead of
// parsing and validating JSON again for every run. A cache only: a format version leads the bytes, and bytes
// that do not decode (another version, corruption) make the caller fall back to the document.
#pragma once

#include <string>
#include <string_view>

#include "jiuzhu/household.h"

namespace jiuzhu::registry {

void EncodeFacts(const Household& h, std::string& out);
// Overwrites `h` (capacity reused). Returns false when the bytes are not facts of this format version.
bool DecodeFacts(std::string_view bytes, Household& h);

}  // namespace jiuzhu::registry
