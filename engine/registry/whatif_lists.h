// What-if, part 3: the list of changed results, as CSV (the worklists' conventions: UTF-8 with a BOM, CRLF,
// RFC 4180, ID numbers masked, every text cell formula-guarded) and as an XLSX workbook written in constant
// memory (one sheet, continued on 变化名单(2)... past the sheet's row limit). Rows arrive in household id order.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "registry/whatif_compare.h"
#include "registry/worklists_internal.h"

namespace jiuzhu::registry::whatif {

inline constexpr std::string_view kListStem = "变化名单";
inline constexpr std::size_t kSheetRows = 1048576;  // Excel's rows per sheet, the header included

inline constexpr std::array<std::string_view, 15> kListHeader = {
    "户编号", "网格", "行政区划", "户主姓名", "户主身份证号", "项目", "成员身份证号", "原结果",
    "新结果", "原金额", "新金额", "金额变化", "变化规则", "原因", "Reason (English)"};
using ListCells = std::array<std::string, kListHeader.size()>;

// The household a change belongs to, as the lists show it.
struct ListHousehold {
  std::string id, grid, region, head_name, head_id;
};

// The cells of one change: ids masked, money "1120.00" ("" when absent), the difference signed.
void ToListCells(const ListHousehold& h, const ResultChange& c, ListCells& cells);

class ChangeLists {
 public:
  // `max_sheet_rows` counts the header row (tests make it small to see a continuation sheet).
  ChangeLists(std::string dir, std::size_t max_sheet_rows);
  ~ChangeLists();
  ChangeLists(const ChangeLists&) = delete;
  ChangeLists& operator=(const ChangeLists&) = delete;

  bool Open(std::string& error);                           // DIR/变化名单.csv, DIR/变化名单.xlsx
  bool Append(const ListCells& cells, std::string& error);
  bool Close(std::string& error);

 private:
  bool WriteCsv(std::string& error);  // line_ to the CSV file
  struct Book;
  std::string dir_;
  std::size_t max_sheet_rows_;
  worklists::File csv_;
  std::string line_;
  std::unique_ptr<Book> book_;
};

}  // namespace jiuzhu::registry::whatif
