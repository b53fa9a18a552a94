// The registry commands of shared/spec/registry.md:
//   jiuzhu registry import  --db REG.sqlite HOUSEHOLDS.jsonl
//   jiuzhu registry records --db REG.sqlite RECORDS.csv
//   jiuzhu batch  --db REG.sqlite --as-of YYYY-MM-DD [--rules DIR] [--worklists DIR] [--new-run] [--threads N]
//   jiuzhu export --db REG.sqlite [--run ID] [--format jsonl|csv]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "commands.h"
#include "jiuzhu/decision_writer.h"
#include "jiuzhu/registry.h"
#include "options.h"

namespace jiuzhu::cli {
namespace {

std::FILE* OpenInput(const std::string& path) { return path == "-" ? stdin : std::fopen(path.c_str(), "rb"); }

int Import(const Args& args, Registry& reg, const std::string& path) {
  std::FILE* in = OpenInput(path);
  if (!in) return UsageError("cannot open '" + path + "'");
  std::string out;
  ImportReport r = reg.ImportHouseholds(in, [&](int64_t line, const ReadResult& bad) {
    out.clear();
    AppendErrorJson(line, bad, out);
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
  });
  if (in != stdin) std::fclose(in);
  std::fprintf(stderr, "imported %lld households (%lld new, %lld replaced), %lld bad lines skipped\n",
               static_cast<long long>(r.inserted) + static_cast<long long>(r.replaced), static_cast<long long>(r.inserted),
               static_cast<long long>(r.replaced), static_cast<long long>(r.bad));
  (void)args;
  return r.bad > 0 ? kExitFinding : kExitOk;
}

int Records(Registry& reg, const std::string& path) {
  std::FILE* in = OpenInput(path);
  if (!in) return UsageError("cannot open '" + path + "'");
  RecordsReport r = reg.ImportRecords(in, std::filesystem::path(path).filename().string(), [&](int64_t line, const std::string& message) {
    std::fprintf(stdout, "%s:%lld: %s\n", path.c_str(), static_cast<long long>(line), message.c_str());
  });
  if (in != stdin) std::fclose(in);
  std::fprintf(stderr, "stored %lld records, %lld bad rows skipped\n", static_cast<long long>(r.stored), static_cast<long long>(r.bad));
  return r.bad > 0 ? kExitFinding : kExitOk;
}

std::unique_ptr<Registry> OpenRegistry(const Args& args, bool create, int& status) {
  auto db = args.Get("--db");
  if (!db) {
    status = UsageError("--db REG.sqlite is required");
    return nullptr;
  }
  if (!create && !std::filesystem::exists(*db)) {
    status = UsageError("no registry '" + *db + "'");
    return nullptr;
  }
  try {
    return Registry::Open(*db, create);
  } catch (const Error& e) {
    status = UsageError(e.what());
    return nullptr;
  }
}

// Progress on a terminal: one line rewritten in place; otherwise a plain log line every tenth of the run.
class Progress {
 public:
  Progress() : tty_(isatty(fileno(stderr))) {}
  void operator()(int64_t done, int64_t total) {
    if (first_ < 0) {  // the first call says where the run starts
      first_ = done;
      start_ = std::chrono::steady_clock::now();
      return;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = seconds > 0 ? static_cast<double>(done - first_) / seconds : 0;
    double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    if (tty_) {
      std::fprintf(stderr, "\r%lld/%lld households  %.0f/s  ETA %.0f s   ", static_cast<long long>(done),
                   static_cast<long long>(total), rate, eta);
      if (done >= total) std::fputc('\n', stderr);
    } else if (total > 0 && (done * 10 / total != last_decile_ || done >= total)) {
      last_decile_ = done * 10 / total;
      std::fprintf(stderr, "batch: %lld/%lld households, %.0f/s, ETA %.0f s\n", static_cast<long long>(done),
                   static_cast<long long>(total), rate, eta);
    }
  }

 private:
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  int64_t first_ = -1;
  int64_t last_decile_ = -1;
};

}  // namespace

int RegistryCommand(int argc, char** argv) {
  if (argc < 3) return UsageError("registry needs a subcommand: import or records");
  std::string sub = argv[2];
  if (sub != "import" && sub != "records") return UsageError("unknown registry subcommand '" + sub + "' (import or records)");
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, 3, {"--db"}, {}, args, error)) return UsageError(error);
  if (args.positional.size() != 1) return UsageError("registry " + sub + " takes one input file (or - for standard input)");
  int status = kExitUsage;
  auto reg = OpenRegistry(args, /*create=*/true, status);
  if (!reg) return status;
  return sub == "import" ? Import(args, *reg, args.positional[0]) : Records(*reg, args.positional[0]);
}

int BatchCommand(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, 2, {"--db", "--as-of", "--rules", "--worklists", "--threads"}, {"--new-run"}, args, error))
    return UsageError(error);
  if (!args.positional.empty()) return UsageError("batch takes no positional argument");
  BatchOptions options;
  auto as_of = args.Get("--as-of");
  if (!as_of) return UsageError("batch needs --as-of YYYY-MM-DD");
  auto date = Date::Parse(*as_of);
  if (!date) return UsageError("--as-of needs a date YYYY-MM-DD, got '" + *as_of + "'");
  options.as_of = *date;
  options.new_run = args.Has("--new-run");
  options.worklists_dir = args.Get("--worklists").value_or("");
  if (!ReadThreads(args, options.threads, error)) return UsageError(error);
  int status = kExitUsage;
  auto reg = OpenRegistry(args, /*create=*/false, status);
  if (!reg) return status;
  std::string rules = RulesDir(args);
  std::shared_ptr<const RulePack> pack = LoadPackOrReport(rules);
  if (!pack) return kExitUsage;
  Progress progress;
  options.progress = [&](int64_t done, int64_t total) { progress(done, total); };
  BatchReport r = reg->RunBatch(options, pack);
  std::printf("%s\n", r.summary_json.c_str());
  std::fprintf(stderr, "run %lld (%s): %lld households, %lld decided, %lld quarantined, %lld unmatched records%s%s\n",
               static_cast<long long>(r.run_id), r.already_done ? "already complete: nothing changed" : r.resumed ? "resumed and completed" : "completed",
               static_cast<long long>(r.total), static_cast<long long>(r.decided), static_cast<long long>(r.quarantined),
               static_cast<long long>(r.unmatched_records), options.worklists_dir.empty() ? "" : "; worklists in ",
               options.worklists_dir.c_str());
  return kExitOk;
}

int ExportCommand(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, 2, {"--db", "--run", "--format"}, {}, args, error)) return UsageError(error);
  std::string format = args.Get("--format").value_or("jsonl");
  if (format != "jsonl" && format != "csv") return UsageError("--format is jsonl or csv, got '" + format + "'");
  std::optional<int64_t> run;
  if (auto r = args.Get("--run")) {
    try {
      run = std::stoll(*r);
    } catch (...) {
      return UsageError("--run needs a run id, got '" + *r + "'");
    }
  }
  int status = kExitUsage;
  auto reg = OpenRegistry(args, /*create=*/false, status);
  if (!reg) return status;
  if (!reg->Export(run, format == "csv" ? ExportFormat::kCsv : ExportFormat::kJsonl, stdout, error)) return UsageError(error);
  return kExitOk;
}

}  // namespace jiuzhu::cli
