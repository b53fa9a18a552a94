// Source files, positions and the diagnostic sink shared by every stage that reports on a pack.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/did_you_mean.h"
#include "pack/raw_pack.h"

namespace jiuzhu::pack {

std::string SourceFile::Line(int line) const {
  if (line < 1 || line > static_cast<int>(line_starts.size())) return "";
  size_t start = line_starts[line - 1];
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string s = text.substr(start, end - start);
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

SourceFile MakeSourceFile(std::string path, std::string text) {
  SourceFile f;
  f.path = std::move(path);
  f.text = std::move(text);
  f.line_starts.push_back(0);
  for (size_t i = 0; i < f.text.size(); ++i)
    if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
  return f;
}

Pos RawExpr::PosAt(int offset) const {
  Pos p = pos;
  if (!block) {
    p.column += offset;
    return p;
  }
  // A literal block keeps its line breaks: count them to find the line, then the column after the indent.
  int line = 0;
  int line_start = 0;
  for (int i = 0; i < offset && i < static_cast<int>(text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  p.line += line;
  p.column = indent + 1 + (offset - line_start);
  return p;
}

void DiagnosticSink::Add(Severity severity, Pos pos, std::string code, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  if (pos.file >= 0 && pos.file < static_cast<int>(files_.size())) {
    d.file = files_[pos.file].path;
    d.line = pos.line;
    d.column = pos.column;
    d.source_line = files_[pos.file].Line(pos.line);
  }
  if (severity == Severity::kError) ++errors_;
  diagnostics_.push_back(std::move(d));
}

std::vector<std::string> ListFiles(const std::string& dir, const std::string& ext) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ext) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace jiuzhu::pack

namespace jiuzhu {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    out += ": ";
  }
  out += d.code + ": ";
  if (d.severity == Severity::kWarning) out += "warning: ";
  out += d.message;
  if (!d.source_line.empty() && d.line > 0) {
    out += "\n    " + d.source_line + "\n    ";
    // The caret goes under the column counted in bytes; pad with the same bytes' display (tabs kept).
    for (int i = 0; i + 1 < d.column && i < static_cast<int>(d.source_line.size()); ++i)
      out += d.source_line[i] == '\t' ? '\t' : ' ';
    out += "^";
  }
  return out;
}

}  // namespace jiuzhu
