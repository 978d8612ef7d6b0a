#include "http/problem.hpp"

#include "core/json_writer.hpp"

namespace cc::http {

Response problem_response(const Error& error, std::string_view request_id, std::string_view instance) {
  JsonWriter w;
  w.begin_object()
      .field("type", std::string("urn:commandcenter:problem:") + std::string(error.type_slug()))
      .field("title", error.title())
      .field("status", error.status())
      .field("detail", error.detail())
      .field("instance", instance)
      .field("request_id", request_id);
  w.key("errors").begin_array();
  for (const auto& e : error.errors()) {
    w.begin_object().field("field", e.field).field("message", e.message).field("code", e.code).end_object();
  }
  w.end_array();
  w.end_object();
  Response r;
  r.status = error.status();
  r.content_type = "application/problem+json";
  r.body = w.take();
  if (error.retry_after()) r.set_header("Retry-After", std::to_string(*error.retry_after()));
  if (error.status() == 401) r.set_header("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace cc::http
