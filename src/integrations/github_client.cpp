#include "integrations/github_client.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/error.hpp"

namespace cc::integrations {

namespace json = boost::json;

namespace {

std::string segment(const std::string& s) {
  return boost::urls::encode(s, boost::urls::unreserved_chars);
}

json::object parse_object(const HttpResponse& r) {
  boost::system::error_code ec;
  auto value = json::parse(r.body, ec);
  if (ec || !value.is_object())
    throw Error::bad_gateway("GitHub answered with something that is not a JSON object");
  return std::move(value.as_object());
}

std::optional<std::string> opt_string(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::int64_t int_or(const json::object& o, std::string_view key, std::int64_t fallback) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return fallback;
  return v->to_number<std::int64_t>();
}

}  // namespace

GitHubClient::GitHubClient(const HttpClient& http, std::string api_url)
    : http_(http), api_url_(std::move(api_url)) {
  while (!api_url_.empty() && api_url_.back() == '/') api_url_.pop_back();
}

HttpResponse GitHubClient::get(const std::string& path, const std::optional<std::string>& token) const {
  HttpRequest request;
  request.url = api_url_ + path;
  request.headers = {{"Accept", "application/vnd.github+json"},
                     {"X-GitHub-Api-Version", "2022-11-28"},
                     {"User-Agent", "commandcenter"}};
  if (token) request.headers.emplace_back("Authorization", "Bearer " + *token);
  auto response = http_.send(request);
  if (response.status == 200) return response;
  std::string message;
  boost::system::error_code ec;
  auto body = json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    if (auto m = opt_string(body.as_object(), "message")) message = *m;
  }
  if (response.status == 404) {
    throw Error::bad_gateway("GitHub does not know this repository, or the token cannot see it (404)");
  }
  if (response.status == 401) throw Error::bad_gateway("GitHub refused the access token (401)");
  if (response.status == 403 || response.status == 429) {
    auto remaining = response.header("x-ratelimit-remaining");
    if (remaining == "0" || response.status == 429) {
      throw Error::bad_gateway("GitHub's rate limit is exhausted; retry after " +
                               (response.header("x-ratelimit-reset").empty()
                                    ? std::string("a while")
                                    : response.header("x-ratelimit-reset")));
    }
    throw Error::bad_gateway("GitHub refused the request (403): " + message);
  }
  throw Error::bad_gateway(fmt::format("GitHub answered {}: {}", response.status, message));
}

GitHubRepository GitHubClient::repository(const std::string& owner, const std::string& name,
                                          const std::optional<std::string>& token) const {
  auto o = parse_object(get("/repos/" + segment(owner) + "/" + segment(name), token));
  GitHubRepository r;
  r.id = int_or(o, "id", 0);
  r.description = opt_string(o, "description");
  r.html_url = opt_string(o, "html_url").value_or("");
  r.clone_url = opt_string(o, "clone_url").value_or("");
  r.default_branch = opt_string(o, "default_branch").value_or("main");
  r.stars = int_or(o, "stargazers_count", 0);
  r.forks = int_or(o, "forks_count", 0);
  r.language = opt_string(o, "language");
  if (const auto* p = o.if_contains("private"); p && p->is_bool()) r.is_private = p->get_bool();
  return r;
}

GitHubCommit GitHubClient::latest_commit(const std::string& owner, const std::string& name,
                                         const std::string& branch,
                                         const std::optional<std::string>& token) const {
  auto o = parse_object(
      get("/repos/" + segment(owner) + "/" + segment(name) + "/commits/" + segment(branch), token));
  GitHubCommit c;
  c.sha = opt_string(o, "sha").value_or("");
  if (const auto* commit = o.if_contains("commit"); commit && commit->is_object()) {
    const auto& co = commit->get_object();
    c.message = opt_string(co, "message").value_or("");
    if (const auto* author = co.if_contains("author"); author && author->is_object()) {
      c.author = opt_string(author->get_object(), "name").value_or("");
      if (auto date = opt_string(author->get_object(), "date")) c.date = parse_rfc3339(*date);
    }
  }
  if (c.sha.empty()) throw Error::bad_gateway("GitHub's commit answer has no sha");
  return c;
}

}  // namespace cc::integrations
