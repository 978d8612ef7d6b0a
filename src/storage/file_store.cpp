#include "storage/file_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/logging.hpp"

namespace cc::storage {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTempSuffix = ".part";

bool valid_extension(std::string_view ext) {
  if (ext.empty() || ext.size() > 8) return false;
  for (char c : ext) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// Closes the descriptor when the scope ends.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

FileStore::FileStore(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  fs::create_directories(root_ / "tmp", ec);
  if (ec) throw std::runtime_error("cannot create " + root_.string() + ": " + ec.message());
  fs::permissions(root_, fs::perms::owner_all, fs::perm_options::replace, ec);
  for (const auto& entry : fs::directory_iterator(root_ / "tmp", ec)) {
    if (entry.path().extension() == kTempSuffix) {
      fs::remove(entry.path(), ec);
      log::warn("storage.removed_partial_file", {{"file", entry.path().filename().string()}});
    }
  }
}

bool FileStore::valid_name(std::string_view name) {
  auto dot = name.find('.');
  if (dot != 32 || name.size() > 32 + 1 + 8) return false;
  for (std::size_t i = 0; i < 32; ++i) {
    char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return valid_extension(name.substr(dot + 1));
}

StoredFile FileStore::save(std::string_view bytes, std::string_view extension) {
  if (!valid_extension(extension)) throw std::invalid_argument("invalid file extension");
  StoredFile out;
  out.stored_name = crypto::hex_encode(crypto::random_bytes(16)) + "." + std::string(extension);
  out.sha256_hex = crypto::sha256_hex(bytes);
  out.size = static_cast<std::int64_t>(bytes.size());
  fs::path temp = root_ / "tmp" / (out.stored_name + std::string(kTempSuffix));
  fs::path final_path = root_ / out.stored_name;
  {
    Fd file{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
    if (file.fd < 0)
      throw std::runtime_error(std::string("cannot create upload file: ") + std::strerror(errno));
    std::size_t written = 0;
    while (written < bytes.size()) {
      auto n = ::write(file.fd, bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        int saved = errno;
        ::unlink(temp.c_str());
        throw std::runtime_error(std::string("cannot write upload file: ") + std::strerror(saved));
      }
      written += static_cast<std::size_t>(n);
    }
    if (::fsync(file.fd) != 0) {
      int saved = errno;
      ::unlink(temp.c_str());
      throw std::runtime_error(std::string("cannot sync upload file: ") + std::strerror(saved));
    }
  }
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error(std::string("cannot store upload file: ") + std::strerror(saved));
  }
  fsync_dir(root_);
  return out;
}

std::optional<std::string> FileStore::read(std::string_view stored_name) const {
  if (!valid_name(stored_name)) return std::nullopt;
  fs::path path = root_ / std::string(stored_name);
  Fd file{::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)};
  if (file.fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  std::string content(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t got = 0;
  while (got < content.size()) {
    auto n = ::read(file.fd, content.data() + got, content.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    got += static_cast<std::size_t>(n);
  }
  return content;
}

bool FileStore::remove(std::string_view stored_name) const {
  if (!valid_name(stored_name)) return false;
  std::error_code ec;
  fs::remove(root_ / std::string(stored_name), ec);
  return true;
}

bool FileStore::exists(std::string_view stored_name) const {
  if (!valid_name(stored_name)) return false;
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(root_ / std::string(stored_name), ec));
}

std::vector<std::string> FileStore::names_older_than(std::chrono::seconds min_age) const {
  std::vector<std::string> names;
  std::error_code ec;
  auto cutoff = fs::file_time_type::clock::now() - min_age;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    auto name = entry.path().filename().string();
    if (!entry.is_regular_file(ec) || !valid_name(name)) continue;
    auto written = entry.last_write_time(ec);
    if (!ec && written < cutoff) names.push_back(std::move(name));
  }
  return names;
}

}  // namespace cc::storage
