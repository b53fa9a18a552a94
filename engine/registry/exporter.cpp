// `export`: a run's Decisions in household id order — JSON Lines exactly as `screen --format json` prints them
// (texts rendered again from the run's stored pack), or CSV with one row per program result.
#include <simdjson.h>

#include "jiuzhu/decision_writer.h"
#include "registry/decision_codec.h"
#include "registry/sqlite_registry.h"

namespace jiuzhu::registry {

std::shared_ptr<const RulePack> StoredPack(Database& db, const std::string& version, std::string& error) {
  Statement q = db.Prepare("SELECT files FROM packs WHERE rules_version = ?");
  q.Bind(1, version);
  if (!q.Step()) {
    error = "the pack " + version + " of this run is not stored in the registry";
    return nullptr;
  }
  simdjson::dom::parser parser;
  simdjson::dom::object files;
  std::string text(q.Text(0));
  if (parser.parse(text).get(files) != simdjson::SUCCESS) {
    error = "the stored pack " + version + " is corrupt";
    return nullptr;
  }
  std::vector<std::pair<std::string, std::string>> sources;
  for (auto field : files) sources.emplace_back(std::string(field.key), std::string(std::string_view(field.value.get_string())));
  LoadResult loaded = LoadRulePackFromSources(std::move(sources));
  if (!loaded.ok()) error = "the stored pack " + version + " does not load";
  return loaded.pack;
}

namespace {

void AppendCsvRows(const Decision& d, std::string& out) {
  for (const ProgramResult& pr : d.programs) {
    std::string flags;
    for (const Flag& f : d.flags)
      if (f.program == pr.program && f.member == pr.member) flags += (flags.empty() ? "" : ";") + f.code;
    AppendCsvField(d.household, out);
    out += ',' + d.as_of.ToString() + ',';
    AppendCsvField(pr.program, out);
    out += ',';
    AppendCsvField(pr.member, out);
    out += std::string(",") + StatusName(pr.status) + ',';
    if (pr.monthly_amount) out += pr.monthly_amount->ToFixed2();
    out += pr.enrolled ? ",true," : ",false,";
    AppendCsvField(flags, out);
    out += '\n';
  }
}

}  // namespace

bool SqliteRegistry::Export(std::optional<int64_t> run, ExportFormat format, std::FILE* out, std::string& error) {
  Statement find = run ? db_.Prepare("SELECT id, as_of, rules_version, status, body_format FROM runs WHERE id = ?")
                       : db_.Prepare("SELECT id, as_of, rules_version, status, body_format FROM runs WHERE status = 'done' ORDER BY id DESC LIMIT 1");
  if (run) find.Bind(1, *run);
  if (!find.Step()) {
    error = run ? "no run " + std::to_string(*run) + " in this registry" : "no completed run in this registry: run `jiuzhu batch` first";
    return false;
  }
  int64_t id = find.Int(0);
  auto as_of = Date::Parse(find.Text(1));
  std::string version(find.Text(2));
  const int body_format = static_cast<int>(find.Int(4));
  if (find.Text(3) != "done") {
    error = "run " + std::to_string(id) + " is not complete: run the same `jiuzhu batch` command again to complete it";
    return false;
  }
  std::shared_ptr<const RulePack> pack = StoredPack(db_, version, error);
  if (!pack || !as_of) return false;
  DecisionCodec codec(*pack);
  Decision d;
  std::string line;
  if (format == ExportFormat::kCsv) {
    static const char kHeader[] = "household,as_of,program,member,status,monthly_amount,enrolled,flags\n";
    std::fwrite(kHeader, 1, sizeof kHeader - 1, out);
  }
  Statement rows = db_.Prepare("SELECT household_id, body FROM decisions WHERE run_id = ? ORDER BY household_id");
  rows.Bind(1, id);
  while (rows.Step()) {
    d.household = rows.Text(0);
    d.as_of = *as_of;
    d.rules_version = pack->version;
    if (!codec.Decode(rows.Blob(1), body_format, d)) {
      error = "the stored decision of " + d.household + " in run " + std::to_string(id) + " is corrupt";
      return false;
    }
    line.clear();
    if (format == ExportFormat::kJsonl) {
      AppendDecisionJson(d, line);
      line += '\n';
    } else {
      AppendCsvRows(d, line);
    }
    std::fwrite(line.data(), 1, line.size(), out);
  }
  return true;
}

}  // namespace jiuzhu::registry

namespace jiuzhu {
std::unique_ptr<Registry> Registry::Open(const std::string& path, bool create) {
  return std::make_unique<registry::SqliteRegistry>(path, create);
}
}  // namespace jiuzhu
