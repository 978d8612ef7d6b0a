#include "auth/password_hasher.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace cc::auth {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;  // 19 MiB

struct Slot {
  std::counting_semaphore<64>& s;
  explicit Slot(std::counting_semaphore<64>& sem) : s(sem) { s.acquire(); }
  ~Slot() { s.release(); }
};
}  // namespace

PasswordHasher::PasswordHasher(int max_concurrent) : slots_(std::clamp(max_concurrent, 1, 64)) {
  dummy_hash_ = hash("dummy password used to equalise timing");
}

std::string PasswordHasher::hash(std::string_view password) {
  Slot slot(slots_);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool PasswordHasher::verify(std::string_view stored_hash, std::string_view password) {
  Slot slot(slots_);
  std::string hash(stored_hash);  // libsodium needs a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) {
  (void)verify(dummy_hash_, password);
}

}  // namespace cc::auth
