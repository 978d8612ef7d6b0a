#include "http/multipart.hpp"

#include "core/error.hpp"
#include "core/strings.hpp"

namespace cc::http {

namespace {

constexpr std::size_t kMaxParts = 16;
constexpr std::size_t kMaxHeaderBlock = 8 * 1024;

// Value of `key` among ;-separated parameters ("form-data; name=\"file\"; filename=\"a.pdf\"").
std::optional<std::string> parameter(std::string_view header, std::string_view key) {
  std::size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    auto rest = trim(header.substr(pos + 1));
    auto eq = rest.find('=');
    auto next = rest.find(';');
    if (eq == std::string_view::npos || (next != std::string_view::npos && next < eq)) {
      pos = header.find(';', pos + 1);
      continue;
    }
    auto name = trim(rest.substr(0, eq));
    std::string_view value = rest.substr(eq + 1);
    std::string out;
    std::size_t consumed = 0;
    if (!value.empty() && value.front() == '"') {
      std::size_t i = 1;
      for (; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out.push_back(value[i]);
      }
      if (i >= value.size()) throw Error::bad_request("multipart: unterminated quoted parameter");
      consumed = i + 1;
    } else {
      auto end = value.find(';');
      out = std::string(trim(value.substr(0, end)));
      consumed = end == std::string_view::npos ? value.size() : end;
    }
    if (iequals(name, key)) return out;
    auto offset = static_cast<std::size_t>(rest.data() - header.data()) + eq + 1 + consumed;
    pos = header.find(';', offset);
  }
  return std::nullopt;
}

std::string decode_ext_value(std::string_view v) {
  // RFC 5987 filename*: charset'language'percent-encoded; only UTF-8 is accepted.
  auto first = v.find('\'');
  auto second = first == std::string_view::npos ? first : v.find('\'', first + 1);
  if (second == std::string_view::npos || !iequals(v.substr(0, first), "utf-8")) return {};
  std::string out;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = second + 1; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size()) {
      int hi = hex(v[i + 1]), lo = hex(v[i + 2]);
      if (hi < 0 || lo < 0) return {};
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(v[i]);
    }
  }
  return out;
}

}  // namespace

std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view content_type) {
  auto media = trim(content_type.substr(0, content_type.find(';')));
  if (!iequals(media, "multipart/form-data"))
    throw Error::unsupported_media_type("Send the file as multipart/form-data");
  auto boundary = parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) {
    throw Error::bad_request("multipart: missing or invalid boundary");
  }
  std::string delimiter = "--" + *boundary;
  std::string separator = "\r\n" + delimiter;

  // The first delimiter may be preceded by a preamble; it must start a line.
  std::size_t pos = 0;
  if (body.starts_with(delimiter)) {
    pos = delimiter.size();
  } else {
    auto found = body.find(separator);
    if (found == std::string_view::npos) throw Error::bad_request("multipart: no boundary in the body");
    pos = found + separator.size();
  }
  std::vector<MultipartPart> parts;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") throw Error::bad_request("multipart: malformed boundary line");
    pos += 2;
    auto header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos || header_end - pos > kMaxHeaderBlock) {
      throw Error::bad_request("multipart: part headers missing or too large");
    }
    MultipartPart part;
    part.content_type = "text/plain";
    bool has_disposition = false;
    auto headers = body.substr(pos, header_end - pos);
    std::size_t line_start = 0;
    while (line_start <= headers.size()) {
      auto line_end = headers.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = headers.size();
      auto line = headers.substr(line_start, line_end - line_start);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) throw Error::bad_request("multipart: malformed part header");
      auto name = trim(line.substr(0, colon));
      auto value = trim(line.substr(colon + 1));
      if (iequals(name, "content-disposition")) {
        if (!starts_with_ci(value, "form-data")) throw Error::bad_request("multipart: part is not form-data");
        has_disposition = true;
        auto field = parameter(value, "name");
        if (!field) throw Error::bad_request("multipart: part without a name");
        part.name = *field;
        if (auto extended = parameter(value, "filename*")) {
          auto decoded = decode_ext_value(*extended);
          if (!decoded.empty()) part.filename = decoded;
        }
        if (!part.filename) part.filename = parameter(value, "filename");
      } else if (iequals(name, "content-type")) {
        part.content_type = std::string(value);
      }
      line_start = line_end + 2;
    }
    if (!has_disposition) throw Error::bad_request("multipart: part without Content-Disposition");
    auto data_start = header_end + 4;
    auto data_end = body.find(separator, data_start);
    if (data_end == std::string_view::npos) throw Error::bad_request("multipart: missing closing boundary");
    part.data = body.substr(data_start, data_end - data_start);
    parts.push_back(std::move(part));
    if (parts.size() > kMaxParts) throw Error::bad_request("multipart: too many parts");
    pos = data_end + separator.size();
  }
}

}  // namespace cc::http
