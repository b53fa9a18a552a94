// The worklist files of `batch --worklists DIR` (registry.md "Worklists"): one list per flag stem, for the whole
// registry (DIR/<stem>.csv, DIR/worklists.xlsx) and per grid (DIR/grids/<grid>/<stem>.csv, DIR/grids/<grid>.xlsx).
// ID numbers are masked and no cell can start a formula, in CSV and XLSX alike. Memory stays flat however many
// rows there are: rows stream from callbacks and are written (or spilled to a temporary file) one at a time.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "jiuzhu/num.h"

namespace jiuzhu::registry {

struct WorklistRow {
  std::string household, grid, region, head_name, head_id;  // head_id unmasked: the writer masks it
  // decision.md flag code: missed, exit, phase_out, increase, decrease, review_due, undetermined, verify,
  // data_mismatch. Rows with any other code are skipped.
  std::string flag;
  std::string program;    // e.g. dibao ("" for data_mismatch)
  std::string member_id;  // unmasked; "" for household-level flags
  std::optional<Num> amount_now, amount_new;
  std::string reason;  // the flag's one-line message (Chinese)
};

// Fills `row` with the next row and returns true, or returns false at the end.
using RowSource = std::function<bool(WorklistRow&)>;

// Rows per XLSX sheet, header included (Excel's limit).
inline constexpr std::size_t kXlsxMaxSheetRows = 1048576;

// Writes every worklist file under `dir` (created if missing). `by_household` yields the rows in household id
// order (for the county-wide files), `by_grid` the same rows in (grid, household id) order (for the per-grid
// files; a grid's rows must be contiguous). Every stem's file is written even when empty; a grid folder only
// for grids with at least one row. `max_sheet_rows` (header included, at least 2) exists so tests can exercise
// the continuation sheets `<stem>(2)`, ... Returns false and sets `error` on an I/O failure.
bool WriteWorklists(const std::string& dir, const RowSource& by_household, const RowSource& by_grid,
                    std::string& error, std::size_t max_sheet_rows = kXlsxMaxSheetRows);

// http.md: id[0:6] + "********" + id[14:18] with 'x' upper-cased ("510502********123X"); "" stays "".
// Ids of another length are cut the same way (slices clamped), so at most 10 characters ever show.
std::string MaskId(std::string_view id);

// A grid code as a file name: every character other than ASCII letters, ASCII digits, CJK ideographs, '-' and
// '_' becomes '_' (one '_' per character; a byte that is not valid UTF-8 counts as one character).
std::string SafeFileName(std::string_view grid);

}  // namespace jiuzhu::registry
