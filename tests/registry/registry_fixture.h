// Helpers of the registry tests: a temporary registry, the oracle households as JSON Lines, import and export
// in memory, raw SQL on the file (to stage what an older jiuzhu left), the shipped pack.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "jiuzhu/engine.h"
#include "jiuzhu/registry.h"

namespace registry_test {

namespace fs = std::filesystem;

inline std::string Source(const std::string& rel) { return std::string(JIUZHU_SOURCE_DIR) + "/" + rel; }

inline std::string ReadAll(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A JSON file as one JSON Lines line.
inline std::string OneLine(const std::string& rel) {
  std::string text = ReadAll(Source(rel));
  for (char& c : text) if (c == '\n') c = ' ';
  return text + "\n";
}

// The oracle households as JSON Lines, one compact line each.
inline std::string OracleJsonl() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(Source("fixtures/oracle")))
    if (e.path().extension() == ".json" && e.path().string().find(".expected.") == std::string::npos) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string out;
  for (const auto& f : files) {
    std::string text = ReadAll(f);
    for (char& c : text) if (c == '\n') c = ' ';
    out += text + "\n";
  }
  return out;
}

struct TempRegistry {
  fs::path dir;
  std::string path;
  TempRegistry() {
    static int n = 0;
    dir = fs::temp_directory_path() / ("jiuzhu_reg_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    fs::create_directories(dir);
    path = (dir / "reg.sqlite").string();
  }
  ~TempRegistry() { fs::remove_all(dir); }
};

inline int64_t Import(jiuzhu::Registry& reg, const std::string& jsonl) {
  std::FILE* in = fmemopen(const_cast<char*>(jsonl.data()), jsonl.size(), "r");
  int64_t bad = 0;
  auto r = reg.ImportHouseholds(in, [&](int64_t, const jiuzhu::ReadResult&) { ++bad; });
  std::fclose(in);
  REQUIRE(bad == 0);
  return r.inserted + r.replaced;
}

inline std::string Export(jiuzhu::Registry& reg, std::optional<int64_t> run = std::nullopt) {
  char* buf = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buf, &size);
  std::string error;
  bool ok = reg.Export(run, jiuzhu::ExportFormat::kJsonl, out, error);
  std::fclose(out);
  std::string text(buf, size);
  std::free(buf);
  INFO(error);
  REQUIRE(ok);
  return text;
}

inline void Exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

inline std::shared_ptr<const jiuzhu::RulePack> Pack() {
  static auto loaded = jiuzhu::LoadRulePack(Source("rules"));
  REQUIRE(loaded.ok());
  return loaded.pack;
}

inline jiuzhu::BatchOptions Options(const char* as_of) {
  jiuzhu::BatchOptions o;
  o.as_of = *jiuzhu::Date::Parse(as_of);
  o.threads = 2;
  return o;
}

// The line of `household` in an export.
inline std::string ExportedLine(const std::string& exported, const std::string& household) {
  size_t at = exported.find("{\"household\":\"" + household + "\"");
  REQUIRE(at != std::string::npos);
  return exported.substr(at, exported.find('\n', at) - at);
}

}  // namespace registry_test
