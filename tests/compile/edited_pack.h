// A copy of the shipped pack with one text replaced in one file, for tests of what a policy edit does.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// A copy of the shipped pack with one text replaced in one file; removed when done.
struct EditedPack {
  std::filesystem::path dir;
  EditedPack(const std::string& name, const std::string& file, const std::string& from, const std::string& to) {
    namespace fs = std::filesystem;
    dir = fs::temp_directory_path() / ("jiuzhu_checks_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(std::string(JIUZHU_SOURCE_DIR) + "/rules"))
      if (e.path().extension() == ".yaml") fs::copy_file(e.path(), dir / e.path().filename());
    std::ifstream in(dir / file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(dir / file, std::ios::trunc) << text;
  }
  ~EditedPack() { std::filesystem::remove_all(dir); }
};
