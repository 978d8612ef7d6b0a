#pragma once
// Our own request and response types. Handlers, guards and the API layer see only these; Beast stays inside
// server.cpp, which converts at the edge (keeps the heavy headers out of most translation units).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cc::http {

struct WebSocketSession;

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };
std::string_view to_string(Method m);
Method parse_method(std::string_view text);

struct Header {
  std::string name;  // lower-case
  std::string value;
};

class Request {
 public:
  Method method = Method::Get;
  std::string target;  // as received: path and query
  std::string path;    // percent-encoded path without the query
  std::string query_string;
  std::vector<Header> headers;
  std::string body;
  std::string remote_address;
  bool keep_alive = true;

  // Case-insensitive lookup; `name` must be lower-case.
  std::optional<std::string_view> header(std::string_view name) const;
  // Decoded query pairs, parsed on first use.
  const std::vector<std::pair<std::string, std::string>>& query() const;

 private:
  mutable std::optional<std::vector<std::pair<std::string, std::string>>> query_;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<Header> headers;
  bool close = false;  // close the connection after writing
  // Set by a WebSocket route that accepted the caller (status 101): the server switches protocols.
  std::shared_ptr<WebSocketSession> upgrade;

  void set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();
};

}  // namespace cc::http
