// What-if, part 4: the runner. Loads the two packs (the new one possibly the base with --set overrides), then
// reads the registry as a batch does — chunks in id order, a worker pool, the records and 渐退期 proposals of
// each chunk — and decides every household under both packs. The reading thread folds each finished chunk into
// the counters and the change lists while the workers decide the next. The connection is query-only once its
// temporary record index is built: nothing is written into the registry.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "compile/compiler.h"
#include "compile/plan.h"
#include "jiuzhu/decision_writer.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/whatif.h"
#include "pack/param_override.h"
#include "registry/batch_reading.h"
#include "registry/whatif_compare.h"
#include "registry/whatif_lists.h"
#include "registry/whatif_totals.h"

namespace jiuzhu {
namespace {

using registry::ChunkFacts;
using registry::HouseholdInput;
using registry::whatif::ResultChange;

struct WhatifOutcome {
  bool needs_document = false;  // to be read again with its document (registry::RedoFromDocuments)
  bool quarantined = false;
  // The declared region (regions.yaml) the household takes its parameters from: the totals are per declared
  // region, the lists show the household's own code. A view into the base pack; its own code when undeclared.
  std::string_view declared_region;
  registry::whatif::ListHousehold household;
  registry::whatif::HouseholdDelta delta;
  std::vector<ResultChange> changes;
};

// One per thread: the batch's household loader, and a Screener per pack.
class WhatifWorker {
 public:
  WhatifWorker(const std::shared_ptr<const RulePack>& base, std::shared_ptr<const RulePack> next, const registry::RunContext& context)
      : context_(context), loader_(context), regions_(base->regions), base_(base), new_(std::move(next)) {}

  void Process(const HouseholdInput& in, const ChunkFacts& facts, WhatifOutcome& out) {
    out.changes.clear();
    out.household.id = in.id;
    ReadResult error;
    // Both packs see the facts the base pack reads.
    const registry::HouseholdLoader::Status loaded = loader_.Load(in, facts, base_, error);
    out.needs_document = loaded == registry::HouseholdLoader::Status::kNeedsDocument;
    out.quarantined = loaded == registry::HouseholdLoader::Status::kBroken;
    if (loaded != registry::HouseholdLoader::Status::kLoaded) return;
    const Household& h = loader_.household();
    out.household.region = h.region;
    out.household.grid = h.grid;
    out.declared_region = out.household.region;
    for (const plan::Region& r : regions_)  // longest first, as the evaluator looks parameters up
      if (h.region.compare(0, r.significant.size(), r.significant) == 0) {
        out.declared_region = r.code;
        break;
      }
    base_.Screen(h, context_.as_of, ReasonsMode::kAll, before_, /*render_texts=*/false);
    new_.Screen(h, context_.as_of, ReasonsMode::kAll, after_, /*render_texts=*/false);
    registry::whatif::CompareDecisions(before_, after_, out.changes);
    registry::whatif::Summarize(h, before_, after_, out.delta);
    if (out.changes.empty() || h.members.empty()) return;
    const Member* head = &h.members[0];
    for (const Member& m : h.members)
      if (m.relation == Relation::kHead) {
        head = &m;
        break;
      }
    out.household.head_name = head->name;
    out.household.head_id = head->id;
  }

 private:
  const registry::RunContext& context_;
  registry::HouseholdLoader loader_;
  const std::vector<plan::Region>& regions_;
  Screener base_, new_;
  Decision before_, after_;
};

using Pool = registry::WorkerPool<WhatifWorker, WhatifOutcome>;

WhatifReport Usage(std::string message) {
  WhatifReport r;
  r.failure = WhatifReport::Failure::kUsage;
  r.error = std::move(message);
  return r;
}

// The pack of `dir` with the overrides applied to its parameters before it is compiled.
LoadResult LoadWithOverrides(const std::string& dir, const std::vector<pack::ParamOverride>& overrides, Date from,
                             std::string& usage_error) {
  if (overrides.empty()) return LoadRulePack(dir);
  LoadResult result;
  pack::RawPack raw;
  pack::DiagnosticSink sink(raw.files);
  pack::LoadRawPack(dir, raw, sink);
  if (sink.errors() == 0 && !pack::ApplyParamOverrides(raw, overrides, from, usage_error)) return result;
  std::unique_ptr<RulePack> compiled;
  if (sink.errors() == 0) compiled = compile::Compile(raw, sink);
  if (compiled && sink.errors() == 0) compile::RunPackChecks(raw, *compiled, sink);
  if (sink.errors() == 0 && compiled) result.pack = std::shared_ptr<const RulePack>(std::move(compiled));
  result.diagnostics = std::move(sink.diagnostics());
  return result;
}

WhatifReport PackFailure(const std::string& which, const std::string& dir, LoadResult& loaded) {
  WhatifReport r;
  r.failure = WhatifReport::Failure::kPack;
  r.error = which + " pack '" + dir + "' does not load";
  r.diagnostics = std::move(loaded.diagnostics);
  return r;
}

int64_t SchemaVersion(registry::Database& db) {
  registry::Statement q = db.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  q.Step();
  if (q.Int(0) == 0) return 0;
  registry::Statement v = db.Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  return v.Step() ? std::stoll(std::string(v.Text(0))) : 0;
}

void AppendPackJson(const char* key, const std::string& dir, const RulePack& pack, const std::vector<std::string>* sets,
                    std::string& out) {
  out += '"';
  out += key;
  out += "\":{\"dir\":";
  AppendJsonString(dir, out);
  out += ",\"rules_version\":";
  AppendJsonString(RulesVersion(pack), out);
  if (sets) {
    out += ",\"set\":[";
    for (size_t i = 0; i < sets->size(); ++i) {
      if (i) out += ',';
      AppendJsonString((*sets)[i], out);
    }
    out += ']';
  }
  out += "},";
}

}  // namespace

WhatifReport RunWhatif(const WhatifOptions& options) {
  // Options and packs first: a mistake is reported before the registry is touched.
  std::vector<pack::ParamOverride> overrides(options.sets.size());
  std::string error;
  for (size_t i = 0; i < options.sets.size(); ++i)
    if (!pack::ParseParamOverride(options.sets[i], overrides[i], error)) return Usage(error);
  if (options.new_dir.empty() && overrides.empty()) return Usage("whatif needs --new DIR, or --set PARAM[@REGION][:HUKOU]=VALUE");
  LoadResult base = LoadRulePack(options.base_dir);
  if (!base.ok()) return PackFailure("the base (--base)", options.base_dir, base);
  const std::string new_dir = options.new_dir.empty() ? options.base_dir : options.new_dir;
  LoadResult next = LoadWithOverrides(new_dir, overrides, options.as_of, error);
  if (!error.empty()) return Usage(error);
  if (!next.ok()) return PackFailure("the new (--new)", new_dir, next);

  std::unique_ptr<registry::whatif::ChangeLists> lists;
  if (!options.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.out_dir, ec);
    if (ec) return Usage("--out " + options.out_dir + ": cannot create the folder: " + ec.message());
    lists = std::make_unique<registry::whatif::ChangeLists>(options.out_dir, registry::whatif::kSheetRows);
    if (!lists->Open(error)) return Usage("--out " + options.out_dir + ": " + error);
  }

  registry::Database db(options.db, /*create=*/false);
  // whatif only reads (query_only below), so it cannot apply migrations: it needs the facts cache (v2) and the
  // records' households (v5).
  if (int64_t v = SchemaVersion(db); v < 5)
    return Usage("--db " + options.db + ": registry schema version " + std::to_string(v) +
                 " predates the records' households (version 5); run `jiuzhu registry import` or `jiuzhu batch` on it once to upgrade it");
  db.Exec("PRAGMA query_only = ON");                     // from here on, any write would fail
  db.Exec("BEGIN");                                      // one snapshot for the whole pass
  registry::Statement count = db.Prepare("SELECT count(*) FROM households");
  count.Step();
  const int64_t all = count.Int(0);

  registry::RunContext context;
  context.as_of = options.as_of;
  const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<WhatifWorker>> workers;
  workers.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) workers.push_back(std::make_unique<WhatifWorker>(base.pack, next.pack, context));
  Pool pool(std::move(workers));
  registry::HouseholdQuery read{db.Prepare(registry::kHouseholdColumns + "FROM households h ORDER BY h.id LIMIT ?2"),
                                db.Prepare(registry::kHouseholdColumns + "FROM households h WHERE h.id > ?1 ORDER BY h.id LIMIT ?2")};
  registry::FactsReader facts(db, options.as_of);
  registry::DocumentReader documents(db);

  WhatifReport report;
  registry::whatif::Accumulator totals;
  registry::whatif::ListCells cells;
  if (options.progress) options.progress(0, all);
  bool list_failed = false;  // a list file could not be written: the pass stops there
  registry::ProcessInOrder(read, facts, documents, std::nullopt, all, pool, [&](const registry::Chunk<WhatifOutcome>& now) {
    for (size_t i = 0; i < now.n; ++i) {
      const WhatifOutcome& o = now.outcomes[i];
      ++report.households;
      if (o.quarantined) {
        ++report.quarantined;
        continue;
      }
      totals.Add(o.declared_region, o.household.grid, o.delta, !o.changes.empty());
      if (o.changes.empty()) continue;
      ++report.changed_households;
      report.changed_results += static_cast<int64_t>(o.changes.size());
      if (!lists) continue;
      for (const ResultChange& c : o.changes) {
        registry::whatif::ToListCells(o.household, c, cells);
        if (!lists->Append(cells, error)) {
          list_failed = true;
          return false;
        }
      }
    }
    if (options.progress) options.progress(report.households, all);
    return true;
  });
  if (list_failed) return Usage("--out " + options.out_dir + ": " + error);
  db.Exec("COMMIT");
  if (lists && !lists->Close(error)) return Usage("--out " + options.out_dir + ": " + error);

  std::string& json = report.summary_json;
  json = "{\"as_of\":\"" + options.as_of.ToString() + "\",";
  AppendPackJson("base", options.base_dir, *base.pack, nullptr, json);
  AppendPackJson("new", new_dir, *next.pack, &options.sets, json);
  json += "\"households\":" + std::to_string(report.households) + ",\"quarantined\":" + std::to_string(report.quarantined) +
          ",\"changed_households\":" + std::to_string(report.changed_households) +
          ",\"changed_results\":" + std::to_string(report.changed_results) + ",";
  totals.AppendJson(json);
  json += "}";
  report.table = "whatif " + options.as_of.ToString() + ": " + std::to_string(report.households) + " households (" +
                 std::to_string(report.quarantined) + " quarantined), " + std::to_string(report.changed_households) +
                 " with a changed result (" + std::to_string(report.changed_results) + " results)\n";
  totals.AppendTable(report.table);
  if (!options.out_dir.empty()) {
    const std::string path = options.out_dir + "/summary.json";
    std::ofstream out(path, std::ios::binary);
    out << json << '\n';
    if (!out) return Usage("--out " + options.out_dir + ": cannot write " + path);
  }
  return report;
}

}  // namespace jiuzhu
