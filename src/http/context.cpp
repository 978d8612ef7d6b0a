#include "http/context.hpp"

#include <fmt/format.h>

#include <boost/json/stream_parser.hpp>
#include <charconv>

#include "core/error.hpp"
#include "core/strings.hpp"

namespace cc::http {

std::string_view RequestContext::path_param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

std::int64_t RequestContext::path_id(std::string_view name) const {
  auto id = parse_int64(path_param(name));
  if (!id || *id <= 0) {
    throw Error::validation(fmt::format("path.{}", name), "must be a positive integer", "type");
  }
  return *id;
}

boost::json::value parse_json(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) ec = boost::json::error::extra_data;
  if (!ec) parser.finish(ec);
  if (ec) {
    throw Error::bad_request(
        fmt::format("The body is not valid JSON ({} at byte {})", ec.message(), consumed));
  }
  return parser.release();
}

const boost::json::value& RequestContext::json() {
  if (json_) return *json_;
  auto type = request.header("content-type").value_or("");
  auto media = trim(type.substr(0, type.find(';')));
  if (!iequals(media, "application/json") &&
      !(media.size() > 5 && iequals(media.substr(media.size() - 5), "+json"))) {
    throw Error::unsupported_media_type("Send the body as application/json");
  }
  if (trim(request.body).empty()) throw Error::bad_request("A JSON body is required");
  json_ = parse_json(request.body);
  return *json_;
}

const auth::Principal& RequestContext::caller() const {
  if (!principal) throw Error::unauthorized();
  return *principal;
}

const auth::ProjectScope& RequestContext::project() const {
  if (!scope) throw Error::internal("route has no project guard");
  return *scope;
}

auth::Actor RequestContext::actor() const {
  auth::Actor a;
  if (principal) {
    a.user_id = principal->user_id;
    a.api_key_id = principal->api_key_id;
  }
  a.request_id = request_id;
  return a;
}

}  // namespace cc::http
