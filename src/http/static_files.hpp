#pragma once
// Serves files from one directory: Swagger UI under swagger-ui/, and the web UI (web/dist, copied by the
// build) under web/. Files are read once and kept in memory, and read again when they change on disk (a
// rebuilt UI is picked up without a restart). Only names inside the root are served: no "..", no absolute
// names, no symlinks leading out.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace cc::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  bool available() const;
  // `relative` is a path below the root, e.g. "swagger-ui/swagger-ui.css". nullopt when there is no such
  // file.
  std::optional<Response> serve(std::string_view relative, std::string_view cache_control);

  static std::string_view mime_type(std::string_view filename);

  // ---- the web UI: a single-page application under web/ ----

  // The page a browser loads for any client route: web/index.html, revalidated on every load (no-cache) so
  // that a new build's hashed assets are picked up. nullopt when the UI was not built.
  std::optional<Response> serve_app_page();
  // A Vite build asset (web/assets/<name>): content-hashed names, so cached for a year as immutable.
  std::optional<Response> serve_app_asset(std::string_view name);
  // Another file at the top of web/ (favicon.svg), cached for a day.
  std::optional<Response> serve_app_file(std::string_view name);
  bool app_available() const;

  // The policy the UI is built to satisfy: only its own origin, no inline script or style elements.
  static constexpr std::string_view kAppContentSecurityPolicy =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
      "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

 private:
  struct Cached {
    std::shared_ptr<const std::string> content;
    std::filesystem::file_time_type modified;
  };
  std::optional<std::filesystem::path> resolve(std::string_view relative) const;
  std::shared_ptr<const std::string> load(std::string_view relative);

  std::filesystem::path root_;
  std::mutex mutex_;
  std::map<std::string, Cached, std::less<>> cache_;
};

}  // namespace cc::http
