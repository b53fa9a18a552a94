// The public entry points (jiuzhu/engine.h): load → compile → lint, and the per-thread Screener.
#include "jiuzhu/engine.h"

#include <algorithm>

#include "compile/compiler.h"
#include "eval/frame.h"
#include "pack/raw_pack.h"

namespace jiuzhu {

int LoadResult::ErrorCount() const {
  int n = 0;
  for (const auto& d : diagnostics) n += d.severity == Severity::kError;
  return n;
}

int LoadResult::WarningCount() const {
  return static_cast<int>(diagnostics.size()) - ErrorCount();
}

namespace {

LoadResult CompileLoaded(pack::RawPack& raw, pack::DiagnosticSink& sink) {
  LoadResult result;
  std::unique_ptr<RulePack> compiled;
  if (sink.errors() == 0) compiled = compile::Compile(raw, sink);
  if (compiled && sink.errors() == 0) compile::RunPackChecks(raw, *compiled, sink);
  if (sink.errors() == 0 && compiled) result.pack = std::shared_ptr<const RulePack>(std::move(compiled));
  result.diagnostics = std::move(sink.diagnostics());
  return result;
}

}  // namespace

LoadResult LoadRulePack(const std::string& dir) {
  pack::RawPack raw;
  pack::DiagnosticSink sink(raw.files);
  pack::LoadRawPack(dir, raw, sink);
  return CompileLoaded(raw, sink);
}

LoadResult LoadRulePackFromSources(std::vector<std::pair<std::string, std::string>> files) {
  std::sort(files.begin(), files.end());
  pack::RawPack raw;
  pack::DiagnosticSink sink(raw.files);
  for (auto& [name, text] : files) raw.files.push_back(pack::MakeSourceFile(name, std::move(text)));
  pack::LoadRawPackFiles(raw, sink);
  return CompileLoaded(raw, sink);
}

std::string_view RulesVersion(const RulePack& pack) { return pack.version; }

struct Screener::Frame : eval::Frame {
  using eval::Frame::Frame;
};

Screener::Screener(std::shared_ptr<const RulePack> pack)
    : pack_(std::move(pack)), frame_(std::make_unique<Frame>(*pack_)) {}

Screener::~Screener() = default;

void Screener::Screen(const Household& household, Date as_of, ReasonsMode reasons, Decision& out, bool render_texts) {
  frame_->Screen(household, as_of, reasons, out, render_texts);
}

int Screener::ParameterIndex(std::string_view name) const {
  for (size_t i = 0; i < pack_->params.size(); ++i)
    if (pack_->params[i].name == name) return static_cast<int>(i);
  return -1;
}

std::optional<Num> Screener::NumberParameter(int index, const Household& household, Date as_of) {
  if (index < 0 || index >= static_cast<int>(pack_->params.size())) return std::nullopt;
  Value v = frame_->ParameterFor(index, household, as_of);
  if (v.tag != Value::Tag::kNum) return std::nullopt;
  return v.n;
}

}  // namespace jiuzhu
