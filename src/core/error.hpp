#pragma once
// The one error type of the project. Services and validators throw it; the HTTP layer alone turns it into an
// RFC 9457 problem+json response (http/problem.cpp). Anything else that escapes a handler becomes a 500.
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc {

enum class ErrorKind {
  BadRequest,            // 400 malformed request (e.g. JSON that does not parse)
  Unauthorized,          // 401 missing or invalid credentials
  Forbidden,             // 403 authenticated but the role is too low
  NotFound,              // 404 missing, or belongs to another project
  MethodNotAllowed,      // 405
  Conflict,              // 409 uniqueness or state conflict
  PreconditionFailed,    // 412 stale If-Match
  PayloadTooLarge,       // 413
  UnsupportedMediaType,  // 415
  Validation,            // 422 field-level problems, listed in errors()
  TooManyRequests,       // 429
  Internal,              // 500
  BadGateway,            // 502 an upstream service (GitHub, ...) failed or refused
  ServiceUnavailable,    // 503
  GatewayTimeout,        // 504 an upstream service did not answer in time
};

struct FieldError {
  std::string field;    // dotted path of the offending member, e.g. "priority" or "query.limit"
  std::string message;  // human readable
  std::string code;     // machine readable: required, type, out_of_range, too_long, enum, unknown_field, ...
};

class Error : public std::exception {
 public:
  Error(ErrorKind kind, std::string detail, std::vector<FieldError> errors = {});

  static Error bad_request(std::string detail);
  static Error unauthorized(std::string detail = "Authentication required");
  static Error forbidden(std::string detail = "Your role in this project does not allow this action");
  static Error not_found(std::string_view entity, std::string_view id = {});
  // A request names, in `errors`, ids that are not in the project (or another project's): 404, as for a
  // missing resource in the path, with the fields listed so that a form can show them.
  static Error missing_references(std::vector<FieldError> errors);
  static Error conflict(std::string detail);
  static Error precondition_failed(
      std::string detail = "The resource was changed since you read it (If-Match)");
  static Error payload_too_large(std::size_t limit);
  static Error unsupported_media_type(std::string detail);
  static Error validation(std::vector<FieldError> errors);
  static Error validation(std::string field, std::string message, std::string code = "invalid");
  static Error too_many_requests(int retry_after_seconds);
  static Error internal(std::string detail = "An unexpected error occurred");
  static Error unavailable(std::string detail);
  static Error bad_gateway(std::string detail);
  static Error gateway_timeout(std::string detail);

  ErrorKind kind() const { return kind_; }
  int status() const;
  std::string_view title() const;
  std::string_view type_slug() const;
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  std::optional<int> retry_after() const { return retry_after_; }
  const char* what() const noexcept override { return detail_.c_str(); }

 private:
  ErrorKind kind_;
  std::string detail_;
  std::vector<FieldError> errors_;
  std::optional<int> retry_after_;
};

}  // namespace cc
