// Serve(): checks what http.md asks before listening (loopback or TLS), opens the registry (migrating it), and
// runs the HTTP server over a Service with the real clock.
#include <ctime>

#include "jiuzhu/server.h"
#include "registry/schema.h"
#include "server/crypto.h"
#include "server/http_server.h"
#include "server/service.h"

namespace jiuzhu {

bool IsLoopbackAddress(const std::string& address) {
  return address == "localhost" || address == "::1" || address == "[::1]" || address.starts_with("127.");
}

int Serve(const ServeOptions& options, std::shared_ptr<const RulePack> pack, std::string& error) {
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    error = "--tls-cert and --tls-key go together";
    return 2;
  }
  if (!IsLoopbackAddress(options.bind) && options.tls_cert.empty()) {
    error = "--bind " + options.bind + " is not a loopback address: serving it needs --tls-cert FILE --tls-key FILE";
    return 2;
  }
  if (!server::InitCrypto()) {
    error = "libsodium could not be initialised";
    return 2;
  }
  try {
    registry::Database db(options.db, /*create=*/false);
    registry::EnsureSchema(db);
  } catch (const Error& e) {
    error = e.what();
    return 2;
  }
  server::ServiceConfig config;
  config.db_path = options.db;
  config.tls = !options.tls_cert.empty();
  config.now_seconds = [] { return static_cast<int64_t>(std::time(nullptr)); };
  config.today = [] { return Date::Today(); };
  server::Service service(std::move(config), std::move(pack));
  server::HttpOptions http{options.bind, options.port, options.tls_cert, options.tls_key, options.threads};
  return server::RunHttpServer(http, service, error);
}

}  // namespace jiuzhu
