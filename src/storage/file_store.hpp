#pragma once
// Files the product keeps (uploaded documents now; exports later), under one directory inside the data
// directory. Names are generated here — a random hex name plus an extension from an allow-list — and every
// name read back is checked against that form, so no request can make us touch a path outside the store.
// Writes go to a temporary file that is renamed into place only when complete and synced, so a failed or
// interrupted upload leaves nothing behind (leftover temporaries are removed at start).
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc::storage {

struct StoredFile {
  std::string stored_name;
  std::string sha256_hex;
  std::int64_t size = 0;
};

class FileStore {
 public:
  // Creates `root` (0700) and removes temporary files left by an interrupted write.
  explicit FileStore(std::filesystem::path root);

  // `extension` must be 1-8 lower-case letters or digits.
  StoredFile save(std::string_view bytes, std::string_view extension);
  std::optional<std::string> read(std::string_view stored_name) const;
  // Removes the file if it exists; false if the name is not one of ours.
  bool remove(std::string_view stored_name) const;
  bool exists(std::string_view stored_name) const;

  // Names of stored files last written more than `min_age` ago (candidates for an orphan sweep).
  std::vector<std::string> names_older_than(std::chrono::seconds min_age) const;

  static bool valid_name(std::string_view stored_name);
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace cc::storage
