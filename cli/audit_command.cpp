// jiuzhu audit --db REG.sqlite [--verify]: the audit log as JSON Lines, or a check of its hash chain (exit 1 at a
// break, naming the first entry that does not hold).
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "jiuzhu/server.h"
#include "options.h"

namespace jiuzhu::cli {

int AuditCommand(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, 2, {"--db"}, {"--verify"}, args, error)) return UsageError(error);
  if (!args.positional.empty()) return UsageError("audit takes no positional argument");
  auto db = args.Get("--db");
  if (!db) return UsageError("--db REG.sqlite is required");
  if (!std::filesystem::exists(*db)) return UsageError("no registry '" + *db + "'");
  if (!args.Has("--verify")) {
    PrintAuditLog(*db, stdout);
    return kExitOk;
  }
  std::string message;
  bool ok = VerifyAuditLog(*db, message);
  std::fprintf(ok ? stdout : stderr, "%s\n", message.c_str());
  return ok ? kExitOk : kExitFinding;
}

}  // namespace jiuzhu::cli
