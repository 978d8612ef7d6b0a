#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "core/strings.hpp"

namespace cc::http {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(root_, ec);
  if (!ec) root_ = canonical;
}

bool StaticFiles::available() const {
  std::error_code ec;
  return fs::is_directory(root_, ec);
}

std::string_view StaticFiles::mime_type(std::string_view name) {
  auto dot = name.rfind('.');
  auto ext = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::serve(std::string_view relative, std::string_view cache_control) {
  if (relative.empty() || relative.front() == '/' || relative.find('\0') != std::string_view::npos)
    return std::nullopt;
  for (const auto& part : split(relative, '/')) {
    if (part == ".." || part == ".") return std::nullopt;
  }
  std::shared_ptr<const std::string> content;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(relative);
    if (it != cache_.end()) content = it->second;
  }
  if (!content) {
    std::error_code ec;
    auto path = fs::weakly_canonical(root_ / fs::path(std::string(relative)), ec);
    if (ec) return std::nullopt;
    // The resolved file must still be under the root (a symlink could point elsewhere).
    auto [root_end, path_it] = std::mismatch(root_.begin(), root_.end(), path.begin(), path.end());
    if (root_end != root_.end() || !fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    content = std::make_shared<const std::string>(buffer.str());
    std::lock_guard lock(mutex_);
    cache_.emplace(std::string(relative), content);
  }
  Response r;
  r.status = 200;
  r.content_type = std::string(mime_type(relative));
  r.body = *content;
  r.set_header("Cache-Control", std::string(cache_control));
  return r;
}

}  // namespace cc::http
