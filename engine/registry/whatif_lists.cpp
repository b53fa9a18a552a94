#include "registry/whatif_lists.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "base/id_number.h"
#include "registry/database.h"

namespace jiuzhu::registry::whatif {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::array<double, kListHeader.size()> kWidths = {14, 12, 10, 10, 20, 18, 20, 10, 10, 12, 12, 12, 30, 70, 70};

// Money cells are numbers this program formatted ("-60.00" is not a formula), so only text cells are guarded.
bool IsMoney(std::size_t c) { return c >= 9 && c <= 11; }

void AppendCsvLine(const ListCells& cells, std::string& line) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) line += ',';
    AppendCsvField(IsMoney(c) ? cells[c] : worklists::GuardFormula(cells[c]), line);
  }
  line += "\r\n";
}

std::string Amount(const std::optional<Num>& n) { return n && n->IsValid() ? n->ToFixed2() : std::string(); }

}  // namespace

void ToListCells(const ListHousehold& h, const ResultChange& c, ListCells& cells) {
  cells[0] = h.id;
  cells[1] = h.grid;
  cells[2] = h.region;
  cells[3] = h.head_name;
  cells[4] = base::MaskIdNumber(h.head_id);
  cells[5] = c.program;
  cells[6] = base::MaskIdNumber(c.member);
  cells[7] = StatusZh(c.before);
  cells[8] = StatusZh(c.after);
  cells[9] = Amount(c.amount_before);
  cells[10] = Amount(c.amount_after);
  const Num before = c.amount_before && c.amount_before->IsValid() ? *c.amount_before : Num();
  const Num after = c.amount_after && c.amount_after->IsValid() ? *c.amount_after : Num();
  cells[11] = c.amount_before || c.amount_after ? Num::Fen(after.RoundFen() - before.RoundFen()).ToFixed2() : std::string();
  cells[12] = c.rules;
  cells[13] = c.reason_zh;
  cells[14] = c.reason_en;
}

struct ChangeLists::Book {
  lxw_workbook* book = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* money = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_row_t row = 0;
  std::size_t sheets = 0;
  lxw_error status = LXW_NO_ERROR;

  void Note(lxw_error e) {
    if (status == LXW_NO_ERROR) status = e;
  }
  void StartSheet() {
    sheet = workbook_add_worksheet(book, worklists::SheetName(kListStem, ++sheets).c_str());
    if (sheet == nullptr) return Note(LXW_ERROR_PARAMETER_VALIDATION);
    for (std::size_t c = 0; c < kListHeader.size(); ++c) {
      Note(worksheet_set_column(sheet, c, c, kWidths[c], nullptr));
      Note(worksheet_write_string(sheet, 0, c, std::string(kListHeader[c]).c_str(), bold));
    }
    row = 1;
  }
};

ChangeLists::ChangeLists(std::string dir, std::size_t max_sheet_rows)
    : dir_(std::move(dir)), max_sheet_rows_(std::clamp<std::size_t>(max_sheet_rows, 2, LXW_ROW_MAX)) {}

ChangeLists::~ChangeLists() {
  if (book_ && book_->book) workbook_close(book_->book);
}

bool ChangeLists::Open(std::string& error) {
  const std::string csv = dir_ + "/" + std::string(kListStem) + ".csv";
  csv_.reset(std::fopen(csv.c_str(), "wb"));
  if (!csv_) {
    error = "cannot create " + csv + ": " + std::strerror(errno);
    return false;
  }
  ListCells header;
  std::copy(kListHeader.begin(), kListHeader.end(), header.begin());
  line_ = kBom;
  AppendCsvLine(header, line_);
  if (!WriteCsv(error)) return false;
  const std::string xlsx = dir_ + "/" + std::string(kListStem) + ".xlsx";
  lxw_workbook_options options = {LXW_TRUE, dir_.data(), LXW_FALSE};  // constant_memory, tmpdir beside the output
  book_ = std::make_unique<Book>();
  book_->book = workbook_new_opt(xlsx.c_str(), &options);
  if (book_->book == nullptr) {
    error = "cannot create " + xlsx;
    return false;
  }
  book_->bold = workbook_add_format(book_->book);
  format_set_bold(book_->bold);
  book_->money = workbook_add_format(book_->book);
  format_set_num_format(book_->money, "0.00");
  book_->StartSheet();
  return true;
}

bool ChangeLists::Append(const ListCells& cells, std::string& error) {
  line_.clear();
  AppendCsvLine(cells, line_);
  if (!WriteCsv(error)) return false;
  Book& b = *book_;
  if (b.sheet && b.row == max_sheet_rows_) b.StartSheet();
  if (!b.sheet) return true;  // the error is in `status`, reported by Close()
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;  // an absent amount stays a blank cell, not 0
    if (IsMoney(c)) {
      double value = 0;  // from_chars: independent of the C locale's decimal point
      std::from_chars(cells[c].data(), cells[c].data() + cells[c].size(), value);
      b.Note(worksheet_write_number(b.sheet, b.row, c, value, b.money));
    } else {
      b.Note(worksheet_write_string(b.sheet, b.row, c, worklists::GuardFormula(cells[c]).c_str(), nullptr));
    }
  }
  ++b.row;
  return true;
}

bool ChangeLists::WriteCsv(std::string& error) {
  if (std::fwrite(line_.data(), 1, line_.size(), csv_.get()) == line_.size()) return true;
  error = "cannot write " + dir_ + "/" + std::string(kListStem) + ".csv: " + std::strerror(errno);
  return false;
}

bool ChangeLists::Close(std::string& error) {
  bool ok = true;
  if (csv_ && std::fclose(csv_.release()) != 0) {
    error = "cannot write " + dir_ + "/" + std::string(kListStem) + ".csv: " + std::strerror(errno);
    ok = false;
  }
  if (book_ && book_->book) {
    book_->Note(workbook_close(book_->book));  // always: it also frees the workbook
    book_->book = nullptr;
    if (ok && book_->status != LXW_NO_ERROR) {
      error = "cannot write " + dir_ + "/" + std::string(kListStem) + ".xlsx: " + lxw_strerror(book_->status);
      ok = false;
    }
  }
  return ok;
}

}  // namespace jiuzhu::registry::whatif
