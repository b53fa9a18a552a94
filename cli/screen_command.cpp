// `jiuzhu screen FILE|- [--as-of DATE] [--rules DIR] [--format json|text] [--lang zh|en]
//                        [--reasons all|deciding|none]`
// Decides households read from a .json / .yaml file (one household) or JSON Lines (.jsonl, or - for standard
// input), streaming line by line. Standard output carries only decisions or error objects, in input order.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "commands.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/household_reader.h"
#include "options.h"

namespace jiuzhu::cli {
namespace {

struct ScreenSettings {
  Date as_of;
  bool json = true;
  Lang lang = Lang::kZh;
  ReasonsMode reasons = ReasonsMode::kAll;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class ScreenRun {
 public:
  ScreenRun(std::shared_ptr<const RulePack> pack, ScreenSettings settings)
      : screener_(std::move(pack)), settings_(settings) {}

  enum class Result { kDecided, kRejected, kUnreadable };

  // Decides one household and prints its decision or error object. A single file that is not JSON/YAML at all
  // is kUnreadable and prints nothing (the caller reports it and exits 2).
  Result One(std::string_view text, bool yaml, std::optional<long> line) {
    ReadResult r = yaml ? reader_.ReadYaml(text, household_) : reader_.ReadJson(text, household_);
    if (!r.ok && !line && !r.errors.empty() && (r.errors[0].code == "bad_json" || r.errors[0].code == "bad_yaml")) {
      unreadable_message_ = r.errors[0].message;
      return Result::kUnreadable;
    }
    out_.clear();
    if (!r.ok) {
      if (settings_.json) AppendErrorJson(line, r, out_);
      else AppendErrorText(line, r, settings_.lang, out_);
    } else {
      screener_.Screen(household_, settings_.as_of, settings_.reasons, decision_);
      if (settings_.json) AppendDecisionJson(decision_, out_);
      else AppendDecisionText(decision_, settings_.lang, out_);
    }
    out_ += '\n';
    std::fwrite(out_.data(), 1, out_.size(), stdout);
    return r.ok ? Result::kDecided : Result::kRejected;
  }
  const std::string& unreadable_message() const { return unreadable_message_; }

 private:
  Screener screener_;
  ScreenSettings settings_;
  HouseholdReader reader_;
  Household household_;
  Decision decision_;
  std::string out_;
  std::string unreadable_message_;
};

// Reads JSON Lines from `in`, one household per non-empty line; line numbers count every line from 1.
// getline reuses one buffer, so memory does not grow with the number of lines.
int ScreenLines(std::FILE* in, ScreenRun& run) {
  int status = kExitOk;
  char* buffer = nullptr;
  size_t capacity = 0;
  long number = 0;
  ssize_t length;
  while ((length = getline(&buffer, &capacity, in)) >= 0) {
    ++number;
    std::string_view line(buffer, static_cast<size_t>(length));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (run.One(line, false, number) != ScreenRun::Result::kDecided) status = kExitFinding;
  }
  std::free(buffer);
  std::fflush(stdout);
  return status;
}

bool ParseSettings(const Args& args, ScreenSettings& s, std::string& error) {
  if (auto d = args.Get("--as-of")) {
    auto parsed = Date::Parse(*d);
    if (!parsed) { error = "--as-of needs a date YYYY-MM-DD, got '" + *d + "'"; return false; }
    s.as_of = *parsed;
  } else {
    s.as_of = Date::Today();
  }
  std::string format = args.Get("--format").value_or("json");
  if (format != "json" && format != "text") { error = "--format is json or text, got '" + format + "'"; return false; }
  s.json = format == "json";
  std::string lang = args.Get("--lang").value_or("zh");
  if (lang != "zh" && lang != "en") { error = "--lang is zh or en, got '" + lang + "'"; return false; }
  s.lang = lang == "zh" ? Lang::kZh : Lang::kEn;
  std::string reasons = args.Get("--reasons").value_or("all");
  if (reasons == "all") s.reasons = ReasonsMode::kAll;
  else if (reasons == "deciding") s.reasons = ReasonsMode::kDeciding;
  else if (reasons == "none") s.reasons = ReasonsMode::kNone;
  else { error = "--reasons is all, deciding or none, got '" + reasons + "'"; return false; }
  return true;
}

}  // namespace

int ScreenCommand(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, 2, {"--as-of", "--rules", "--format", "--lang", "--reasons"}, {}, args, error))
    return UsageError(error);
  if (args.positional.size() != 1) return UsageError("screen takes one input: a .json, .yaml or .jsonl file, or - for JSON Lines on standard input");
  ScreenSettings settings;
  if (!ParseSettings(args, settings, error)) return UsageError(error);
  std::shared_ptr<const RulePack> pack = LoadPackOrReport(RulesDir(args));
  if (!pack) return kExitUsage;
  const std::string& path = args.positional[0];
  ScreenRun run(pack, settings);
  if (path == "-") return ScreenLines(stdin, run);
  bool yaml = EndsWith(path, ".yaml") || EndsWith(path, ".yml");
  bool jsonl = EndsWith(path, ".jsonl");
  if (!yaml && !jsonl && !EndsWith(path, ".json"))
    return UsageError("'" + path + "' is not a .json, .yaml, .yml or .jsonl file");
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) return UsageError("cannot open '" + path + "'");
  if (jsonl) {
    int status = ScreenLines(in, run);
    std::fclose(in);
    return status;
  }
  std::string text;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) text.append(buffer, n);
  std::fclose(in);
  switch (run.One(text, yaml, std::nullopt)) {
    case ScreenRun::Result::kDecided: return kExitOk;
    case ScreenRun::Result::kRejected: return kExitFinding;
    case ScreenRun::Result::kUnreadable: break;
  }
  return UsageError("'" + path + "' is not a readable " + (yaml ? "YAML" : "JSON") + " document: " + run.unreadable_message());
}

}  // namespace jiuzhu::cli
