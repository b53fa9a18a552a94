// jiuzhu_bench: throughput and memory on synthetic households (deterministic, seeded).
//   build/jiuzhu_bench [--households N] [--rules DIR] [--as-of DATE]
//   build/jiuzhu_bench registry [--households N] [--threads T] [--dir DIR] [--repeat R]
// The registry mode runs the real commands as child processes — jiuzhu_county, registry import, registry
// records, batch, export — and reports each one's households/s, wall time and peak RSS (from wait4). The batch
// runs R times (default 3), each time on a fresh copy of the registry as `records` left it, and the median run
// is reported after them: the same binary measures 10-30 % apart from one moment to the next on this machine.
// Generates N households as JSON Lines in memory, then measures, on one core:
//   read    — HouseholdReader::ReadJson only (contract validation included)
//   screen  — read + evaluate every program, reasons none
//   explain — read + evaluate with every reason rendered + the decision written as JSON
// and prints households per second for each and the process's peak RSS.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "jiuzhu/decision_writer.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/household_reader.h"

namespace {

char CheckDigit(const std::string& first17) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

std::string IdNumber(std::mt19937& rng, const std::string& region, int birth_year, int seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", region.c_str(), birth_year,
                static_cast<int>(rng() % 12) + 1, static_cast<int>(rng() % 28) + 1, seq % 1000);
  std::string first17(buf, 17);
  return first17 + CheckDigit(first17);
}

// A county-like mix: most households not poor, a band near the standards, elderly alone, disabled members,
// students, enrolments right and wrong.
std::string MakeHousehold(std::mt19937& rng, int index) {
  static const char* kRegions[] = {"510502", "510503", "510504", "510521", "540102", "310120"};
  static const char* kRelations[] = {"spouse", "child", "child", "parent", "grandchild"};
  std::string region = kRegions[rng() % 6];
  bool rural = rng() % 2;
  int members = 1 + static_cast<int>(rng() % 4);
  std::string s = "{\"id\":\"H" + std::to_string(index) + "\",\"region\":\"" + region + "\",\"hukou\":\"" +
                  (rural ? "rural" : "urban") + "\",\"grid\":\"G" + std::to_string(rng() % 50) + "\",\"members\":[";
  for (int m = 0; m < members; ++m) {
    int year = 1935 + static_cast<int>(rng() % 85);
    if (m) s += ",";
    s += "{\"id\":\"" + IdNumber(rng, region, year, index * 7 + m) + "\",\"name\":\"成员" + std::to_string(m) +
         "\",\"relation\":\"" + (m == 0 ? "head" : kRelations[rng() % 5]) + "\"";
    if (rng() % 10 == 0) s += ",\"disability\":{\"category\":\"physical\",\"grade\":" + std::to_string(1 + rng() % 4) + "}";
    if (rng() % 20 == 0) s += ",\"serious_illness\":true";
    if (rng() % 15 == 0) s += ",\"self_care\":\"partial\"";
    int income = static_cast<int>(rng() % 3000);
    if (income > 300) s += ",\"incomes\":[{\"kind\":\"wage\",\"monthly\":" + std::to_string(income) + ".50" +
                           (rng() % 4 == 0 ? ",\"irregular\":true" : "") + "}]";
    s += "}";
  }
  s += "],\"assets\":{\"deposits\":" + std::to_string(rng() % 60000) + "}";
  if (rng() % 4 == 0) s += ",\"enrolments\":[{\"program\":\"dibao\",\"since\":\"2023-01-01\",\"monthly\":" + std::to_string(200 + rng() % 800) + ",\"last_review\":\"2024-06-30\"}]";
  if (rng() % 5 == 0) s += ",\"obligors\":[{\"id\":\"" + IdNumber(rng, "510502", 1975, index) + "\",\"relation\":\"child\"}]";
  return s + "}";
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

template <typename Fn>
double Rate(const char* label, size_t n, Fn fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double rate = static_cast<double>(n) / seconds;
  std::printf("%-8s %10.0f households/s  (%zu in %.2f s)\n", label, rate, n, seconds);
  return rate;
}

struct ChildResult {
  double seconds = 0;
  long peak_rss_kb = 0;
  int status = 0;
};

// Runs argv with stdout redirected to `out` ("" → /dev/null) and stderr to /dev/null.
ChildResult RunChild(const std::vector<std::string>& args, const std::string& out) {
  std::fflush(stdout);  // the child must not inherit (and print again) what is buffered
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen(out.empty() ? "/dev/null" : out.c_str(), "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  ChildResult r;
  rusage usage{};
  wait4(pid, &r.status, 0, &usage);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_rss_kb = usage.ru_maxrss;
  return r;
}

struct Step {
  const char* name;
  std::vector<std::string> args;
  std::string out;
};

void PrintStep(const std::string& name, size_t n, const ChildResult& r, bool ok) {
  std::printf("%-14s %14.0f %10.2f %12.1f%s\n", name.c_str(), static_cast<double>(n) / r.seconds, r.seconds,
              static_cast<double>(r.peak_rss_kb) / 1024.0, ok ? "" : "  FAILED");
  std::fflush(stdout);
}

// Untimed: the earlier steps' writes reach the disk first, so that no step pays for flushing another's (the first
// fsync of a step would otherwise wait for the file system to write back what the last step left).
ChildResult RunStep(const Step& step) {
  sync();
  return RunChild(step.args, step.out);
}

bool Succeeded(const ChildResult& r) { return WIFEXITED(r.status) && WEXITSTATUS(r.status) <= 1; }  // bad rows planted: exit 1

// Runs and prints each step in turn; false at the first that fails.
bool RunSteps(const std::vector<Step>& steps, size_t n) {
  for (const Step& step : steps) {
    ChildResult r = RunStep(step);
    PrintStep(step.name, n, r, Succeeded(r));
    if (!Succeeded(r)) return false;
  }
  return true;
}

// The registry as `records` left it (its WAL was checkpointed when that process closed it), copied to `to`.
void CopyRegistry(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(to + suffix);
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

int RegistryBench(const std::string& self, size_t n, const std::string& threads, const std::string& dir, int repeat) {
  std::string bin = self.substr(0, self.find_last_of('/') + 1);
  std::string loaded = dir + "/loaded.sqlite", db = dir + "/bench.sqlite";
  for (const std::string& f : {loaded, db})
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((f + suffix).c_str());
  std::string households = std::to_string(n);
  const std::vector<Step> load = {
      {"generate", {bin + "jiuzhu_county", "--households", households, "--seed", "1", "--out", dir}, ""},
      {"import", {bin + "jiuzhu", "registry", "import", "--db", loaded, dir + "/households.jsonl"}, ""},
      {"records", {bin + "jiuzhu", "registry", "records", "--db", loaded, dir + "/records.csv"}, ""},
  };
  const Step batch = {"batch", {bin + "jiuzhu", "batch", "--db", db, "--as-of", "2025-07-01", "--threads", threads}, ""};
  const std::vector<Step> after = {
      {"export", {bin + "jiuzhu", "export", "--db", db}, dir + "/export.jsonl"},
      {"worklists", {bin + "jiuzhu", "batch", "--db", db, "--as-of", "2025-07-01", "--worklists", dir + "/worklists"}, ""},
  };
  std::printf("jiuzhu_bench registry: %zu households, %s batch threads, %d batch runs, in %s\n", n, threads.c_str(), repeat, dir.c_str());
  std::printf("%-14s %14s %10s %12s\n", "step", "households/s", "wall s", "peak RSS MB");
  if (!RunSteps(load, n)) return 1;
  std::vector<ChildResult> runs;
  for (int i = 1; i <= repeat; ++i) {
    CopyRegistry(loaded, db);
    ChildResult r = RunStep(batch);
    PrintStep("batch " + std::to_string(i), n, r, Succeeded(r));
    if (!Succeeded(r)) return 1;
    runs.push_back(r);
  }
  std::sort(runs.begin(), runs.end(), [](const ChildResult& a, const ChildResult& b) { return a.seconds < b.seconds; });
  PrintStep("batch (median)", n, runs[runs.size() / 2], true);
  return RunSteps(after, n) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "registry") {
    size_t households = 100000;
    std::string threads = "2", dir = "/tmp/jiuzhu-bench";
    int repeat = 3;
    for (int i = 2; i + 1 < argc; i += 2) {
      std::string flag = argv[i];
      if (flag == "--households") households = std::stoul(argv[i + 1]);
      else if (flag == "--threads") threads = argv[i + 1];
      else if (flag == "--dir") dir = argv[i + 1];
      else if (flag == "--repeat") repeat = std::max(1, std::stoi(argv[i + 1]));
    }
    std::filesystem::create_directories(dir);
    return RegistryBench(argv[0], households, threads, dir, repeat);
  }
  size_t n = 200000;
  std::string rules = "rules", as_of_text = "2025-07-01";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--households") n = std::stoul(argv[i + 1]);
    else if (flag == "--rules") rules = argv[i + 1];
    else if (flag == "--as-of") as_of_text = argv[i + 1];
  }
  auto loaded = jiuzhu::LoadRulePack(rules);
  if (!loaded.ok()) {
    std::fprintf(stderr, "the rule pack in %s does not load\n", rules.c_str());
    return 2;
  }
  jiuzhu::Date as_of = *jiuzhu::Date::Parse(as_of_text);
  std::mt19937 rng(20251123);
  std::vector<std::string> lines;
  lines.reserve(n);
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    lines.push_back(MakeHousehold(rng, static_cast<int>(i)));
    bytes += lines.back().size();
  }
  std::printf("jiuzhu_bench: %zu synthetic households (%.1f MB of JSON Lines), one core, as of %s\n", n,
              static_cast<double>(bytes) / 1e6, as_of_text.c_str());
  jiuzhu::HouseholdReader reader;
  jiuzhu::Household h;
  jiuzhu::Screener screener(loaded.pack);
  jiuzhu::Decision d;
  std::string out;
  size_t rejected = 0, flags = 0, output_bytes = 0;
  Rate("read", n, [&] { for (const auto& l : lines) rejected += !reader.ReadJson(l, h).ok; });
  Rate("screen", n, [&] {
    for (const auto& l : lines) {
      if (!reader.ReadJson(l, h).ok) continue;
      screener.Screen(h, as_of, jiuzhu::ReasonsMode::kNone, d);
      flags += d.flags.size();
    }
  });
  Rate("explain", n, [&] {
    for (const auto& l : lines) {
      if (!reader.ReadJson(l, h).ok) continue;
      screener.Screen(h, as_of, jiuzhu::ReasonsMode::kAll, d);
      out.clear();
      jiuzhu::AppendDecisionJson(d, out);
      output_bytes += out.size();
    }
  });
  std::printf("rejected %zu, flags %zu, JSON written %.1f MB\n", rejected, flags, static_cast<double>(output_bytes) / 1e6);
  std::printf("peak RSS %.1f MB (the input lines held in memory included)\n", static_cast<double>(PeakRssKb()) / 1024.0);
  return 0;
}
