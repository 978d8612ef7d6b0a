#include "core/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace cc {

Error::Error(ErrorKind kind, std::string detail, std::vector<FieldError> errors)
    : kind_(kind), detail_(std::move(detail)), errors_(std::move(errors)) {}

Error Error::bad_request(std::string detail) {
  return {ErrorKind::BadRequest, std::move(detail)};
}
Error Error::unauthorized(std::string detail) {
  return {ErrorKind::Unauthorized, std::move(detail)};
}
Error Error::forbidden(std::string detail) {
  return {ErrorKind::Forbidden, std::move(detail)};
}

Error Error::not_found(std::string_view entity, std::string_view id) {
  if (id.empty()) return {ErrorKind::NotFound, fmt::format("{} not found", entity)};
  return {ErrorKind::NotFound, fmt::format("{} {} not found", entity, id)};
}

Error Error::missing_references(std::vector<FieldError> errors) {
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  auto detail = fmt::format("Not found in this project: {}", fmt::join(fields, ", "));
  return {ErrorKind::NotFound, std::move(detail), std::move(errors)};
}

Error Error::conflict(std::string detail) {
  return {ErrorKind::Conflict, std::move(detail)};
}
Error Error::precondition_failed(std::string detail) {
  return {ErrorKind::PreconditionFailed, std::move(detail)};
}
Error Error::payload_too_large(std::size_t limit) {
  return {ErrorKind::PayloadTooLarge, fmt::format("The request body exceeds the limit of {} bytes", limit)};
}
Error Error::unsupported_media_type(std::string detail) {
  return {ErrorKind::UnsupportedMediaType, std::move(detail)};
}

Error Error::validation(std::vector<FieldError> errors) {
  std::string detail = "The request is not valid";
  if (errors.size() == 1) {
    detail = fmt::format("{}: {}", errors.front().field, errors.front().message);
  } else if (!errors.empty()) {
    detail = fmt::format("{} fields are not valid, first {}: {}", errors.size(), errors.front().field,
                         errors.front().message);
  }
  return {ErrorKind::Validation, std::move(detail), std::move(errors)};
}

Error Error::validation(std::string field, std::string message, std::string code) {
  return validation(std::vector<FieldError>{{std::move(field), std::move(message), std::move(code)}});
}

Error Error::too_many_requests(int retry_after_seconds) {
  Error e{ErrorKind::TooManyRequests,
          fmt::format("Too many requests; retry after {} seconds", retry_after_seconds)};
  e.retry_after_ = retry_after_seconds;
  return e;
}

Error Error::internal(std::string detail) {
  return {ErrorKind::Internal, std::move(detail)};
}
Error Error::unavailable(std::string detail) {
  return {ErrorKind::ServiceUnavailable, std::move(detail)};
}
Error Error::bad_gateway(std::string detail) {
  return {ErrorKind::BadGateway, std::move(detail)};
}
Error Error::gateway_timeout(std::string detail) {
  return {ErrorKind::GatewayTimeout, std::move(detail)};
}

int Error::status() const {
  switch (kind_) {
    case ErrorKind::BadRequest:
      return 400;
    case ErrorKind::Unauthorized:
      return 401;
    case ErrorKind::Forbidden:
      return 403;
    case ErrorKind::NotFound:
      return 404;
    case ErrorKind::MethodNotAllowed:
      return 405;
    case ErrorKind::Conflict:
      return 409;
    case ErrorKind::PreconditionFailed:
      return 412;
    case ErrorKind::PayloadTooLarge:
      return 413;
    case ErrorKind::UnsupportedMediaType:
      return 415;
    case ErrorKind::Validation:
      return 422;
    case ErrorKind::TooManyRequests:
      return 429;
    case ErrorKind::Internal:
      return 500;
    case ErrorKind::BadGateway:
      return 502;
    case ErrorKind::GatewayTimeout:
      return 504;
    case ErrorKind::ServiceUnavailable:
      return 503;
  }
  return 500;
}

std::string_view Error::title() const {
  switch (kind_) {
    case ErrorKind::BadRequest:
      return "Bad Request";
    case ErrorKind::Unauthorized:
      return "Unauthorized";
    case ErrorKind::Forbidden:
      return "Forbidden";
    case ErrorKind::NotFound:
      return "Not Found";
    case ErrorKind::MethodNotAllowed:
      return "Method Not Allowed";
    case ErrorKind::Conflict:
      return "Conflict";
    case ErrorKind::PreconditionFailed:
      return "Precondition Failed";
    case ErrorKind::PayloadTooLarge:
      return "Content Too Large";
    case ErrorKind::UnsupportedMediaType:
      return "Unsupported Media Type";
    case ErrorKind::Validation:
      return "Unprocessable Content";
    case ErrorKind::TooManyRequests:
      return "Too Many Requests";
    case ErrorKind::Internal:
      return "Internal Server Error";
    case ErrorKind::BadGateway:
      return "Bad Gateway";
    case ErrorKind::GatewayTimeout:
      return "Gateway Timeout";
    case ErrorKind::ServiceUnavailable:
      return "Service Unavailable";
  }
  return "Error";
}

std::string_view Error::type_slug() const {
  switch (kind_) {
    case ErrorKind::BadRequest:
      return "bad-request";
    case ErrorKind::Unauthorized:
      return "unauthorized";
    case ErrorKind::Forbidden:
      return "forbidden";
    case ErrorKind::NotFound:
      return "not-found";
    case ErrorKind::MethodNotAllowed:
      return "method-not-allowed";
    case ErrorKind::Conflict:
      return "conflict";
    case ErrorKind::PreconditionFailed:
      return "precondition-failed";
    case ErrorKind::PayloadTooLarge:
      return "payload-too-large";
    case ErrorKind::UnsupportedMediaType:
      return "unsupported-media-type";
    case ErrorKind::Validation:
      return "validation-error";
    case ErrorKind::TooManyRequests:
      return "rate-limited";
    case ErrorKind::Internal:
      return "internal-error";
    case ErrorKind::BadGateway:
      return "upstream-error";
    case ErrorKind::GatewayTimeout:
      return "upstream-timeout";
    case ErrorKind::ServiceUnavailable:
      return "unavailable";
  }
  return "error";
}

}  // namespace cc
