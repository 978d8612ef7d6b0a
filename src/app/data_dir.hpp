#pragma once
// The data directory: the SQLite database, generated secrets (mode 0600) and, later, uploads and exports.
#include <filesystem>
#include <string>

namespace cc::app {

// Creates the directory (mode 0700) if missing; throws std::runtime_error when it cannot.
void prepare_data_dir(const std::filesystem::path& dir);
// Returns the secret stored in <dir>/secrets/<name>, generating `bytes` random bytes (base64url) on first use.
std::string load_or_create_secret(const std::filesystem::path& dir, const std::string& name, std::size_t bytes);
// The database URL for a configuration: the given URL, or SQLite in the data directory.
std::string database_url(const std::filesystem::path& data_dir, const std::string& configured_url);

}  // namespace cc::app
