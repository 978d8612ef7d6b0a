#include "http/server.hpp"

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"
#include "core/logging.hpp"
#include "core/strings.hpp"
#include "http/dispatcher.hpp"
#include "http/websocket.hpp"

namespace cc::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

class Session;
class WsSession;

struct Server::Impl {
  Impl(ServerOptions o, Dispatcher& d)
      : options(std::move(o)),
        dispatcher(d),
        io_threads(options.io_threads > 0 ? options.io_threads
                                          : std::max(1u, std::thread::hardware_concurrency())),
        blocking_count(options.blocking_threads > 0 ? options.blocking_threads
                                                    : 4 * std::max(1u, std::thread::hardware_concurrency())),
        acceptor_context(1),
        acceptor(acceptor_context),
        signals(acceptor_context, SIGINT, SIGTERM),
        blocking(static_cast<std::size_t>(blocking_count)),
        writes(static_cast<std::size_t>(options.write_threads > 0 ? options.write_threads : blocking_count)),
        heavy(static_cast<std::size_t>(options.heavy_threads > 0
                                           ? options.heavy_threads
                                           : std::max(1u, std::thread::hardware_concurrency()))) {
    // One io_context per I/O thread: a connection lives on one thread for its whole life, so its handlers
    // need no strand and threads never contend for a shared scheduler queue.
    for (int i = 0; i < io_threads; ++i) contexts.push_back(std::make_unique<net::io_context>(1));
  }

  void accept();
  void begin_shutdown();
  void add(const std::shared_ptr<Session>& s);
  void remove(Session* s);
  void add(const std::shared_ptr<WsSession>& s);
  void remove(WsSession* s);
  bool drained() const { return sessions.empty() && ws_sessions.empty(); }

  ServerOptions options;
  Dispatcher& dispatcher;
  int io_threads;
  int blocking_count;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::size_t next_context = 0;
  net::io_context acceptor_context;  // accepting and signals; run by the thread that calls run()
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::thread_pool blocking;
  net::thread_pool writes;  // requests that change data spend most of their time waiting for a durable commit
  net::thread_pool heavy;

  std::mutex mutex;
  std::condition_variable cv;
  bool stopping = false;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::unordered_map<WsSession*, std::weak_ptr<WsSession>> ws_sessions;
};

// A WebSocket connection after the handshake. Everything runs on the connection's I/O thread; send() and
// close() post to it. Outgoing messages wait in a queue bounded in messages and bytes: a client that stops
// reading is disconnected once its queue is full, so publishers never block and other clients never wait.
class WsSession : public WebSocketConnection, public std::enable_shared_from_this<WsSession> {
 public:
  static constexpr std::size_t kMaxQueuedMessages = 4096;
  static constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;
  static constexpr std::size_t kMaxIncomingMessage = 64 * 1024;

  WsSession(beast::tcp_stream&& stream, Server::Impl& server, std::shared_ptr<WebSocketSession> handlers)
      : ws_(std::move(stream)), server_(server), handlers_(std::move(handlers)) {}
  ~WsSession() override { server_.remove(this); }

  void start(std::shared_ptr<bhttp::request<bhttp::empty_body>> request) {
    target_ = std::string(request->target().substr(0, request->target().find('?')));
    beast::get_lowest_layer(ws_).expires_never();  // the websocket stream keeps its own timers
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(10);
    // Half way through a silent period the server pings; a client that does not answer by the end is gone.
    timeouts.idle_timeout = std::chrono::seconds(30);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(bhttp::field::server, "CommandCenter"); }));
    ws_.read_message_max(kMaxIncomingMessage);
    ws_.async_accept(*request, [self = shared_from_this(), request](beast::error_code ec) {
      if (ec) return self->teardown(ec);
      self->open_ = true;
      if (self->handlers_->on_open) self->handlers_->on_open(self);
      self->read();
    });
  }

  // Called from any thread. Messages collect in an inbox; only the first of a burst wakes the I/O thread,
  // which then takes the whole inbox at once (a job publishing a progress event per row costs one wake-up
  // per burst, not one per message).
  bool send(std::shared_ptr<const std::string> text) override {
    if (!open_.load(std::memory_order_acquire)) return false;
    bool wake;
    {
      std::lock_guard lock(inbox_mutex_);
      wake = inbox_.empty();
      inbox_.push_back(std::move(text));
    }
    if (wake) net::post(ws_.get_executor(), [self = shared_from_this()] { self->take_inbox(); });
    return true;
  }

  void close(int code, std::string reason) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
      if (self->closed_ || self->close_requested_) return;
      self->close_requested_ = true;
      self->close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
      self->open_ = false;
      if (!self->writing_) self->send_close();
    });
  }

 private:
  void take_inbox() {
    std::vector<std::shared_ptr<const std::string>> arrived;
    {
      std::lock_guard lock(inbox_mutex_);
      arrived.swap(inbox_);
    }
    for (auto& text : arrived) {
      if (closed_ || close_requested_) return;
      if (queue_.size() >= kMaxQueuedMessages || queued_bytes_ + text->size() > kMaxQueuedBytes) {
        log::warn("ws.slow_consumer_dropped", {{"queued", queue_.size()}, {"bytes", queued_bytes_}});
        return teardown(beast::error_code{});
      }
      queued_bytes_ += text->size();
      queue_.push_back(std::move(text));
    }
    if (!writing_ && !queue_.empty()) write_next();
  }

  void write_next() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return self->teardown(ec);
                      ++self->sent_;
                      self->queued_bytes_ -= self->queue_.front()->size();
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) return self->write_next();
                      self->writing_ = false;
                      if (self->close_requested_) self->send_close();
                    });
  }

  void send_close() {
    if (closed_) return;
    ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code) {
      // After our close frame the peer answers with its own; keep reading until the read fails.
    });
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec == beast::error::timeout) {
        // No pong to our keep-alive pings for the idle timeout: the client is gone or has stopped reading.
        log::warn("ws.unresponsive_dropped",
                  {{"queued", self->queue_.size()}, {"bytes", self->queued_bytes_}});
      }
      if (ec) return self->teardown(ec);
      if (self->handlers_->on_message && self->ws_.got_text()) {
        auto data = self->buffer_.cdata();
        self->handlers_->on_message(std::string_view(static_cast<const char*>(data.data()), data.size()));
      }
      self->buffer_.consume(self->buffer_.size());
      self->buffer_.shrink_to_fit();  // idle connections keep no read buffer
      self->read();
    });
  }

  // The end of the connection, however it came: one log line says how (the close code we sent, or the error
  // that ended it) and how many messages went out.
  void teardown(beast::error_code ec) {
    if (closed_) return;
    closed_ = true;
    std::optional<std::int64_t> close_code;
    std::string close_reason;
    if (close_requested_) {
      close_code = static_cast<std::int64_t>(close_reason_.code);
      close_reason.assign(close_reason_.reason.data(), close_reason_.reason.size());
    }
    // A close handshake that ended as it should (the read we had pending is aborted, or sees the close) is no
    // error.
    bool clean =
        !ec || ec == websocket::error::closed || (close_requested_ && ec == net::error::operation_aborted);
    std::string error = clean ? std::string() : ec.message();
    log::info("ws.closed", {{"path", target_},
                            {"sent", sent_},
                            {"unsent", queue_.size()},
                            {"close_code", close_code},
                            {"close_reason", close_reason},
                            {"error", error}});
    open_ = false;
    queue_.clear();
    queued_bytes_ = 0;
    {
      std::lock_guard lock(inbox_mutex_);
      inbox_.clear();
    }
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
    if (handlers_->on_close) handlers_->on_close();
  }

  websocket::stream<beast::tcp_stream> ws_;
  Server::Impl& server_;
  std::shared_ptr<WebSocketSession> handlers_;
  beast::flat_buffer buffer_;
  std::mutex inbox_mutex_;
  std::vector<std::shared_ptr<const std::string>> inbox_;  // sent, not yet taken by the I/O thread
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  std::size_t sent_ = 0;
  std::string target_;
  std::atomic<bool> open_{false};
  bool writing_ = false;
  bool closed_ = false;
  bool close_requested_ = false;
  websocket::close_reason close_reason_;

 public:
  // Server shutdown: tell the client we are going away.
  void shutdown() { close(close_code::GoingAway, "server shutting down"); }
};

// One connection: reads a request (idle → header → body, each with its own deadline), hands it to the
// dispatcher (on the blocking pool unless the route is non-blocking), writes the response, and repeats.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() { server_.remove(this); }

  void start() {
    // All work of a session runs on the single thread of its io_context, so its members need no locks.
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
  }

  // Called at shutdown: an idle connection closes now, a busy one after its response.
  void shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->draining_ = true;
      if (!self->busy_) self->close();
    });
  }

 private:
  void wait_for_request() {
    if (draining_) return close();
    if (buffer_.size() > 0) return read_header();
    stream_.expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(8192),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    busy_ = true;
    received_ = Clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    // The body limit depends on the route (uploads may be larger); it is set once the headers are in.
    parser_->body_limit(boost::none);
    // Most requests arrive whole in one read: parse what is buffered right here, and only go back to the
    // socket for the part that is missing.
    beast::error_code ec;
    while (buffer_.size() > 0 && !parser_->is_header_done()) {
      auto used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec || used == 0) break;
    }
    if (ec == bhttp::error::need_more) ec = {};
    if (ec || parser_->is_header_done()) return on_header(ec);
    stream_.expires_after(server_.options.header_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec2, std::size_t) { self->on_header(ec2); });
  }

  void on_header(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) {
      return refuse(Error(ErrorKind::BadRequest, "The request headers are too large"), 431);
    }
    if (ec == bhttp::error::body_limit)
      return refuse(Error::payload_too_large(server_.options.max_body_bytes));
    if (ec) return fail_read(ec);
    auto& msg = parser_->get();
    std::string_view target(msg.target().data(), msg.target().size());
    match_ = server_.dispatcher.route(
        parse_method(std::string_view(msg.method_string().data(), msg.method_string().size())),
        target.substr(0, target.find('?')));
    std::size_t limit = body_limit();
    if (auto length = parser_->content_length(); length && *length > limit) {
      return refuse(Error::payload_too_large(limit));
    }
    parser_->body_limit(limit);
    if (parser_->is_done()) return on_request();
    auto expect = msg[bhttp::field::expect];
    if (iequals(std::string_view(expect.data(), expect.size()), "100-continue")) {
      auto cont =
          std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, msg.version());
      bhttp::async_write(stream_, *cont,
                         [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
                           if (wec) return self->close();
                           self->read_body();
                         });
      return;
    }
    read_body();
  }

  void read_body() {
    beast::error_code ec;
    while (buffer_.size() > 0 && !parser_->is_done()) {
      auto used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec || used == 0) break;
    }
    if (ec == bhttp::error::need_more) ec = {};
    if (ec == bhttp::error::body_limit) return refuse(Error::payload_too_large(body_limit()));
    if (ec) return fail_read(ec);
    if (parser_->is_done()) return on_request();
    stream_.expires_after(server_.options.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec == bhttp::error::body_limit)
                          return self->refuse(Error::payload_too_large(self->body_limit()));
                        if (ec) return self->fail_read(ec);
                        self->on_request();
                      });
  }

  std::size_t body_limit() const {
    return server_.dispatcher.body_limit(match_, server_.options.max_body_bytes);
  }

  void fail_read(beast::error_code ec) {
    // A clean close between requests, a timeout or a reset ends the connection quietly; a malformed request
    // gets a 400 first.
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted || ec == net::error::eof ||
        !parser_ || !parser_->got_some()) {
      return close();
    }
    refuse(Error::bad_request("The request is not valid HTTP/1.1: " + ec.message()));
  }

  Request make_request() {
    auto msg = parser_->release();
    Request r;
    r.method = parse_method(std::string_view(msg.method_string().data(), msg.method_string().size()));
    r.target.assign(msg.target().data(), msg.target().size());
    auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query_string = r.target.substr(q + 1);
    r.headers.reserve(8);
    for (const auto& field : msg) {
      auto name = field.name_string();
      r.headers.push_back({to_lower(std::string_view(name.data(), name.size())),
                           std::string(field.value().data(), field.value().size())});
    }
    r.keep_alive = msg.keep_alive();
    r.body = std::move(msg.body());
    r.remote_address = remote_;
    return r;
  }

  void on_request() {
    auto request = std::make_shared<Request>(make_request());
    parser_.reset();
    RouteMatch match = std::move(match_);
    if (!match.route || !match.route->blocking || request->method == Method::Options) {
      respond(request, server_.dispatcher.handle(*request, std::move(match), received_));
      return;
    }
    bool reads = request->method == Method::Get || request->method == Method::Head;
    auto& pool = match.route->cpu_heavy ? server_.heavy : (reads ? server_.blocking : server_.writes);
    net::post(
        pool, [self = shared_from_this(), request, match = std::move(match), received = received_]() mutable {
          auto response = self->server_.dispatcher.handle(*request, std::move(match), received);
          net::post(self->stream_.get_executor(), [self, request, response = std::move(response)]() mutable {
            self->respond(request, std::move(response));
          });
        });
  }

  void refuse(const Error& error, int status_override = 0) {
    Request request;
    if (parser_) {
      auto& msg = parser_->get();
      request.method = parse_method(std::string_view(msg.method_string().data(), msg.method_string().size()));
      std::string target(msg.target().data(), msg.target().size());
      request.path = target.substr(0, target.find('?'));
    }
    request.remote_address = remote_;
    auto response = server_.dispatcher.refuse(request, error, received_);
    if (status_override) response.status = status_override;
    response.close = true;
    refused_ = true;
    parser_.reset();
    respond(std::make_shared<Request>(std::move(request)), std::move(response));
  }

  // After refusing a request whose body is still arriving, read and discard what the client keeps sending for
  // a bounded time and amount before closing: closing with unread data makes the kernel send a reset, and the
  // client would lose our 413 before reading it.
  void linger_then_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(5));
    drain();
  }

  void drain() {
    auto scratch = std::make_shared<std::array<char, 16384>>();
    stream_.async_read_some(net::buffer(*scratch),
                            [self = shared_from_this(), scratch](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrainBytes) return self->close();
                              self->drain();
                            });
  }

  // The route accepted a WebSocket: the connection now belongs to a WsSession.
  void upgrade(const Request& request, std::shared_ptr<WebSocketSession> handlers) {
    auto req = std::make_shared<bhttp::request<bhttp::empty_body>>(bhttp::verb::get, request.target, 11);
    for (const auto& h : request.headers) req->insert(h.name, h.value);
    busy_ = false;
    auto ws = std::make_shared<WsSession>(std::move(stream_), server_, std::move(handlers));
    server_.add(ws);
    ws->start(std::move(req));
  }

  void respond(const std::shared_ptr<Request>& request, Response response) {
    if (response.status == 101 && response.upgrade) return upgrade(*request, std::move(response.upgrade));
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    for (auto& h : response.headers) res->insert(h.name, h.value);
    if (!response.content_type.empty()) res->set(bhttp::field::content_type, response.content_type);
    bool close_after = response.close || !request->keep_alive || draining_;
    res->keep_alive(!close_after);
    if (request->method == Method::Head) {
      res->content_length(response.body.size());
    } else {
      res->body() = std::move(response.body);
      res->prepare_payload();
    }
    stream_.expires_after(server_.options.body_timeout);
    bool linger = response.close && refused_;
    bhttp::async_write(
        stream_, *res,
        [self = shared_from_this(), res, close_after, linger](beast::error_code ec, std::size_t) {
          self->busy_ = false;
          if (!ec && linger) return self->linger_then_close();
          if (ec || close_after) return self->close();
          self->wait_for_request();
        });
  }

  void close() {
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  RouteMatch match_;  // found from the request line, before the body is read
  std::string remote_;
  Clock::time_point received_;
  bool busy_ = false;
  bool draining_ = false;
  bool refused_ = false;
  std::size_t drained_ = 0;
  static constexpr std::size_t kMaxDrainBytes = 64 * 1024 * 1024;
};

void Server::Impl::add(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(mutex);
  sessions.emplace(s.get(), s);
}

void Server::Impl::remove(Session* s) {
  std::lock_guard lock(mutex);
  sessions.erase(s);
  if (drained()) cv.notify_all();
}

void Server::Impl::add(const std::shared_ptr<WsSession>& s) {
  std::lock_guard lock(mutex);
  ws_sessions.emplace(s.get(), s);
  if (stopping) net::post(acceptor.get_executor(), [s] { s->shutdown(); });
}

void Server::Impl::remove(WsSession* s) {
  std::lock_guard lock(mutex);
  ws_sessions.erase(s);
  if (drained()) cv.notify_all();
}

void Server::Impl::accept() {
  auto& context = *contexts[next_context];
  next_context = (next_context + 1) % contexts.size();
  acceptor.async_accept(context, [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      log::warn("http.accept_failed", {{"error", ec.message()}});
    } else {
      beast::error_code opt_ec;
      socket.set_option(tcp::no_delay(true), opt_ec);
      auto session = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock(mutex);
        if (stopping) return;  // the socket closes with the session
      }
      add(session);
      session->start();
    }
    accept();
  });
}

void Server::Impl::begin_shutdown() {
  std::vector<std::shared_ptr<Session>> live;
  std::vector<std::shared_ptr<WsSession>> live_ws;
  {
    std::lock_guard lock(mutex);
    if (stopping) return;
    stopping = true;
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& [ptr, weak] : ws_sessions) {
      if (auto s = weak.lock()) live_ws.push_back(std::move(s));
    }
  }
  for (auto& s : live_ws) s->shutdown();
  net::post(acceptor.get_executor(), [this] {
    beast::error_code ec;
    acceptor.close(ec);
  });
  for (auto& s : live) s->shutdown();
  cv.notify_all();
}

Server::Server(ServerOptions options, Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

Server::~Server() = default;

int Server::blocking_threads() const {
  return impl_->blocking_count;
}

int Server::listen() {
  auto& im = *impl_;
  beast::error_code ec;
  auto port = static_cast<unsigned short>(im.options.port);
  tcp::endpoint endpoint;
  if (auto address = net::ip::make_address(im.options.host, ec); !ec) {
    endpoint = tcp::endpoint(address, port);
  } else {
    // A host name (localhost, or this machine's name): listen on the first address it resolves to.
    tcp::resolver resolver(im.acceptor.get_executor());
    auto results = resolver.resolve(im.options.host, std::to_string(port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
      throw std::runtime_error("cannot resolve --host '" + im.options.host + "'" +
                               (ec ? ": " + ec.message() : std::string()));
    }
    endpoint = results.begin()->endpoint();
  }
  im.acceptor.open(endpoint.protocol(), ec);
  if (!ec) im.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(endpoint, ec);
  if (!ec) im.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + im.options.host + ":" + std::to_string(im.options.port) +
                             ": " + ec.message());
  }
  return im.acceptor.local_endpoint().port();
}

void Server::run() {
  auto& im = *impl_;
  im.signals.async_wait([&im](beast::error_code ec, int signal) {
    if (ec) return;
    log::info("server.signal", {{"signal", signal}});
    im.begin_shutdown();
  });
  im.accept();
  std::vector<std::thread> threads;
  threads.reserve(im.contexts.size() + 1);
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  for (auto& context : im.contexts) {
    guards.push_back(net::make_work_guard(*context));
    threads.emplace_back([&context] { context->run(); });
  }
  auto acceptor_guard = net::make_work_guard(im.acceptor_context);
  threads.emplace_back([&im] { im.acceptor_context.run(); });

  std::unique_lock lock(im.mutex);
  im.cv.wait(lock, [&] { return im.stopping; });
  bool drained = im.cv.wait_for(lock, im.options.shutdown_grace, [&] { return im.drained(); });
  std::size_t abandoned = im.sessions.size() + im.ws_sessions.size();
  lock.unlock();
  if (!drained) log::warn("server.shutdown_timeout", {{"connections", abandoned}});
  net::post(im.acceptor_context, [&im] { im.signals.cancel(); });
  acceptor_guard.reset();
  im.acceptor_context.stop();
  for (auto& context : im.contexts) context->stop();
  for (auto& t : threads) t.join();
  im.blocking.join();
  im.writes.join();
  im.heavy.join();
  log::info("server.stopped", {});
}

void Server::stop() {
  net::post(impl_->acceptor_context, [im = impl_.get()] { im->begin_shutdown(); });
}

}  // namespace cc::http
