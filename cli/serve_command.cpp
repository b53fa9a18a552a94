// jiuzhu serve --db REG.sqlite [--rules DIR] [--bind 127.0.0.1] [--port 8080] [--tls-cert FILE --tls-key FILE]
//              [--threads N]
// The caseworkers' server of shared/spec/http.md; the work is in engine/server/.
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "jiuzhu/server.h"
#include "options.h"

namespace jiuzhu::cli {

int ServeCommand(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, 2, {"--db", "--rules", "--bind", "--port", "--tls-cert", "--tls-key", "--threads"}, {}, args, error))
    return UsageError(error);
  if (!args.positional.empty()) return UsageError("serve takes no positional argument");
  ServeOptions options;
  auto db = args.Get("--db");
  if (!db) return UsageError("serve needs --db REG.sqlite");
  if (!std::filesystem::exists(*db)) return UsageError("no registry '" + *db + "'");
  options.db = *db;
  options.bind = args.Get("--bind").value_or("127.0.0.1");
  options.tls_cert = args.Get("--tls-cert").value_or("");
  options.tls_key = args.Get("--tls-key").value_or("");
  try {
    options.port = std::stoi(args.Get("--port").value_or("8080"));
    options.threads = std::stoi(args.Get("--threads").value_or("0"));
  } catch (...) {
    return UsageError("--port and --threads take numbers");
  }
  if (options.port < 0 || options.port > 65535 || options.threads < 0) return UsageError("--port is 0–65535, --threads ≥ 0");
  if ((options.tls_cert.empty() != options.tls_key.empty()) || (!IsLoopbackAddress(options.bind) && options.tls_cert.empty()))
    return UsageError("--bind " + options.bind + " is not loopback: it needs --tls-cert FILE and --tls-key FILE");
  std::shared_ptr<const RulePack> pack = LoadPackOrReport(RulesDir(args));
  if (!pack) return kExitUsage;
  int status = Serve(options, pack, error);
  if (status != 0) return UsageError(error);
  std::fputs("stopped\n", stderr);
  return kExitOk;
}

}  // namespace jiuzhu::cli
