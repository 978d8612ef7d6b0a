#pragma once
// Building JSON responses from entities, and the list conventions: envelopes where the original had them,
// X-Total-Count and an RFC 8288 Link header for bare arrays.
#include <string>
#include <vector>

#include "core/json_writer.hpp"
#include "domain/pagination.hpp"
#include "http/context.hpp"
#include "http/message.hpp"

namespace cc::api {

template <class T>
http::Response entity_response(int status, const T& entity) {
  JsonWriter w;
  write_json(w, entity);
  return http::Response::json(status, w.take());
}

template <class T>
std::string json_array(const std::vector<T>& items) {
  JsonWriter w;
  w.begin_array();
  for (const auto& item : items) write_json(w, item);
  w.end_array();
  return w.take();
}

// The original's list envelope: {total, items, page, page_size}.
template <class T>
http::Response page_response(const Page<T>& result, const PageRequest& page) {
  JsonWriter w(1024 * (result.items.size() + 1));
  w.begin_object().field("total", result.total);
  w.key("items").begin_array();
  for (const auto& item : result.items) write_json(w, item);
  w.end_array().field("page", page.page).field("page_size", page.limit).end_object();
  return http::Response::json(200, w.take());
}

// Adds X-Total-Count and Link (first, prev, next, last) for a page of `total` items.
void add_pagination_headers(http::Response& response, const http::RequestContext& ctx,
                            const PageRequest& page, std::int64_t total);

// A page as a bare JSON array (each item written by `write_item(writer, item)`), with X-Total-Count and Link.
template <class T, class Write>
http::Response array_page_response(const http::RequestContext& ctx, const PageRequest& page,
                                   const Page<T>& result, Write write_item) {
  JsonWriter w(512 * (result.items.size() + 1));
  w.begin_array();
  for (const auto& item : result.items) write_item(w, item);
  w.end_array();
  auto response = http::Response::json(200, w.take());
  add_pagination_headers(response, ctx, page, result.total);
  return response;
}

template <class T>
http::Response array_page_response(const http::RequestContext& ctx, const PageRequest& page,
                                   const Page<T>& result) {
  return array_page_response(ctx, page, result, [](JsonWriter& w, const T& item) { write_json(w, item); });
}

// The If-Match header, when present.
std::optional<std::string> if_match(const http::RequestContext& ctx);

}  // namespace cc::api
