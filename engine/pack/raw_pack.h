// RawPack: a rule pack as written, before names and types are checked. Produced by LoadRawPack (pack_loader.cpp)
// from YAML; every element keeps its source position so later stages can report file:line:column.
// yaml-cpp never leaves pack/: nothing here mentions YAML.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/diagnostic.h"

namespace jiuzhu::pack {

struct SourceFile {
  std::string path;  // as read (diagnostics name it)
  std::string text;
  // The file's name in the effective pack: its base name in the bottom layer, "layer<K>/<base name>" in local
  // layer K (pack_loader.cpp). rules_version hashes these names, and a stored pack is keyed by them.
  std::string key;
  int layer = 0;
  std::vector<size_t> line_starts;  // byte offset of each line
  std::string Line(int line) const;  // 1-based; "" when out of range
};

struct Pos {
  int file = -1;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

// An expression written in a YAML scalar. `pos` is where its first character stands; `block` marks a `|`
// literal scalar whose lines are indented by `indent` columns in the file.
struct RawExpr {
  std::string text;
  Pos pos;
  bool block = false;
  int indent = 0;
  bool present() const { return pos.file >= 0; }
  Pos PosAt(int offset) const;  // position of a byte offset inside `text`
};

struct Text2 {  // a message or title in Chinese and English
  std::string zh;
  std::string en;
  Pos pos;
  RawExpr zh_at, en_at;  // where each text is written, so a bad placeholder is reported at its own column
  bool present() const { return pos.file >= 0; }
};

// `layer` on the elements below: which pack of a local-pack chain wrote it (0 the bottom, e.g. national;
// RawPack::layers names them). The compiler copies it into the plan so a decision can say where a rule or a
// parameter value came from without any look-up at evaluation time.
struct RawRegion {
  std::string code;
  std::string name;
  Pos pos;
  int layer = 0;
};

struct RawParamValue {
  std::string region;  // 6-digit code or "national"
  Pos pos;
  Date from;
  std::optional<Date> basis_until;  // the source document covers values until this date (lint)
  std::vector<std::pair<std::string, RawExpr>> values;  // key ("value", "urban", "rural.dispersed"...) -> text
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;  // kinds-typed parameters
  std::string source;
  std::string note;
  int layer = 0;
};

struct RawParam {
  std::string name;
  Pos pos;
  std::string type;             // money | number | bool | kinds | rounding
  bool optional = false;        // a regional option: a region without a value is normal (no coverage warning)
  std::vector<std::string> by;  // dimensions: hukou, setting
  Text2 title;
  std::string basis;
  std::string note;
  std::vector<RawParamValue> values;
  int layer = 0;  // the layer that declared it (local layers may add values: RawParamValue::layer)
};

struct RawDerived {
  std::string name;
  Pos pos;
  std::string scope;  // household | member | obligor
  RawExpr expr;
  Text2 title;
  std::string basis;
  std::string note;
  int layer = 0;
};

struct RawRule {
  std::string id;
  Pos pos;
  RawExpr when;  // optional guard: false -> skip
  RawExpr test;
  std::vector<std::pair<std::string, RawExpr>> values;
  Text2 pass, fail, unknown;
  std::string basis;
  std::string note;
  int layer = 0;
};

struct RawPhaseOut {
  Pos pos;
  RawExpr applies;  // ineligible only on the conditions a 渐退期 may bridge
  RawExpr grant;    // a new 渐退期 is granted (no phase_out_until on the enrolment)
  RawExpr until;    // end date of a newly granted 渐退期
  Text2 pass, fail;
  std::string basis;
  std::string note;
  bool present() const { return pos.file >= 0; }
};

struct RawNotice {  // a flag raised whatever the result (e.g. verify on public payroll)
  std::string code;
  Pos pos;
  RawExpr when;
  Text2 message;
  std::string basis;
};

struct RawProgram {
  std::string id;       // unique entry id, e.g. "dibao", "dibao.single"
  std::string program;  // output program code (defaults to id)
  Pos pos;
  std::string scope;    // household | member
  RawExpr for_each;     // member scope: which members get a result
  std::string exception_of;
  Text2 title;
  std::string basis;
  std::string note;
  std::string combine;  // all (default)
  std::vector<RawRule> rules;
  RawExpr amount;
  RawExpr review_months;
  RawPhaseOut phase_out;
  std::vector<RawNotice> notices;
  int layer = 0;
};

struct RawPack {
  std::vector<SourceFile> files;  // bottom layer first; within a layer sorted by name
  std::vector<std::string> layers;  // each layer's `pack:` name, bottom first (one entry for a plain pack)
  std::string name;  // the top layer's name
  Pos name_pos;
  std::vector<std::string> order;  // program entry ids in output order
  Pos order_pos;
  std::vector<RawRegion> regions;
  std::vector<RawParam> params;
  std::vector<RawDerived> derived;
  std::vector<RawProgram> programs;
};

// Collects diagnostics; positions are resolved against the pack's files.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(const std::vector<SourceFile>& files) : files_(files) {}
  void Error(Pos pos, std::string code, std::string message) { Add(Severity::kError, pos, std::move(code), std::move(message)); }
  void Warning(Pos pos, std::string code, std::string message) { Add(Severity::kWarning, pos, std::move(code), std::move(message)); }
  void Add(Severity severity, Pos pos, std::string code, std::string message);
  int errors() const { return errors_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  const std::vector<SourceFile>& files_;
  std::vector<Diagnostic> diagnostics_;
  int errors_ = 0;
};

// Reads every *.yaml file directly in `dir` (sorted by name) into `out`. Syntax and shape errors go to `sink`.
// A local pack (a file with `extends: PATH`) reads its base pack first, then applies its own files as a layer.
void LoadRawPack(const std::string& dir, RawPack& out, DiagnosticSink& sink);

// Loads the sources already in `out.files` (e.g. a pack stored in a registry); each file's layer is taken from
// its key ("layer<K>/…"), so a stored local pack loads with its base.
void LoadRawPackFiles(RawPack& out, DiagnosticSink& sink);

// The layer a stored file key names: 0 for a plain name, K for "layer<K>/name".
int LayerOfKey(const std::string& key);

// Reads the files of `dir` with the extension `ext`, sorted by name (also used for pack tests).
std::vector<std::string> ListFiles(const std::string& dir, const std::string& ext);
bool ReadFile(const std::string& path, std::string& out);
SourceFile MakeSourceFile(std::string path, std::string text);

}  // namespace jiuzhu::pack
