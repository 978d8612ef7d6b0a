#include "http/message.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>

#include "core/strings.hpp"

namespace cc::http {

std::string_view to_string(Method m) {
  switch (m) {
    case Method::Get:
      return "GET";
    case Method::Head:
      return "HEAD";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Options:
      return "OPTIONS";
    case Method::Other:
      return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view text) {
  if (text == "GET") return Method::Get;
  if (text == "HEAD") return Method::Head;
  if (text == "POST") return Method::Post;
  if (text == "PUT") return Method::Put;
  if (text == "PATCH") return Method::Patch;
  if (text == "DELETE") return Method::Delete;
  if (text == "OPTIONS") return Method::Options;
  return Method::Other;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name == name) return std::string_view(h.value);
  }
  return std::nullopt;
}

const std::vector<std::pair<std::string, std::string>>& Request::query() const {
  if (!query_) {
    query_.emplace();
    auto parsed = boost::urls::parse_query(query_string);
    if (parsed) {
      // Decoded, with '+' as a space as HTML forms and most clients send it.
      boost::urls::encoding_opts opts;
      opts.space_as_plus = true;
      for (auto param : *parsed) {
        query_->emplace_back(param.key.decode(opts),
                             param.has_value ? param.value.decode(opts) : std::string());
      }
    }
  }
  return *query_;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& h : headers) {
    if (iequals(h.name, name)) {
      h.value = std::move(value);
      return;
    }
  }
  headers.push_back({std::move(name), std::move(value)});
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

Response Response::json(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace cc::http
