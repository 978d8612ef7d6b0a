#pragma once
// A uniquely named directory under the system temp directory, removed with everything in it when the object
// goes out of scope. Declare it before the database that lives in it, so the database closes first.
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace cc::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    std::uniform_int_distribution<unsigned long long> dist;
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto candidate = std::filesystem::temp_directory_path() / ("cc_unit_" + std::to_string(dist(random)));
      if (std::filesystem::create_directory(candidate)) {
        path_ = candidate;
        return;
      }
    }
    throw std::filesystem::filesystem_error("cannot create a temporary directory",
                                            std::make_error_code(std::errc::file_exists));
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace cc::testing
