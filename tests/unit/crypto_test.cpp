// The secretbox helpers that keep repository access tokens at rest: seal/open round trips, and every way a
// sealed value can be wrong (tampered, another key, truncated, not base64url) is refused rather than
// decrypted.
#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace {

using namespace cc::crypto;

constexpr std::size_t kNonceBytes = 24;  // crypto_secretbox_NONCEBYTES
constexpr std::size_t kMacBytes = 16;    // crypto_secretbox_MACBYTES

class CryptoSecretboxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { initialize(); }
  std::string key_ = random_bytes(32);
};

TEST_F(CryptoSecretboxTest, SealThenOpenGivesThePlaintextBack) {
  for (std::string plain : {std::string("ghp_A1b2C3d4E5A1b2C3d4E5A1b2C3d4E5A1b2C3d4E5"), std::string(),
                            std::string("\0binary\xff\x00", 10), std::string(5000, 'x')}) {
    auto sealed = seal(key_, plain);
    auto opened = open(key_, sealed);
    ASSERT_TRUE(opened) << "size " << plain.size();
    EXPECT_EQ(*opened, plain);
  }
}

TEST_F(CryptoSecretboxTest, SealedValueIsBase64urlOfNonceMacAndCiphertextWithoutThePlaintext) {
  std::string plain = "ghp_secret_token_value_1234567890";
  auto sealed = seal(key_, plain);
  EXPECT_EQ(sealed.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  auto raw = base64url_decode(sealed);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->size(), kNonceBytes + kMacBytes + plain.size());
  EXPECT_EQ(raw->find(plain), std::string::npos);
  EXPECT_EQ(sealed.find("secret"), std::string::npos);
}

TEST_F(CryptoSecretboxTest, EverySealUsesAFreshNonce) {
  std::set<std::string> nonces, sealed_values;
  for (int i = 0; i < 100; ++i) {
    auto sealed = seal(key_, "same plaintext");
    sealed_values.insert(sealed);
    nonces.insert(base64url_decode(sealed)->substr(0, kNonceBytes));
    EXPECT_EQ(open(key_, sealed), "same plaintext");
  }
  EXPECT_EQ(nonces.size(), 100u);
  EXPECT_EQ(sealed_values.size(), 100u);
}

TEST_F(CryptoSecretboxTest, AnyFlippedBitIsRefused) {
  auto raw = *base64url_decode(seal(key_, "tamper with me"));
  // Every byte: the nonce, the authenticator and the ciphertext.
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto tampered = raw;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_FALSE(open(key_, base64url_encode(tampered))) << "byte " << i;
  }
}

TEST_F(CryptoSecretboxTest, AnotherKeyCannotOpenIt) {
  auto sealed = seal(key_, "for one key only");
  auto other = random_bytes(32);
  ASSERT_NE(other, key_);
  EXPECT_FALSE(open(other, sealed));
  auto almost = key_;
  almost[31] = static_cast<char>(almost[31] ^ 0x80);
  EXPECT_FALSE(open(almost, sealed));
  EXPECT_EQ(open(key_, sealed), "for one key only");
}

TEST_F(CryptoSecretboxTest, TruncatedExtendedOrMalformedValuesAreRefused) {
  auto sealed = seal(key_, "whole");
  auto raw = *base64url_decode(sealed);
  EXPECT_FALSE(open(key_, ""));
  EXPECT_FALSE(open(key_, base64url_encode(raw.substr(0, kNonceBytes + kMacBytes - 1))));
  EXPECT_FALSE(open(key_, base64url_encode(raw.substr(0, raw.size() - 1))));
  EXPECT_FALSE(open(key_, base64url_encode(raw + "x")));
  EXPECT_FALSE(open(key_, sealed + "!"));
  EXPECT_FALSE(open(key_, "not base64url at all"));
  std::string padded = sealed;
  padded[0] = '+';  // standard base64, not base64url
  EXPECT_FALSE(open(key_, padded));
}

TEST_F(CryptoSecretboxTest, KeysMustBe32Bytes) {
  EXPECT_THROW(seal(random_bytes(31), "x"), std::invalid_argument);
  EXPECT_THROW(seal(random_bytes(33), "x"), std::invalid_argument);
  EXPECT_THROW(seal("", "x"), std::invalid_argument);
  auto sealed = seal(key_, "x");
  EXPECT_FALSE(open(key_.substr(0, 31), sealed));
  EXPECT_FALSE(open(key_ + "y", sealed));
}

}  // namespace
