#pragma once
// A strict multipart/form-data parser (RFC 7578) for uploads. It works on the whole body in memory (the body
// is already bounded by the route's size limit) and refuses anything ambiguous: missing or oversized
// boundaries, parts without a Content-Disposition name, more than 16 parts, header blocks over 8 KiB, a
// missing final boundary. Part data are views into the body.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc::http {

struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;
  std::string content_type;  // "text/plain" when the part has none, as RFC 7578 says
  std::string_view data;
};

// `content_type` is the request's Content-Type header. Throws cc::Error: 415 if it is not
// multipart/form-data, 400 if the body is malformed.
std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view content_type);

}  // namespace cc::http
