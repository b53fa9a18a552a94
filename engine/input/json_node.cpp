#include "input/json_node.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace jiuzhu::input {
namespace {

bool StartsNumber(char c) { return c == '-' || (c >= '0' && c <= '9'); }

bool InNumber(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// simdjson's DOM element is a position on the tape, {document*, index}, with no public accessor for the
// index; it is read by copying the element's bytes (the asserts pin the layout this relies on). The index is
// what makes recovering a number's source text O(log n) instead of re-counting numbers in every subtree.
static_assert(std::is_standard_layout_v<simdjson::dom::element>);
static_assert(std::is_trivially_copyable_v<simdjson::dom::element>);
static_assert(sizeof(simdjson::dom::element) == sizeof(simdjson::internal::tape_ref));

simdjson::internal::tape_ref TapeRef(simdjson::dom::element element) {
  simdjson::internal::tape_ref ref;
  std::memcpy(static_cast<void*>(&ref), &element, sizeof ref);
  return ref;
}

NodeKind KindOf(simdjson::dom::element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::ARRAY: return NodeKind::kArray;
    case element_type::OBJECT: return NodeKind::kObject;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return NodeKind::kNumber;
    case element_type::STRING: return NodeKind::kString;
    case element_type::BOOL: return NodeKind::kBool;
    case element_type::NULL_VALUE: return NodeKind::kNull;
  }
  return NodeKind::kNull;
}

}  // namespace

std::string_view NumberTokens::Get(simdjson::dom::element number) {
  const simdjson::internal::tape_ref ref = TapeRef(number);
  if (!scanned_) Scan(*ref.doc);
  const auto it = std::lower_bound(tape_positions_.begin(), tape_positions_.end(), ref.json_index);
  if (it == tape_positions_.end() || *it != ref.json_index) return {};
  const size_t ordinal = static_cast<size_t>(it - tape_positions_.begin());
  // Equal counts confirm that text and tape agree; anything else would misread numbers, so none is read.
  if (tokens_.size() != tape_positions_.size()) return {};
  return tokens_[ordinal];
}

// The tape positions come from one pass over simdjson's tape (its layout is documented in simdjson's
// doc/tape.md: numbers take two 64-bit words, everything else one, and the root's closing word ends it).
void NumberTokens::Scan(const simdjson::dom::document& doc) {
  scanned_ = true;
  tape_positions_.clear();
  const uint64_t* tape = doc.tape.get();
  const size_t end = static_cast<size_t>(tape[0] & simdjson::internal::JSON_VALUE_MASK);
  for (size_t i = 1; i < end;) {
    const auto type = static_cast<char>(tape[i] >> 56);
    if (type == 'l' || type == 'u' || type == 'd') {
      tape_positions_.push_back(i);
      i += 2;
    } else {
      i += 1;
    }
  }
  ScanStructurals();
  if (tokens_.size() != tape_positions_.size()) ScanBytes();
}

// Stage 1 of simdjson has already indexed where every token starts (the parser's `implementation` member is
// public "for benchmarking access"); a number token is one starting with '-' or a digit. This visits a few
// hundred positions instead of every byte, which was a fifth of the reader's time.
void NumberTokens::ScanStructurals() {
  tokens_.clear();
  const simdjson::internal::dom_parser_implementation* impl = parser_ ? parser_->implementation.get() : nullptr;
  if (impl == nullptr || impl->structural_indexes == nullptr) return;
  const size_t n = json_.size();
  for (uint32_t k = 0; k < impl->n_structural_indexes; ++k) {
    size_t pos = impl->structural_indexes[k];
    if (pos >= n || !StartsNumber(json_[pos])) continue;
    const size_t start = pos;
    while (pos < n && InNumber(json_[pos])) ++pos;
    tokens_.emplace_back(json_.data() + start, pos - start);
  }
}

// The fallback: the text is valid JSON (simdjson accepted it), so outside strings every token starting with
// '-' or a digit is a number, and strings need only their escapes honoured.
void NumberTokens::ScanBytes() {
  tokens_.clear();
  const char* p = json_.data();
  const char* const text_end = p + json_.size();
  while (p < text_end) {
    const char c = *p++;
    if (c == '"') {
      while (p < text_end && *p != '"') p += *p == '\\' ? 2 : 1;
      ++p;
    } else if (StartsNumber(c)) {
      const char* start = p - 1;
      while (p < text_end && InNumber(*p)) ++p;
      tokens_.emplace_back(start, static_cast<size_t>(p - start));
    }
  }
}

JsonNode::JsonNode(simdjson::dom::element element, NumberTokens* numbers)
    : element_(element), numbers_(numbers), kind_(KindOf(element)) {}

std::string_view JsonNode::text() const {
  if (kind_ == NodeKind::kString) return element_.get_string().value_unsafe();
  if (kind_ == NodeKind::kNumber) return numbers_->Get(element_);
  return {};
}

size_t JsonNode::size() const {
  if (kind_ == NodeKind::kArray) return element_.get_array().value_unsafe().size();
  if (kind_ == NodeKind::kObject) return element_.get_object().value_unsafe().size();
  return 0;
}

}  // namespace jiuzhu::input
