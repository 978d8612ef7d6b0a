#include "auth/password_hasher.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/crypto.hpp"

namespace {

using cc::auth::PasswordHasher;

class PasswordHasherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cc::crypto::initialize(); }
  PasswordHasher hasher_{2};
};

TEST_F(PasswordHasherTest, HashIsAnArgon2idPhcString) {
  auto hash = hasher_.hash("correct horse battery staple");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find("correct horse"), std::string::npos);
}

TEST_F(PasswordHasherTest, HashUsesAtLeastOwaspMinimumCost) {
  // OWASP: argon2id with m >= 19 MiB (19456 KiB) and t >= 2.
  auto hash = hasher_.hash("pw");
  EXPECT_NE(hash.find("m=19456,t=2"), std::string::npos) << hash;
}

TEST_F(PasswordHasherTest, VerifyAcceptsTheRightPassword) {
  auto hash = hasher_.hash("correct horse battery staple");
  EXPECT_TRUE(hasher_.verify(hash, "correct horse battery staple"));
}

TEST_F(PasswordHasherTest, VerifyRejectsAWrongPassword) {
  auto hash = hasher_.hash("correct horse battery staple");
  EXPECT_FALSE(hasher_.verify(hash, "correct horse battery stapl"));
  EXPECT_FALSE(hasher_.verify(hash, "Correct horse battery staple"));
  EXPECT_FALSE(hasher_.verify(hash, ""));
}

TEST_F(PasswordHasherTest, TwoHashesOfTheSamePasswordDifferButBothVerify) {
  auto first = hasher_.hash("same password");
  auto second = hasher_.hash("same password");
  EXPECT_NE(first, second);  // random salt
  EXPECT_TRUE(hasher_.verify(first, "same password"));
  EXPECT_TRUE(hasher_.verify(second, "same password"));
}

TEST_F(PasswordHasherTest, PasswordsWithEmbeddedNulAreHashedInFull) {
  std::string with_nul("abc\0def", 7);
  auto hash = hasher_.hash(with_nul);
  EXPECT_TRUE(hasher_.verify(hash, with_nul));
  EXPECT_FALSE(hasher_.verify(hash, "abc"));
}

TEST_F(PasswordHasherTest, MalformedStoredHashNeverVerifies) {
  EXPECT_FALSE(hasher_.verify("", "pw"));
  EXPECT_FALSE(hasher_.verify("not a hash", "pw"));
  EXPECT_FALSE(hasher_.verify("$argon2id$v=19$m=19456,t=2,p=1$garbage", "pw"));
}

}  // namespace
