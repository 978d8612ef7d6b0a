#include "app/data_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/strings.hpp"

namespace cc::app {

namespace fs = std::filesystem;

void prepare_data_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create data directory " + dir.string() + ": " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
}

std::string load_or_create_secret(const fs::path& dir, const std::string& name, std::size_t bytes) {
  fs::path secrets = dir / "secrets";
  std::error_code ec;
  fs::create_directories(secrets, ec);
  if (ec) throw std::runtime_error("cannot create " + secrets.string() + ": " + ec.message());
  fs::permissions(secrets, fs::perms::owner_all, fs::perm_options::replace, ec);
  fs::path file = secrets / name;
  if (fs::exists(file)) {
    std::ifstream in(file);
    std::string value;
    std::getline(in, value);
    value = std::string(trim(value));
    if (value.empty()) throw std::runtime_error("secret file " + file.string() + " is empty");
    return value;
  }
  std::string value = crypto::random_token(bytes);
  // O_EXCL: if two processes start at once, one creates the file and the other reads it.
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return load_or_create_secret(dir, name, bytes);
    throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
  }
  std::string line = value + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = (::fsync(fd) == 0) && ok;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + file.string());
  return value;
}

DataDirLock::DataDirLock(const fs::path& dir) {
  auto file = dir / "serve.lock";
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open " + file.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error("another commandcenter serve is using the data directory " + dir.string() +
                             " (run each installation with its own --data-dir)");
  }
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

std::string database_url(const fs::path& data_dir, const std::string& configured_url) {
  if (!configured_url.empty()) return configured_url;
  return "sqlite:" + (data_dir / "commandcenter.db").string();
}

}  // namespace cc::app
