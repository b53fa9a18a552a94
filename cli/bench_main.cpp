// jiuzhu_bench: screening throughput and memory on synthetic households (deterministic, seeded).
//   build/jiuzhu_bench [--households N] [--rules DIR] [--as-of DATE]
// Generates N households as JSON Lines in memory, then measures, on one core:
//   read    — HouseholdReader::ReadJson only (contract validation included)
//   screen  — read + evaluate every program, reasons none
//   explain — read + evaluate with every reason rendered + the decision written as JSON
// and prints households per second for each and the process's peak RSS.
#include <sys/resource.h>

#include <chrono>
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

}  // namespace

int main(int argc, char** argv) {
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
