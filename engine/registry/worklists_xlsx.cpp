// The XLSX worklists, written with libxlsxwriter in constant_memory mode: the library then keeps only the
// current row of a sheet in memory and streams the rest to a temporary file, but only if rows reach each sheet in
// order. Rows arrive interleaved across stems, and a sheet added later lands after every existing sheet, so the
// stems' rows are first spilled to one temporary file each (length-prefixed cells) and Close() writes the
// sheets stem after stem, adding a continuation sheet right where its stem's sheet fills up.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "registry/worklists_internal.h"

namespace jiuzhu::registry::worklists {
namespace {

// Widths (in characters) chosen for the column contents: ids of 18, amounts, a long reason.
constexpr std::array<double, kColumns> kColumnWidths = {14, 12, 14, 10, 20, 12, 20, 12, 12, 60};

// Excel's limit on the characters of one cell.
constexpr std::size_t kMaxCellChars = 32767;

std::string_view ClipChars(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool starts_char = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts_char && chars++ == max_chars) return s.substr(0, i);
  }
  return s;
}

bool WriteCells(std::FILE* f, const Cells& cells) {
  for (const std::string& cell : cells) {
    auto size = static_cast<uint32_t>(cell.size());
    if (std::fwrite(&size, sizeof size, 1, f) != 1) return false;
    if (std::fwrite(cell.data(), 1, cell.size(), f) != cell.size()) return false;
  }
  return true;
}

enum class ReadResult { kRow, kEnd, kError };

ReadResult ReadCells(std::FILE* f, Cells& cells) {
  for (std::size_t c = 0; c < kColumns; ++c) {
    uint32_t size = 0;
    if (std::fread(&size, sizeof size, 1, f) != 1) return c == 0 && std::feof(f) ? ReadResult::kEnd : ReadResult::kError;
    cells[c].resize(size);
    if (std::fread(cells[c].data(), 1, size, f) != size) return ReadResult::kError;
  }
  return ReadResult::kRow;
}

double MoneyValue(const std::string& text) {
  // from_chars, not strtod: it ignores the C locale's decimal point.
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

File TemporaryFile(const std::string& dir) {
  std::string name = dir + "/.worklists-XXXXXX";
  int fd = mkstemp(name.data());
  if (fd < 0) return nullptr;
  unlink(name.c_str());
  File file(fdopen(fd, "w+b"));
  if (!file) close(fd);
  return file;
}

std::string SheetName(std::string_view stem, std::size_t k) {
  return k <= 1 ? std::string(stem) : std::string(stem) + "(" + std::to_string(k) + ")";
}

// The state of writing one workbook in Close(); the first libxlsxwriter error is kept.
struct XlsxBook::Writer {
  lxw_workbook* book = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* money = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_row_t row = 0;
  lxw_error status = LXW_NO_ERROR;

  void Note(lxw_error e) {
    if (status == LXW_NO_ERROR) status = e;
  }

  bool StartSheet(std::string_view stem, std::size_t k) {
    sheet = workbook_add_worksheet(book, SheetName(stem, k).c_str());
    if (sheet == nullptr) {
      Note(LXW_ERROR_PARAMETER_VALIDATION);
      return false;
    }
    for (std::size_t c = 0; c < kColumns; ++c) {
      Note(worksheet_set_column(sheet, c, c, kColumnWidths[c], nullptr));
      Note(worksheet_write_string(sheet, 0, c, std::string(kHeader[c]).c_str(), bold));
    }
    row = 1;
    return true;
  }

  void WriteRow(const Cells& cells) {
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (cells[c].empty()) continue;  // an absent amount stays a blank cell, not 0
      if (IsMoneyColumn(c)) {
        Note(worksheet_write_number(sheet, row, c, MoneyValue(cells[c]), money));
      } else {
        // Ids stay strings (never numbers, which would lose digits); guarded like the CSV cells.
        std::string text(ClipChars(GuardFormula(cells[c]), kMaxCellChars));
        Note(worksheet_write_string(sheet, row, c, text.c_str(), nullptr));
      }
    }
    ++row;
  }

  // The stem's sheet and its continuations, from the stem's spill. False when the spill cannot be read back.
  bool WriteStem(std::string_view stem, std::FILE* spill, std::size_t max_sheet_rows) {
    if (spill == nullptr) return false;  // Open() failed or was not called
    std::size_t k = 1;
    if (!StartSheet(stem, k)) return true;  // the error is in `status`
    std::rewind(spill);
    Cells cells;
    ReadResult r;
    while ((r = ReadCells(spill, cells)) == ReadResult::kRow) {
      if (row == max_sheet_rows && !StartSheet(stem, ++k)) return true;
      WriteRow(cells);
    }
    return r == ReadResult::kEnd;
  }
};

XlsxBook::XlsxBook(std::string path, std::string tmpdir, std::size_t max_sheet_rows)
    : path_(std::move(path)),
      tmpdir_(std::move(tmpdir)),
      max_sheet_rows_(std::clamp<std::size_t>(max_sheet_rows, 2, LXW_ROW_MAX)) {}

XlsxBook::~XlsxBook() = default;

bool XlsxBook::Open(std::string& error) {
  for (File& spill : spills_) {
    spill = TemporaryFile(tmpdir_);
    if (spill) continue;
    error = "cannot create a temporary file in " + tmpdir_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool XlsxBook::Append(std::size_t stem, const Cells& cells, std::string& error) {
  if (WriteCells(spills_[stem].get(), cells)) return true;
  error = "cannot write a temporary file in " + tmpdir_ + ": " + std::strerror(errno);
  return false;
}

bool XlsxBook::Close(std::string& error) {
  lxw_workbook_options options = {LXW_TRUE, tmpdir_.data(), LXW_FALSE};  // constant_memory, tmpdir, no zip64
  Writer w;
  w.book = workbook_new_opt(path_.c_str(), &options);
  if (w.book == nullptr) {
    error = "cannot create " + path_;
    return false;
  }
  w.bold = workbook_add_format(w.book);
  format_set_bold(w.bold);
  w.money = workbook_add_format(w.book);
  format_set_num_format(w.money, "0.00");
  bool spills_ok = true;
  for (std::size_t stem = 0; stem < kStemCount && spills_ok; ++stem) {
    spills_ok = w.WriteStem(kStems[stem], spills_[stem].get(), max_sheet_rows_);
    spills_[stem].reset();
  }
  w.Note(workbook_close(w.book));  // always: it also frees the workbook
  if (!spills_ok) error = "cannot read back a temporary file in " + tmpdir_;
  else if (w.status != LXW_NO_ERROR) error = "cannot write " + path_ + ": " + lxw_strerror(w.status);
  return spills_ok && w.status == LXW_NO_ERROR;
}

}  // namespace jiuzhu::registry::worklists
