// The HTTP layer: Boost.Beast over Asio, plain or TLS (OpenSSL), one io_context run by a thread per core.
// Each connection reads a request's header (at most 16 KiB counted; a hard stop at 64 KiB), then its body (at
// most 1 MiB kept; a longer one is read and discarded so that the 413 reaches the client), within 30 seconds
// per request; then the Service answers it. Requests that hash a password run on a small pool of their own so
// that the I/O threads keep serving. At most 256 connections at once; further ones are closed at accept.
#include "server/http_server.h"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <limits>
#include <optional>
#include <thread>
#include <vector>

namespace jiuzhu::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kHeaderHardLimit = 64 * 1024;
constexpr std::uint64_t kBodyLimit = 1024 * 1024;
// A body announced longer than this is not read at all: the connection is answered 413 and closed.
constexpr std::uint64_t kDiscardLimit = 64 * 1024 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr int kMaxConnections = 256;

struct Shared {
  Service& service;
  asio::thread_pool& slow;
  std::atomic<int> connections{0};
};

template <typename Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(Stream stream, Shared& shared, bool tls, std::string address)
      : stream_(std::move(stream)), shared_(shared), tls_(tls), address_(std::move(address)) {}
  ~Connection() { --shared_.connections; }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      ReadHeader();
    } else {
      beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (!ec) self->ReadHeader();
      });
    }
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(kHeaderHardLimit));
    // No limit while the header is read (Beast would refuse a long Content-Length there, before we can answer
    // 401 or discard the body); the limit is set once the header is in. (Not boost::none: Beast 1.74 compares
    // a Content-Length with it as "greater than none" and refuses every body.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) { self->OnHeader(ec, n); });
  }

  void OnHeader(beast::error_code ec, std::size_t bytes) {
    if (ec == http::error::header_limit) return Fail(431, "headers_too_large", "the headers are over 16 KiB");
    if (ec) {
      // A parse error leaves the bytes it refused in the buffer (`bytes` is 0 then): answer them with a 400. A
      // client that merely closed, went quiet or reset the connection gets nothing.
      const bool gone = ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
                        ec == asio::error::connection_reset || ec == asio::error::eof || ec == http::error::partial_message;
      if (!gone && (bytes > 0 || buffer_.size() > 0)) return Fail(400, "bad_request", "the request is not well-formed HTTP");
      return Close();
    }
    request_ = Request{};
    request_.headers_too_large = bytes > kHeaderLimit;
    auto length = parser_->content_length();
    if (length && *length > kBodyLimit) {
      request_.body_too_large = true;
      if (*length > kDiscardLimit) return Answer(/*close=*/true);
      discard_left_ = *length;
      return Discard();
    }
    parser_->body_limit(kBodyLimit);
    http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code e, std::size_t) { self->OnBody(e); });
  }

  // Reads and drops a body announced too long, so that the client, still sending, receives the 413.
  void Discard() {
    std::size_t buffered = std::min<std::uint64_t>(buffer_.size(), discard_left_);
    buffer_.consume(buffered);
    discard_left_ -= buffered;
    if (discard_left_ == 0) return Answer(/*close=*/true);
    scratch_.resize(64 * 1024);
    stream_.async_read_some(asio::buffer(scratch_.data(), std::min<std::uint64_t>(scratch_.size(), discard_left_)),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->Close();
                              self->discard_left_ -= std::min<std::uint64_t>(n, self->discard_left_);
                              if (self->discard_left_ == 0) return self->Answer(true);
                              self->Discard();
                            });
  }

  void OnBody(beast::error_code ec) {
    if (ec == http::error::body_limit) {  // a chunked body past the limit: it cannot be skipped in step
      request_.body_too_large = true;
      return Answer(/*close=*/true);
    }
    if (ec) return ec == beast::error::timeout || ec == http::error::end_of_stream ? Close() : Fail(400, "bad_request", "the request body is not well-formed HTTP");
    Answer(!parser_->get().keep_alive());
  }

  void FillRequest() {
    const auto& m = parser_->get();
    request_.method = std::string(m.method_string());
    std::string_view target(m.target().data(), m.target().size());
    std::size_t q = target.find('?');
    request_.path = std::string(target.substr(0, q));
    request_.query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
    if (!request_.body_too_large) request_.body = m.body();
    auto header = [&](auto field) { auto it = m.find(field); return it == m.end() ? std::string() : std::string(it->value()); };
    request_.cookie = header(http::field::cookie);
    request_.origin = header(http::field::origin);
    request_.host = header(http::field::host);
    request_.csrf_token = header("X-CSRF-Token");
    request_.client_address = address_;
    request_.tls = tls_;
  }

  void Answer(bool close) {
    close_ = close;
    FillRequest();
    if (Service::IsSlow(request_)) {
      asio::post(shared_.slow, [self = this->shared_from_this()] {
        Response r = self->shared_.service.Handle(self->request_);
        asio::post(self->stream_.get_executor(), [self, r = std::move(r)]() mutable { self->Write(std::move(r)); });
      });
      return;
    }
    Write(shared_.service.Handle(request_));
  }

  void Fail(int status, const char* code, const char* message) {
    close_ = true;
    Response r = ErrorResponse(status, code, message);
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("Cache-Control", "no-store");
    Write(std::move(r));
  }

  void Write(Response r) {
    response_.emplace();
    response_->version(11);
    response_->result(static_cast<unsigned>(r.status));
    response_->set(http::field::server, "jiuzhu");
    if (!r.content_type.empty()) response_->set(http::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers) response_->insert(name, value);
    response_->keep_alive(!close_);
    if (request_.method != "HEAD") response_->body() = std::move(r.body);
    response_->prepare_payload();
    http::async_write(stream_, *response_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || self->close_) return self->Close();
      self->ReadHeader();
    });
  }

  void Close() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    } else {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    }
  }

  Stream stream_;
  Shared& shared_;
  bool tls_;
  std::string address_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  Request request_;
  std::uint64_t discard_left_ = 0;
  std::string scratch_;
  bool close_ = false;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::acceptor acceptor, Shared& shared, asio::ssl::context* tls)
      : ioc_(ioc), acceptor_(std::move(acceptor)), shared_(shared), tls_(tls) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) self->Start(std::move(socket));
      self->Accept();
    });
  }
  void Stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  void Start(tcp::socket socket) {
    if (shared_.connections.load() >= kMaxConnections) {
      beast::error_code ec;
      socket.close(ec);
      return;
    }
    ++shared_.connections;
    beast::error_code ec;
    std::string address = socket.remote_endpoint(ec).address().to_string();
    if (tls_ != nullptr) {
      std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(
          beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tls_), shared_, true, address)
          ->Start();
    } else {
      std::make_shared<Connection<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), shared_, false, address)->Start();
    }
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  Shared& shared_;
  asio::ssl::context* tls_;
};

std::optional<asio::ssl::context> MakeTls(const HttpOptions& options, std::string& error) {
  if (options.tls_cert.empty()) return std::nullopt;
  asio::ssl::context ctx(asio::ssl::context::tls_server);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                  asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  beast::error_code ec;
  ctx.use_certificate_chain_file(options.tls_cert, ec);
  if (ec) {
    error = "cannot use the certificate '" + options.tls_cert + "': " + ec.message();
    return std::nullopt;
  }
  ctx.use_private_key_file(options.tls_key, asio::ssl::context::pem, ec);
  if (ec) {
    error = "cannot use the key '" + options.tls_key + "': " + ec.message();
    return std::nullopt;
  }
  return ctx;
}

}  // namespace

int RunHttpServer(const HttpOptions& options, Service& service, std::string& error) {
  std::optional<asio::ssl::context> tls = MakeTls(options, error);
  if (!error.empty()) return 2;
  const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Declared before the io_context: handlers still queued when it is destroyed reference them.
  asio::thread_pool slow(static_cast<std::size_t>(threads));
  Shared shared{service, slow};
  asio::io_context ioc(threads);
  beast::error_code ec;
  auto address = asio::ip::make_address(options.bind == "localhost" ? "127.0.0.1" : options.bind, ec);
  if (ec) {
    error = "--bind needs an IP address, got '" + options.bind + "'";
    return 2;
  }
  tcp::acceptor acceptor(ioc);
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + options.bind + ":" + std::to_string(options.port) + ": " + ec.message();
    return 2;
  }
  const unsigned short port = acceptor.local_endpoint().port();
  auto listener = std::make_shared<Listener>(ioc, std::move(acceptor), shared, tls ? &*tls : nullptr);
  listener->Accept();
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    listener->Stop();
    ioc.stop();
  });
  std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  std::fprintf(stderr, "listening on %s://%s:%u\n", tls ? "https" : "http", host.c_str(), port);
  std::fflush(stderr);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  slow.join();
  return 0;
}

}  // namespace jiuzhu::server
