// Internals of the worklist writer shared by worklists.cpp, worklists_csv.cpp and worklists_xlsx.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "registry/worklists.h"

namespace jiuzhu::registry::worklists {

// registry.md's table, in the order the sheets appear in a workbook.
inline constexpr std::array<std::string_view, 8> kStems = {"漏保",   "应退",   "渐退",   "增发减发",
                                                           "复核到期", "待补充", "待核实", "比对异常"};
inline constexpr std::size_t kStemCount = kStems.size();

// The stem index of a flag code, or -1 for a code no worklist takes.
int StemIndex(std::string_view flag);

inline constexpr std::array<std::string_view, 10> kHeader = {
    "户编号", "网格", "行政区划", "户主姓名", "户主身份证号", "项目", "成员身份证号", "现发金额", "应发金额", "原因"};
inline constexpr std::size_t kColumns = kHeader.size();
inline constexpr std::size_t kAmountNowColumn = 7;
inline constexpr std::size_t kAmountNewColumn = 8;
inline bool IsMoneyColumn(std::size_t c) { return c == kAmountNowColumn || c == kAmountNewColumn; }

// One row as the cells every format shows: ids masked, money as "1120.00" or "" (unguarded: a format that
// writes money as text must guard it itself).
using Cells = std::array<std::string, kColumns>;
void ToCells(const WorklistRow& row, Cells& cells);

// Prefixes "'" when the text would begin with '=', '+', '-' or '@', so no spreadsheet reads it as a formula.
std::string GuardFormula(std::string_view text);

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// An anonymous temporary file in `dir` (unlinked at once, so it vanishes however the process ends). It lives
// beside the output rather than in /tmp, which may be a small tmpfs. nullptr on failure.
File TemporaryFile(const std::string& dir);

// One CSV list: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, every cell formula-guarded.
class CsvList {
 public:
  bool Open(const std::string& path, std::string& error);
  bool Append(const Cells& cells, std::string& error);
  bool Close(std::string& error);

 private:
  bool WriteLine(const std::string& line, std::string& error);
  std::string path_;
  File file_;
  std::string line_;  // reused across rows
};

// One workbook with a sheet per stem. Rows arrive interleaved across stems, but a constant_memory workbook must
// be written sheet by sheet in order for the continuation sheets to sit right after their stem: each stem's rows
// are spilled to a temporary file as they come, and Close() writes the sheets one after another from the spills.
class XlsxBook {
 public:
  XlsxBook(std::string path, std::string tmpdir, std::size_t max_sheet_rows);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  bool Open(std::string& error);
  bool Append(std::size_t stem, const Cells& cells, std::string& error);
  bool Close(std::string& error);

 private:
  struct Writer;
  std::string path_, tmpdir_;
  std::size_t max_sheet_rows_;
  std::array<File, kStemCount> spills_;
};

// The name of the k-th sheet (k >= 1) of a stem: "漏保", "漏保(2)", ...
std::string SheetName(std::string_view stem, std::size_t k);

// The CSV lists and the workbook of one scope (the registry, or one grid).
class ListSet {
 public:
  ListSet(std::string csv_dir, std::string xlsx_path, std::size_t max_sheet_rows);
  bool Open(std::string& error);
  bool Append(std::size_t stem, const Cells& cells, std::string& error);
  bool Close(std::string& error);

 private:
  std::string csv_dir_;
  std::array<CsvList, kStemCount> csv_;
  XlsxBook book_;
};

}  // namespace jiuzhu::registry::worklists
