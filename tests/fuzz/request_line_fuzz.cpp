// What every request brings before its body: a path to route (percent-decoded into segments), a query string
// decoded into pairs and validated against a query schema with every parameter type, and credentials (an
// access token or an API key) in the Authorization header.
#include <chrono>

#include "auth/api_key_codec.hpp"
#include "auth/token_service.hpp"
#include "core/validation.hpp"
#include "fuzz_support.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace {

const cc::validation::QuerySpec& query_spec() {
  static const cc::validation::QuerySpec spec = [] {
    cc::validation::QuerySpec q;
    q.integer("page", 1, std::nullopt, "page", 1);
    q.integer("limit", 1, 100, "limit", 20);
    q.string("search", 200, "search");
    q.one_of("status", {"pending", "running", "completed"}, "status", true);
    q.one_of("sort", {"title", "-title"}, "sort");
    q.date_time("since", "since");
    q.boolean("enabled", "enabled");
    return q;
  }();
  return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = cc::fuzz::split_input(cc::fuzz::as_text(data, size));
  const std::string_view target = input.first, credential = input.second;
  auto question = target.find('?');

  std::vector<std::string> segments;
  (void)cc::http::split_path(target.substr(0, question), segments);

  cc::http::Request request;
  request.target = std::string(target);
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query_string = std::string(target.substr(question + 1));
  cc::fuzz::expect_accepted_or_client_error([&] { (void)query_spec().validate(request.query()); });

  static const cc::auth::TokenService tokens(std::string(32, 's'), "commandcenter", "commandcenter-api",
                                             std::chrono::seconds(900));
  // Nothing a client makes up is a valid token: the secret never leaves the server.
  if (tokens.verify_access(credential, cc::now())) std::abort();
  if (cc::auth::looks_like_api_key(credential)) (void)cc::auth::parse_api_key(credential);
  return 0;
}
