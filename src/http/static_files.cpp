#include "http/static_files.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "core/strings.hpp"

namespace cc::http {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kAppDir = "web/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

// Keep in step with the top-level routes of web/src/app/routes.tsx (CLIENT_SECTIONS there).
bool safe_name(std::string_view relative) {
  if (relative.empty() || relative.front() == '/' || relative.back() == '/' ||
      relative.find('\0') != std::string_view::npos || relative.find('\\') != std::string_view::npos ||
      relative.find("//") != std::string_view::npos)
    return false;
  for (const auto& part : split(relative, '/')) {
    if (part.empty() || part == ".." || part == ".") return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(root_, ec);
  if (!ec) root_ = canonical;
}

bool StaticFiles::available() const {
  std::error_code ec;
  return fs::is_directory(root_, ec);
}

bool StaticFiles::app_available() const {
  std::error_code ec;
  return fs::is_regular_file(root_ / "web" / "index.html", ec);
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
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "gif") return "image/gif";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "wasm") return "application/wasm";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

std::optional<fs::path> StaticFiles::resolve(std::string_view relative) const {
  if (!safe_name(relative)) return std::nullopt;
  std::error_code ec;
  auto path = fs::weakly_canonical(root_ / fs::path(std::string(relative)), ec);
  if (ec) return std::nullopt;
  // The resolved file must still be under the root (a symlink could point elsewhere).
  auto [root_end, path_it] = std::mismatch(root_.begin(), root_.end(), path.begin(), path.end());
  if (root_end != root_.end() || !fs::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

std::shared_ptr<const std::string> StaticFiles::load(std::string_view relative) {
  auto path = resolve(relative);
  if (!path) return nullptr;
  std::error_code ec;
  auto modified = fs::last_write_time(*path, ec);
  if (ec) return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(relative);
    if (it != cache_.end() && it->second.modified == modified) return it->second.content;
  }
  std::ifstream in(*path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto content = std::make_shared<const std::string>(buffer.str());
  std::lock_guard lock(mutex_);
  cache_.insert_or_assign(std::string(relative), Cached{content, modified});
  return content;
}

std::optional<Response> StaticFiles::serve(std::string_view relative, std::string_view cache_control) {
  auto content = load(relative);
  if (!content) return std::nullopt;
  Response r;
  r.status = 200;
  r.content_type = std::string(mime_type(relative));
  r.body = *content;
  r.set_header("Cache-Control", std::string(cache_control));
  return r;
}

std::optional<Response> StaticFiles::serve_app_page() {
  auto page = serve(std::string(kAppDir) + "index.html", "no-cache");
  if (page) page->set_header("Content-Security-Policy", std::string(kAppContentSecurityPolicy));
  return page;
}

std::optional<Response> StaticFiles::serve_app_asset(std::string_view name) {
  if (name.find('/') != std::string_view::npos) return std::nullopt;
  auto asset = serve(std::string(kAppDir) + "assets/" + std::string(name), kImmutable);
  if (asset) asset->set_header("Content-Security-Policy", std::string(kAppContentSecurityPolicy));
  return asset;
}

std::optional<Response> StaticFiles::serve_app_file(std::string_view name) {
  if (name.find('/') != std::string_view::npos || name == "index.html") return std::nullopt;
  auto file = serve(std::string(kAppDir) + std::string(name), "public, max-age=86400");
  if (file) file->set_header("Content-Security-Policy", std::string(kAppContentSecurityPolicy));
  return file;
}

}  // namespace cc::http
