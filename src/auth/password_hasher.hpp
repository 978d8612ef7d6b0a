#pragma once
// Password hashing with argon2id (libsodium) at OWASP's recommended minimum: 19 MiB of memory, 2 passes.
// Hashing costs tens of milliseconds of CPU and 19 MiB of RAM, so it only ever runs on the blocking pool and
// at most `max_concurrent` at a time; that bounds both the CPU an attacker can burn and the memory we hold.
#include <semaphore>
#include <string>
#include <string_view>

namespace cc::auth {

class PasswordHasher {
 public:
  explicit PasswordHasher(int max_concurrent);
  std::string hash(std::string_view password);
  bool verify(std::string_view stored_hash, std::string_view password);
  // Spends the same time as a real verification; used when the account does not exist, so that response
  // times do not reveal which emails are registered.
  void verify_dummy(std::string_view password);

 private:
  std::counting_semaphore<64> slots_;
  std::string dummy_hash_;
};

}  // namespace cc::auth
