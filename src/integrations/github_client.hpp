#pragma once
// The few GitHub REST calls the product makes. The base URL is configurable (GitHub Enterprise, and a local
// fake in tests).
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "integrations/http_client.hpp"

namespace cc::integrations {

struct GitHubRepository {
  std::int64_t id = 0;
  std::optional<std::string> description;
  std::string html_url;
  std::string clone_url;
  std::string default_branch = "main";
  std::int64_t stars = 0;
  std::int64_t forks = 0;
  std::optional<std::string> language;
  bool is_private = false;
};

struct GitHubCommit {
  std::string sha;
  std::string message;
  std::string author;
  std::optional<Timestamp> date;
};

class GitHubClient {
 public:
  GitHubClient(const HttpClient& http, std::string api_url);

  // Throws cc::Error: not_found-like answers become bad_gateway with a message that says what GitHub
  // answered.
  GitHubRepository repository(const std::string& owner, const std::string& name,
                              const std::optional<std::string>& token) const;
  GitHubCommit latest_commit(const std::string& owner, const std::string& name, const std::string& branch,
                             const std::optional<std::string>& token) const;

 private:
  HttpResponse get(const std::string& path, const std::optional<std::string>& token) const;
  const HttpClient& http_;
  std::string api_url_;
};

}  // namespace cc::integrations
