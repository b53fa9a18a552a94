// `rules doc`: a rule pack as one self-contained HTML page for policy staff who do not read YAML, and the
// change view between two packs. Works on the RawPack (the text as written, with every title, basis, note and
// source) rather than the compiled RulePack, whose folded nodes no longer carry the words staff wrote.
//
//   pack_doc.cpp     the page, one function per section
//   plain_words.cpp  expression text → a light rewording for readers (「且」「低于」, titles for names)
//   pack_diff.cpp    what differs between two packs, rule by rule and value by value
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pack/raw_pack.h"

namespace jiuzhu::doc {

// Escapes &, <, >, " and ' for text and attribute values.
std::string Escape(std::string_view text);

// The names an expression may use that the pack gives a Chinese title: parameters and derived values.
struct Term {
  std::string anchor;  // id of its entry on the page ("p-dibao.standard", "d-counted")
  std::string title;   // Chinese title, else the name
};
using Glossary = std::map<std::string, Term, std::less<>>;
Glossary MakeGlossary(const pack::RawPack& pack);

// HTML (escaped) of `expr` reworded for readers: operators in words, aggregates as phrases, names of
// parameters and derived values as linked titles. An expression that does not parse is shown as written.
std::string PlainWordsHtml(std::string_view expr, const Glossary& glossary);

// One difference between two packs.
enum class ChangeAction : uint8_t { kAdded, kRemoved, kChanged };
struct Change {
  ChangeAction action = ChangeAction::kChanged;
  std::string kind;     // pack | program | rule | derived | parameter | value | region
  std::string subject;  // id or name; a value: "dibao.standard 540000 2021-01-01"
  std::string anchor;   // where the subject stands on the new page ("" when removed)
  std::string field;    // kChanged: which field ("test", "pass.zh", "urban", "source"...)
  std::string before;   // kRemoved / kChanged
  std::string after;    // kAdded / kChanged
};

// Every difference from `base` to `now`, in page order: pack, programs (and their rules), derived values,
// parameters (and their values), regions. Texts are compared with runs of white space folded.
std::vector<Change> DiffPacks(const pack::RawPack& base, const pack::RawPack& now);

// What the page says about the pack it was compared with.
struct ChangeView {
  std::string base_dir;
  std::string base_version;
  std::vector<Change> changes;
};

// The whole page. `changes` null: no change view.
std::string RenderPage(const pack::RawPack& pack, std::string_view rules_version, const ChangeView* changes);

// Anchors of the page's entries, shared by the page and the change view.
inline std::string ProgramAnchor(std::string_view id) { return "prog-" + std::string(id); }
inline std::string RuleAnchor(std::string_view id) { return "rule-" + std::string(id); }
inline std::string DerivedAnchor(std::string_view name) { return "d-" + std::string(name); }
inline std::string ParamAnchor(std::string_view name) { return "p-" + std::string(name); }

}  // namespace jiuzhu::doc
