#pragma once
// A blocking HTTP client over libcurl for calls to services outside this machine (GitHub now; LLM providers
// and webhook receivers later). Every call has a connect and a total timeout and a cap on the response size.
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace cc::integrations {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{15000};
  std::size_t max_response_bytes = 8 * 1024 * 1024;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string header(std::string_view name) const;
};

class HttpClient {
 public:
  // Once per process, before any thread uses libcurl.
  static void global_init();

  // Throws cc::Error: gateway_timeout when the service does not answer in time, bad_gateway for any other
  // transport failure (DNS, refused, TLS, response too large). HTTP error statuses are returned, not thrown.
  HttpResponse send(const HttpRequest& request) const;
};

}  // namespace cc::integrations
