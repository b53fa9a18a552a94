#include "options.h"

#include <cstdio>
#include <cstdlib>

namespace jiuzhu::cli {

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

bool ParseArgs(int argc, char** argv, int first, const std::set<std::string>& with_value,
               const std::set<std::string>& flags, Args& out, std::string& error) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 2 || arg.compare(0, 2, "--") != 0) {
      out.positional.push_back(arg);
      continue;
    }
    std::string name = arg, value;
    bool inline_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    if (flags.count(name) && !inline_value) {
      out.options[name] = "";
    } else if (with_value.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argc) { error = "option " + name + " needs a value"; return false; }
        value = argv[++i];
      }
      out.options[name] = value;
    } else {
      std::string known;
      for (const auto& o : with_value) known.append(" ").append(o);
      for (const auto& o : flags) known.append(" ").append(o);
      error = "unknown option " + name + " (accepted:" + known + ")";
      return false;
    }
  }
  return true;
}

std::string RulesDir(const Args& args) {
  if (auto dir = args.Get("--rules")) return *dir;
  if (const char* env = std::getenv("JIUZHU_RULES"); env && *env) return env;
  return "rules";
}

bool ReadThreads(const Args& args, int& threads, std::string& error) {
  auto t = args.Get("--threads");
  if (!t) return true;
  try {
    threads = std::stoi(*t);
  } catch (...) {
    error = "--threads needs a number, got '" + *t + "'";
    return false;
  }
  if (threads < 1) {
    error = "--threads needs a number ≥ 1";
    return false;
  }
  return true;
}

std::string Counted(int n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

int UsageError(const std::string& message) {
  std::fprintf(stderr, "jiuzhu: %s\n(see `jiuzhu help`)\n", message.c_str());
  return kExitUsage;
}

}  // namespace jiuzhu::cli
