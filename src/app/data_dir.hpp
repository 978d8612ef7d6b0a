#pragma once
// The data directory: the SQLite database, generated secrets (mode 0600) and, later, uploads and exports.
#include <filesystem>
#include <string>

namespace cc::app {

// Creates the directory (mode 0700) if missing; throws std::runtime_error when it cannot.
void prepare_data_dir(const std::filesystem::path& dir);
// Returns the secret stored in <dir>/secrets/<name>, generating `bytes` random bytes (base64url) on first
// use.
std::string load_or_create_secret(const std::filesystem::path& dir, const std::string& name,
                                  std::size_t bytes);
// Holds an exclusive lock on <dir>/serve.lock for its lifetime. Embedded SQLite has exactly one server
// process (it is the only writer, which the group commit and the count cache rely on); a second one fails to
// start.
class DataDirLock {
 public:
  explicit DataDirLock(const std::filesystem::path& dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  int fd_ = -1;
};

// The database URL for a configuration: the given URL, or SQLite in the data directory.
std::string database_url(const std::filesystem::path& data_dir, const std::string& configured_url);

}  // namespace cc::app
