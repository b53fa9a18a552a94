// The worklist files: CSV bytes (BOM, header, quoting, masking, formula guard), the per-grid folders, empty lists,
// and the XLSX workbooks read back through a small zip reader (zlib), so the test does not need `unzip`.
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>
#include <string>
#include <vector>

#include "registry/worklists.h"

namespace fs = std::filesystem;
using jiuzhu::Num;
using jiuzhu::registry::MaskId;
using jiuzhu::registry::RowSource;
using jiuzhu::registry::SafeFileName;
using jiuzhu::registry::WorklistRow;
using jiuzhu::registry::WriteWorklists;

namespace {

const std::string kBom = "\xEF\xBB\xBF";
const std::string kHeaderLine = "户编号,网格,行政区划,户主姓名,户主身份证号,项目,成员身份证号,现发金额,应发金额,原因\r\n";
const std::vector<std::string> kStems = {"漏保", "应退", "渐退", "增发减发", "复核到期", "待补充", "待核实", "比对异常"};

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string name = (fs::temp_directory_path() / "jiuzhu-worklists-XXXXXX").string();
    path = mkdtemp(name.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string str() const { return path.string(); }
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

WorklistRow Row(std::string household, std::string grid, std::string flag) {
  WorklistRow r;
  r.household = std::move(household);
  r.grid = std::move(grid);
  r.region = "510502";
  r.head_name = "张三";
  r.head_id = "51050219800101123x";
  r.flag = std::move(flag);
  r.program = r.flag == "data_mismatch" ? "" : "dibao";
  r.reason = "理由";
  return r;
}

RowSource FromVector(std::vector<WorklistRow> rows) {
  return [rows = std::move(rows), next = std::size_t{0}](WorklistRow& row) mutable {
    if (next == rows.size()) return false;
    row = rows[next++];
    return true;
  };
}

// Writes `rows` (given in household order) the way the batch does: once as they are, once by (grid, household).
void Write(const std::string& dir, std::vector<WorklistRow> rows, std::size_t max_sheet_rows = 1048576) {
  std::vector<WorklistRow> by_grid = rows;
  std::stable_sort(by_grid.begin(), by_grid.end(), [](const WorklistRow& a, const WorklistRow& b) {
    return std::tie(a.grid, a.household) < std::tie(b.grid, b.household);
  });
  std::string error;
  REQUIRE(WriteWorklists(dir, FromVector(std::move(rows)), FromVector(std::move(by_grid)), error, max_sheet_rows));
  CHECK(error.empty());
}

uint32_t Le(const std::string& s, std::size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s.at(at + i));
  return v;
}

// The members of a zip archive, inflated: enough of the format to read what libxlsxwriter writes.
std::map<std::string, std::string> Unzip(const std::string& zip) {
  std::map<std::string, std::string> files;
  std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  REQUIRE(eocd != std::string::npos);
  std::size_t entries = Le(zip, eocd + 10, 2), at = Le(zip, eocd + 16, 4);
  for (std::size_t e = 0; e < entries; ++e) {
    REQUIRE(Le(zip, at, 4) == 0x02014b50);
    uint32_t method = Le(zip, at + 10, 2), packed = Le(zip, at + 20, 4), size = Le(zip, at + 24, 4);
    std::size_t name_len = Le(zip, at + 28, 2), local = Le(zip, at + 42, 4);
    std::string name = zip.substr(at + 46, name_len);
    at += 46 + name_len + Le(zip, at + 30, 2) + Le(zip, at + 32, 2);
    std::size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    std::string out(size, '\0');
    if (method == 0) {
      out = zip.substr(data, size);
    } else {
      REQUIRE(method == 8);
      z_stream z{};
      REQUIRE(inflateInit2(&z, -MAX_WBITS) == Z_OK);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = packed;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = size;
      int status = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      REQUIRE(status == Z_STREAM_END);
    }
    files[name] = out;
  }
  return files;
}

// The sheet names of a workbook, in order.
std::vector<std::string> SheetNames(const std::map<std::string, std::string>& files) {
  std::vector<std::string> names;
  const std::string& xml = files.at("xl/workbook.xml");
  for (std::size_t at = 0; (at = xml.find("<sheet name=\"", at)) != std::string::npos;) {
    at += 13;
    names.push_back(xml.substr(at, xml.find('"', at) - at));
  }
  return names;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
  return n;
}

}  // namespace

TEST_CASE("MaskId keeps the first 6 and last 4 characters, x upper-cased") {
  CHECK(MaskId("51050219800101123x") == "510502********123X");
  CHECK(MaskId("51050219800101123X") == "510502********123X");
  CHECK(MaskId("510502198001011234") == "510502********1234");
  CHECK(MaskId("") == "");
  CHECK(MaskId("510502800101123") == "510502********3");  // 15 characters: the slices clamp
}

TEST_CASE("SafeFileName keeps letters, digits, CJK, '-' and '_'") {
  CHECK(SafeFileName("江阳/01 组") == "江阳_01_组");
  CHECK(SafeFileName("Grid-7_b") == "Grid-7_b");
  CHECK(SafeFileName("../x") == "___x");
  CHECK(SafeFileName("a\\b:c*?") == "a_b_c__");
  CHECK(SafeFileName("（一）") == "_一_");  // full-width brackets are not letters
  CHECK(SafeFileName("a\xFF"
                     "b") == "a_b");  // invalid UTF-8: one '_' per bad byte
}

TEST_CASE("CSV lists: BOM, header, masking, money, quoting and the formula guard") {
  TempDir dir;
  WorklistRow missed = Row("H001", "江阳/01 组", "missed");
  missed.member_id = "51050220100101123x";
  missed.amount_new = Num::Int(1120);
  missed.reason = "月人均收入 620.00 元, 低于 \"标准\"\n请核实";
  WorklistRow formula = Row("H002", "", "increase");
  formula.head_name = "=HYPERLINK(\"x\")";
  formula.region = "+1";
  formula.reason = "@SUM(A1)";
  formula.amount_now = Num::Fen(50050);
  formula.amount_new = Num::Ratio(5060, 12);
  WorklistRow decrease = Row("H003", "", "decrease");
  decrease.head_name = "-2";
  Write(dir.str(), {missed, formula, decrease, Row("H004", "", "no_such_flag")});

  std::string csv = ReadAll(dir.path / "漏保.csv");
  CHECK(csv == kBom + kHeaderLine +
                   "H001,江阳/01 组,510502,张三,510502********123X,dibao,510502********123X,,1120.00,"
                   "\"月人均收入 620.00 元, 低于 \"\"标准\"\"\n请核实\"\r\n");
  CHECK(csv.find("19800101") == std::string::npos);

  CHECK(ReadAll(dir.path / "增发减发.csv") ==
        kBom + kHeaderLine +
            "H002,,'+1,\"'=HYPERLINK(\"\"x\"\")\",510502********123X,dibao,,500.50,421.67,'@SUM(A1)\r\n"
            "H003,,510502,'-2,510502********123X,dibao,,,,理由\r\n");
}

TEST_CASE("Every stem's list is written, empty ones with the header only") {
  TempDir dir;
  Write(dir.str(), {Row("H001", "G1", "verify")});
  for (const std::string& stem : kStems) {
    INFO(stem);
    std::string csv = ReadAll(dir.path / (stem + ".csv"));
    if (stem == "待核实") {
      CHECK(csv.size() > kBom.size() + kHeaderLine.size());
    } else {
      CHECK(csv == kBom + kHeaderLine);
    }
    CHECK(fs::exists(dir.path / "grids" / "G1" / (stem + ".csv")));
  }
}

TEST_CASE("Per-grid folders: sanitised names, 未分网格, only grids with rows") {
  TempDir dir;
  Write(dir.str(), {Row("H001", "江阳/01 组", "missed"), Row("H002", "", "exit"), Row("H003", "江阳/01 组", "exit"),
                    Row("H004", "G2", "unknown_flag")});
  fs::path grids = dir.path / "grids";
  CHECK(fs::is_directory(grids / "江阳_01_组"));
  CHECK(fs::is_directory(grids / "未分网格"));
  CHECK(fs::exists(grids / "江阳_01_组.xlsx"));
  CHECK(fs::exists(grids / "未分网格.xlsx"));
  CHECK_FALSE(fs::exists(grids / "G2"));  // its only row has no worklist
  std::size_t entries = std::distance(fs::directory_iterator(grids), fs::directory_iterator());
  CHECK(entries == 4);

  std::string grid_exit = ReadAll(grids / "江阳_01_组" / "应退.csv");
  CHECK(Count(grid_exit, "\r\n") == 2);
  CHECK(grid_exit.find("H003") != std::string::npos);
  CHECK(ReadAll(grids / "未分网格" / "漏保.csv") == kBom + kHeaderLine);
  CHECK(Count(ReadAll(dir.path / "应退.csv"), "\r\n") == 3);
}

TEST_CASE("Grids whose names sanitise alike get separate folders") {
  TempDir dir;
  Write(dir.str(), {Row("H001", "a/b", "missed"), Row("H002", "a_b", "missed")});
  CHECK(ReadAll(dir.path / "grids" / "a_b" / "漏保.csv").find("H001") != std::string::npos);
  CHECK(ReadAll(dir.path / "grids" / "a_b_2" / "漏保.csv").find("H002") != std::string::npos);
}

TEST_CASE("XLSX workbooks: valid zip, one sheet per stem, ids as strings, money as numbers") {
  TempDir dir;
  WorklistRow row = Row("H001", "G1", "increase");
  row.head_name = "=1+1";
  row.amount_now = Num::Fen(50050);
  row.amount_new = Num::Int(1120);
  Write(dir.str(), {row});

  std::string zip = ReadAll(dir.path / "worklists.xlsx");
  REQUIRE(zip.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(ReadAll(dir.path / "grids" / "G1.xlsx").substr(0, 2) == "PK");
  auto files = Unzip(zip);
  CHECK(SheetNames(files) == kStems);
  const std::string& sheet = files.at("xl/worksheets/sheet4.xml");  // 增发减发
  CHECK(sheet.find("<t>户编号</t>") != std::string::npos);
  CHECK(sheet.find("<t>510502********123X</t>") != std::string::npos);
  CHECK(sheet.find("<t>'=1+1</t>") != std::string::npos);
  CHECK(sheet.find("<f>") == std::string::npos);
  CHECK(sheet.find("<v>500.5</v>") != std::string::npos);
  CHECK(sheet.find("<v>1120</v>") != std::string::npos);
  CHECK(sheet.find("<col ") != std::string::npos);
  CHECK(files.at("xl/styles.xml").find("formatCode=\"0.00\"") != std::string::npos);
  CHECK(files.at("xl/worksheets/sheet1.xml").find("H001") == std::string::npos);

  if (std::system("command -v unzip >/dev/null 2>&1") == 0) {
    std::string test = "unzip -tq '" + (dir.path / "worklists.xlsx").string() + "' >/dev/null";
    CHECK(std::system(test.c_str()) == 0);
  }
}

TEST_CASE("A list longer than a sheet continues on the next sheets, right after its stem") {
  TempDir dir;
  std::vector<WorklistRow> rows;
  for (int i = 1; i <= 5; ++i) rows.push_back(Row("H00" + std::to_string(i), "G1", "missed"));
  rows.push_back(Row("H006", "G1", "exit"));
  rows.push_back(Row("H007", "G1", "exit"));
  Write(dir.str(), rows, /*max_sheet_rows=*/3);  // the header and 2 rows a sheet

  for (fs::path book : {dir.path / "worklists.xlsx", dir.path / "grids" / "G1.xlsx"}) {
    INFO(book.string());
    auto files = Unzip(ReadAll(book));
    CHECK(SheetNames(files) == std::vector<std::string>{"漏保", "漏保(2)", "漏保(3)", "应退", "渐退", "增发减发",
                                                        "复核到期", "待补充", "待核实", "比对异常"});
    const std::string& third = files.at("xl/worksheets/sheet3.xml");
    CHECK(third.find("<t>户编号</t>") != std::string::npos);
    CHECK(third.find("H005") != std::string::npos);
    CHECK(Count(third, "<row ") == 2);
    CHECK(Count(files.at("xl/worksheets/sheet2.xml"), "<row ") == 3);
    CHECK(Count(files.at("xl/worksheets/sheet4.xml"), "<row ") == 3);  // 应退 exactly fills its sheet
  }
  CHECK(Count(ReadAll(dir.path / "漏保.csv"), "\r\n") == 6);  // CSV has no row limit
}

TEST_CASE("An unwritable directory is reported, not thrown") {
  TempDir dir;
  std::ofstream(dir.path / "file") << "x";
  std::string error;
  CHECK_FALSE(WriteWorklists((dir.path / "file" / "sub").string(), FromVector({}), FromVector({}), error));
  CHECK_FALSE(error.empty());
}
