// The CSV worklists: UTF-8 with a BOM (so Excel opens them as UTF-8 rather than GBK), CRLF line ends and
// RFC 4180 quoting, every cell guarded against formula injection.
#include <cerrno>
#include <cstring>

#include "registry/database.h"
#include "registry/worklists_internal.h"

namespace jiuzhu::registry::worklists {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

void AppendField(std::string_view cell, std::string& out) { AppendCsvField(GuardFormula(cell), out); }

template <typename Range>
void BuildLine(const Range& cells, std::string& line) {
  line.clear();
  bool first = true;
  for (const auto& cell : cells) {
    if (!first) line += ',';
    first = false;
    AppendField(cell, line);
  }
  line += "\r\n";
}

std::string Failure(const std::string& what, const std::string& path) {
  return "cannot " + what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

std::string GuardFormula(std::string_view text) {
  bool formula_like = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');
  return formula_like ? "'" + std::string(text) : std::string(text);
}

bool CsvList::Open(const std::string& path, std::string& error) {
  path_ = path;
  file_.reset(std::fopen(path.c_str(), "wb"));
  if (!file_) {
    error = Failure("create", path);
    return false;
  }
  BuildLine(kHeader, line_);
  return WriteLine(std::string(kBom) + line_, error);
}

bool CsvList::Append(const Cells& cells, std::string& error) {
  BuildLine(cells, line_);
  return WriteLine(line_, error);
}

bool CsvList::WriteLine(const std::string& line, std::string& error) {
  if (std::fwrite(line.data(), 1, line.size(), file_.get()) == line.size()) return true;
  error = Failure("write", path_);
  return false;
}

bool CsvList::Close(std::string& error) {
  if (!file_) return true;
  // fclose flushes the buffer, so a full disk shows here; release() keeps the closer from closing twice.
  if (std::fclose(file_.release()) == 0) return true;
  error = Failure("write", path_);
  return false;
}

}  // namespace jiuzhu::registry::worklists
