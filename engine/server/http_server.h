// The HTTP(S) front of the Service (http_server.cpp): Boost.Beast, limits and timeouts of http.md.
#pragma once

#include <string>

#include "server/service.h"

namespace jiuzhu::server {

struct HttpOptions {
  std::string bind;
  int port = 8080;
  std::string tls_cert, tls_key;
  int threads = 0;
};

// Serves until SIGTERM/SIGINT (0), or returns 2 with `error` set when it cannot start.
int RunHttpServer(const HttpOptions& options, Service& service, std::string& error);

}  // namespace jiuzhu::server
