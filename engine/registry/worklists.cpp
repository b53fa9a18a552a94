// WriteWorklists: streams the rows once into the county-wide lists and once into the per-grid lists, one grid's
// files open at a time (the rows come grouped by grid), so memory does not grow with the number of rows.
#include "registry/worklists.h"

#include "base/id_number.h"

#include <cctype>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>

#include "registry/worklists_internal.h"

namespace jiuzhu::registry {

namespace worklists {

int StemIndex(std::string_view flag) {
  static constexpr std::array<std::pair<std::string_view, int>, 9> kFlagStems = {{{"missed", 0},
                                                                                  {"exit", 1},
                                                                                  {"phase_out", 2},
                                                                                  {"increase", 3},
                                                                                  {"decrease", 3},
                                                                                  {"review_due", 4},
                                                                                  {"undetermined", 5},
                                                                                  {"verify", 6},
                                                                                  {"data_mismatch", 7}}};
  for (const auto& [code, stem] : kFlagStems)
    if (code == flag) return stem;
  return -1;
}

namespace {

std::string Money(const std::optional<Num>& amount) {
  return amount && amount->IsValid() ? amount->ToFixed2() : std::string();
}

}  // namespace

void ToCells(const WorklistRow& row, Cells& cells) {
  cells = {row.household,        row.grid,          row.region,
           row.head_name,        MaskId(row.head_id), row.program,
           MaskId(row.member_id), Money(row.amount_now), Money(row.amount_new),
           row.reason};
}

ListSet::ListSet(std::string csv_dir, std::string xlsx_path, std::size_t max_sheet_rows)
    : csv_dir_(std::move(csv_dir)), book_(std::move(xlsx_path), csv_dir_, max_sheet_rows) {}

bool ListSet::Open(std::string& error) {
  for (std::size_t stem = 0; stem < kStemCount; ++stem)
    if (!csv_[stem].Open(csv_dir_ + "/" + std::string(kStems[stem]) + ".csv", error)) return false;
  return book_.Open(error);
}

bool ListSet::Append(std::size_t stem, const Cells& cells, std::string& error) {
  return csv_[stem].Append(cells, error) && book_.Append(stem, cells, error);
}

bool ListSet::Close(std::string& error) {
  for (CsvList& csv : csv_)
    if (!csv.Close(error)) return false;
  return book_.Close(error);
}

}  // namespace worklists

namespace {

using worklists::Cells;
using worklists::ListSet;

constexpr std::string_view kNoGrid = "未分网格";
// Room under NAME_MAX (255 bytes) for the ".xlsx" that follows a grid folder's name.
constexpr std::size_t kMaxFileNameBytes = 200;

bool MakeDirectory(const std::string& path, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (!ec) return true;
  error = "cannot create " + path + ": " + ec.message();
  return false;
}

// The next row a worklist takes, with its stem; rows of other flag codes are skipped.
bool NextRow(const RowSource& source, WorklistRow& row, std::size_t& stem) {
  while (source(row)) {
    int index = worklists::StemIndex(row.flag);
    if (index < 0) continue;
    stem = static_cast<std::size_t>(index);
    return true;
  }
  return false;
}

bool WriteCountyLists(const std::string& dir, const RowSource& source, std::size_t max_sheet_rows,
                      std::string& error) {
  ListSet lists(dir, dir + "/worklists.xlsx", max_sheet_rows);
  if (!lists.Open(error)) return false;
  WorklistRow row;
  Cells cells;
  for (std::size_t stem = 0; NextRow(source, row, stem);) {
    worklists::ToCells(row, cells);
    if (!lists.Append(stem, cells, error)) return false;
  }
  return lists.Close(error);
}

// Cuts at a character boundary (the sanitised name holds only ASCII and whole UTF-8 sequences).
std::string ClipBytes(std::string name, std::size_t max_bytes) {
  if (name.size() <= max_bytes) return name;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  name.resize(end);
  return name;
}

// The folder of a grid: its sanitised code, made unique when two codes sanitise alike ("a/b", "a_b") so that
// one grid's files never overwrite another's.
std::string GridFolder(const std::string& grid, std::set<std::string>& used) {
  std::string base = grid.empty() ? std::string(kNoGrid) : ClipBytes(SafeFileName(grid), kMaxFileNameBytes);
  std::string name = base;
  for (int n = 2; !used.insert(name).second; ++n) name = base + "_" + std::to_string(n);
  return name;
}

// Writes the lists of the grids one after another, each opened at its first row and closed at the next grid's.
class GridLists {
 public:
  GridLists(std::string dir, std::size_t max_sheet_rows) : dir_(std::move(dir)), max_sheet_rows_(max_sheet_rows) {}

  bool Append(const WorklistRow& row, std::size_t stem, std::string& error) {
    if (!current_ || row.grid != grid_) {
      if (!Close(error) || !Start(row.grid, error)) return false;
    }
    worklists::ToCells(row, cells_);
    return current_->Append(stem, cells_, error);
  }

  bool Close(std::string& error) {
    if (!current_) return true;
    bool ok = current_->Close(error);
    current_.reset();
    return ok;
  }

 private:
  bool Start(const std::string& grid, std::string& error) {
    if (!seen_grids_.insert(grid).second) {
      error = "worklist rows of grid " + grid + " are not contiguous in the per-grid order";
      return false;
    }
    grid_ = grid;
    std::string folder = dir_ + "/grids/" + GridFolder(grid, used_folders_);
    if (!MakeDirectory(folder, error)) return false;
    current_.emplace(folder, folder + ".xlsx", max_sheet_rows_);
    return current_->Open(error);
  }

  std::string dir_;
  std::size_t max_sheet_rows_;
  std::optional<ListSet> current_;
  std::string grid_;
  // Grids seen so far: memory grows with the number of grids, not of rows.
  std::set<std::string> seen_grids_, used_folders_;
  Cells cells_;
};

bool WriteGridLists(const std::string& dir, const RowSource& source, std::size_t max_sheet_rows,
                    std::string& error) {
  GridLists grids(dir, max_sheet_rows);
  WorklistRow row;
  for (std::size_t stem = 0; NextRow(source, row, stem);) {
    if (!grids.Append(row, stem, error)) return false;
  }
  return grids.Close(error);
}

// The code point of the UTF-8 sequence at s[i] and its length; length 0 when the bytes there are not valid UTF-8.
std::pair<char32_t, std::size_t> DecodeUtf8(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3
                                       : lead >= 0xF0 && lead < 0xF5 ? 4 : 0;
  if (length == 0 || i + length > s.size()) return {0, 0};
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, length};
}

// CJK ideographs: the unified blocks, their extensions, the compatibility blocks, and 〇.
bool IsCjk(char32_t cp) {
  return cp == 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0x30000 && cp <= 0x323AF);
}

bool KeepsInFileName(char32_t cp) {
  bool ascii_alnum = cp < 0x80 && std::isalnum(static_cast<unsigned char>(cp));
  return ascii_alnum || cp == '-' || cp == '_' || IsCjk(cp);
}

}  // namespace

bool WriteWorklists(const std::string& dir, const RowSource& by_household, const RowSource& by_grid,
                    std::string& error, std::size_t max_sheet_rows) {
  return MakeDirectory(dir, error) && WriteCountyLists(dir, by_household, max_sheet_rows, error) &&
         WriteGridLists(dir, by_grid, max_sheet_rows, error);
}

std::string MaskId(std::string_view id) { return base::MaskIdNumber(id); }

std::string SafeFileName(std::string_view grid) {
  std::string name;
  for (std::size_t i = 0; i < grid.size();) {
    auto [cp, length] = DecodeUtf8(grid, i);
    if (length > 0 && KeepsInFileName(cp)) {
      name.append(grid.substr(i, length));
    } else {
      name += '_';
    }
    i += length > 0 ? length : 1;
  }
  return name;
}

}  // namespace jiuzhu::registry
