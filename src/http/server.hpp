#pragma once
// The HTTP/1.1 server (Boost.Beast, asynchronous). I/O threads read and write; handlers that touch the
// database run on a separate blocking pool so a slow query never stalls another connection, and password
// hashing has a pool of its own so a burst of sign-ins cannot starve ordinary requests. Beast stays behind
// the pointer to Impl: including this header does not include Beast.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace cc::http {

class Dispatcher;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8000;
  int io_threads = 0;        // 0: one per core
  int blocking_threads = 0;  // 0: four per core (the application picks by database)
  int write_threads = 0;     // 0: same as blocking_threads; requests that change data (they wait for commits)
  int heavy_threads = 0;     // 0: one per core; password hashing
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds idle_timeout{60};    // keep-alive connection waiting for its next request
  std::chrono::seconds header_timeout{10};  // from the first byte to the end of the headers
  std::chrono::seconds body_timeout{30};    // reading the body; also bounds writing the response
  std::chrono::seconds shutdown_grace{20};  // in-flight requests get this long to finish on SIGTERM
};

class Server {
 public:
  Server(ServerOptions options, Dispatcher& dispatcher);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error when the address is unavailable. Returns the bound port.
  int listen();
  // Serves until SIGINT/SIGTERM or stop(), then stops accepting, lets in-flight requests finish (bounded by
  // shutdown_grace), and returns.
  void run();
  // Thread-safe; makes run() begin its graceful shutdown.
  void stop();
  int blocking_threads() const;

  struct Impl;  // opaque; public only so that the connection classes in server.cpp can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::http
