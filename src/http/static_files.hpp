#pragma once
// Serves files from one directory (Swagger UI now, the web UI later), read once and kept in memory.
// Only names inside the root are served: no "..", no absolute names, no symlinks leading out.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
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

 private:
  std::filesystem::path root_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> cache_;
};

}  // namespace cc::http
