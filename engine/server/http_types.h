// A request and its answer as the router sees them, apart from the HTTP library (http_server.cpp fills and
// sends them), so that routing and handlers are tested without sockets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jiuzhu::server {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  std::string query;   // raw, after '?'
  std::string body;
  std::string cookie, origin, host, csrf_token;
  std::string client_address;
  bool tls = false;
  bool body_too_large = false;     // the body was over the limit and has been read and discarded
  bool headers_too_large = false;  // the header block was over the limit
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type and the security headers
};

// {"code", "message"} with `status`.
Response ErrorResponse(int status, std::string_view code, std::string_view message);

// Percent-decoding ('+' stays '+': only form bodies use it for space). nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text);
// name -> value, decoded; nullopt on a malformed escape. A repeated name keeps the last value.
std::optional<std::map<std::string, std::string>> ParseQuery(std::string_view query);
// The value of one cookie in a Cookie header; "" when absent.
std::string CookieValue(std::string_view header, std::string_view name);

}  // namespace jiuzhu::server
