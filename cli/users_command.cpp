// jiuzhu users add     --db REG.sqlite NAME --role caseworker|supervisor|admin [--grids G1,G2] [--regions 510502,...]
// jiuzhu users passwd  --db REG.sqlite NAME
// jiuzhu users disable --db REG.sqlite NAME
// Passwords come from the first line of standard input (http.md); an empty one is exit 2, an existing name for
// `add` exit 1 with nothing changed.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "commands.h"
#include "jiuzhu/server.h"
#include "options.h"

namespace jiuzhu::cli {
namespace {

std::string ReadPasswordLine() {
  std::string line;
  for (int c; (c = std::fgetc(stdin)) != EOF && c != '\n';) line += static_cast<char>(c);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

// Who made the change, for the audit log: the login name of this process's user.
std::string Actor() {
  const char* name = std::getenv("USER");
  return std::string("cli:") + (name != nullptr ? name : std::to_string(getuid()).c_str());
}

int Finish(UserResult result, const std::string& error, const std::string& done) {
  switch (result) {
    case UserResult::kDone:
      std::fprintf(stderr, "%s\n", done.c_str());
      return kExitOk;
    case UserResult::kExists:
    case UserResult::kNoSuchUser:
      std::fprintf(stderr, "jiuzhu users: %s\n", error.c_str());
      return kExitFinding;
    case UserResult::kBadInput: break;
  }
  return UsageError(error);
}

}  // namespace

int UsersCommand(int argc, char** argv) {
  if (argc < 3) return UsageError("users needs a subcommand: add, passwd or disable");
  const std::string sub = argv[2];
  if (sub != "add" && sub != "passwd" && sub != "disable") return UsageError("unknown users subcommand '" + sub + "' (add, passwd, disable)");
  Args args;
  std::string error;
  const bool add = sub == "add";
  if (!ParseArgs(argc, argv, 3, add ? std::set<std::string>{"--db", "--role", "--grids", "--regions"} : std::set<std::string>{"--db"}, {}, args, error))
    return UsageError(error);
  if (args.positional.size() != 1) return UsageError("users " + sub + " takes one user name");
  auto db = args.Get("--db");
  if (!db) return UsageError("--db REG.sqlite is required");
  if (!std::filesystem::exists(*db)) return UsageError("no registry '" + *db + "'");
  const std::string& name = args.positional[0];
  if (sub == "disable") return Finish(DisableUser(*db, name, Actor(), error), error, "user " + name + " disabled");
  if (add && !args.Get("--role")) return UsageError("users add needs --role caseworker|supervisor|admin");
  std::string password = ReadPasswordLine();
  if (password.empty()) return UsageError("the password (first line of standard input) is empty");
  if (!add) return Finish(SetUserPassword(*db, name, password, Actor(), error), error, "password of " + name + " changed");
  NewUser user{name, *args.Get("--role"), Split(args.Get("--grids").value_or("")), Split(args.Get("--regions").value_or(""))};
  return Finish(AddUser(*db, user, password, Actor(), error), error, "user " + name + " added");
}

}  // namespace jiuzhu::cli
