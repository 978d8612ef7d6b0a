#include "auth/api_key_codec.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/crypto.hpp"

namespace {

using namespace cc::auth;

class ApiKeyCodecTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cc::crypto::initialize(); }
};

TEST_F(ApiKeyCodecTest, GeneratedKeyHasTheDocumentedShape) {
  auto key = generate_api_key();
  // "cc_" + 16 hex + "_" + 43 base64url characters (256 bits).
  ASSERT_EQ(key.plaintext.size(), 3u + 16 + 1 + 43);
  EXPECT_TRUE(key.plaintext.starts_with("cc_" + key.prefix + "_"));
  EXPECT_EQ(key.prefix.size(), 16u);
  EXPECT_EQ(key.prefix.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_TRUE(looks_like_api_key(key.plaintext));
}

TEST_F(ApiKeyCodecTest, GeneratedKeyParsesBackToItsPrefixAndSecret) {
  auto key = generate_api_key();
  auto parsed = parse_api_key(key.plaintext);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->prefix, key.prefix);
  EXPECT_EQ(parsed->secret, key.plaintext.substr(3 + 16 + 1));
  EXPECT_EQ(hash_api_key_secret(parsed->secret), key.secret_hash);
}

TEST_F(ApiKeyCodecTest, OnlyTheHashOfTheSecretIsKept) {
  auto key = generate_api_key();
  auto secret = key.plaintext.substr(3 + 16 + 1);
  EXPECT_EQ(key.secret_hash, cc::crypto::sha256_hex(secret));
  EXPECT_EQ(key.secret_hash.size(), 64u);
  EXPECT_EQ(key.secret_hash.find(secret), std::string::npos);
}

TEST_F(ApiKeyCodecTest, GeneratedKeysAreUnique) {
  std::set<std::string> prefixes, plaintexts;
  for (int i = 0; i < 50; ++i) {
    auto key = generate_api_key();
    prefixes.insert(key.prefix);
    plaintexts.insert(key.plaintext);
  }
  EXPECT_EQ(prefixes.size(), 50u);
  EXPECT_EQ(plaintexts.size(), 50u);
}

TEST_F(ApiKeyCodecTest, DifferentSecretsHashDifferently) {
  EXPECT_NE(hash_api_key_secret("secret-a"), hash_api_key_secret("secret-b"));
  EXPECT_EQ(hash_api_key_secret("secret-a"), hash_api_key_secret("secret-a"));
}

TEST_F(ApiKeyCodecTest, MalformedKeysAreRejected) {
  const std::string secret(43, 'x');
  for (const std::string& token : {
           std::string(""), std::string("cc_"),
           "xx_0123456789abcdef_" + secret,                 // wrong scheme
           "CC_0123456789abcdef_" + secret,                 // scheme is case-sensitive
           "cc_0123456789abcde_" + secret,                  // prefix one short
           "cc_0123456789abcdef0_" + secret,                // prefix one long
           "cc_0123456789abcdef-" + secret,                 // wrong separator
           "cc_0123456789ABCDEF_" + secret,                 // prefix must be lower-case hex
           "cc_0123456789abcdeg_" + secret,                 // not hex
           std::string("cc_0123456789abcdef_"),             // no secret
           "cc_0123456789abcdef_" + std::string(300, 'x'),  // absurdly long
       }) {
    EXPECT_FALSE(parse_api_key(token)) << token;
  }
}

TEST_F(ApiKeyCodecTest, LooksLikeApiKeyDistinguishesKeysFromJwts) {
  EXPECT_TRUE(looks_like_api_key("cc_anything"));
  EXPECT_FALSE(looks_like_api_key("eyJhbGciOiJIUzI1NiJ9.e30.sig"));
  EXPECT_FALSE(looks_like_api_key(""));
}

}  // namespace
