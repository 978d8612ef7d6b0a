#include "auth/token_service.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/crypto.hpp"

namespace {

namespace json = boost::json;
using cc::Timestamp;
using cc::auth::TokenService;
using std::chrono::seconds;

constexpr std::string_view kSecret = "unit-test-secret-0123456789abcdefghijklmnop";
constexpr std::string_view kIssuer = "commandcenter";
constexpr std::string_view kAudience = "commandcenter-api";
constexpr std::int64_t kTtl = 900;

class TokenServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cc::crypto::initialize(); }

  TokenService service_{std::string(kSecret), std::string(kIssuer), std::string(kAudience), seconds{kTtl}};
  Timestamp issued_at_ = cc::from_unix_seconds(1'800'000'000) + std::chrono::microseconds{250'000};
  std::int64_t iat_ = 1'800'000'000;

  static json::object header(std::string_view alg = "HS256", std::string_view typ = "at+jwt") {
    return {{"alg", alg}, {"typ", typ}};
  }

  json::object payload() const {
    return {{"iss", kIssuer},   {"aud", kAudience}, {"sub", "42"}, {"sid", "session-1"},
            {"email", "a@b.c"}, {"iat", iat_},      {"nbf", iat_}, {"exp", iat_ + kTtl}};
  }

  static std::string signing_input(const json::object& h, const json::object& p) {
    return cc::crypto::base64url_encode(json::serialize(h)) + "." +
           cc::crypto::base64url_encode(json::serialize(p));
  }

  // A token signed like ours, but with whatever header, payload and key the test chooses.
  static std::string forge(const json::object& h, const json::object& p, std::string_view secret = kSecret) {
    std::string input = signing_input(h, p);
    return input + "." + cc::crypto::base64url_encode(cc::crypto::hmac_sha256(secret, input));
  }

  // Verifies and returns the rejection reason ("" when the token was accepted).
  std::string rejection(std::string_view token, Timestamp now) const {
    std::string reason;
    auto claims = service_.verify_access(token, now, &reason);
    if (claims) return "";
    EXPECT_FALSE(reason.empty());
    return reason;
  }
  std::string rejection(std::string_view token) const { return rejection(token, issued_at_); }
};

TEST_F(TokenServiceTest, IssuedTokenVerifiesAndCarriesItsClaims) {
  auto token = service_.issue_access(42, "alice@example.com", "session-7", issued_at_);
  std::string reason;
  auto claims = service_.verify_access(token, issued_at_, &reason);
  ASSERT_TRUE(claims) << reason;
  EXPECT_EQ(claims->user_id, 42);
  EXPECT_EQ(claims->session_id, "session-7");
  EXPECT_EQ(claims->email, "alice@example.com");
  EXPECT_EQ(claims->issued_at, cc::from_unix_seconds(iat_));
  EXPECT_EQ(claims->expires_at, cc::from_unix_seconds(iat_ + kTtl));
}

TEST_F(TokenServiceTest, IssuedTokenHasExplicitTypeAndPinnedAlgorithm) {
  auto token = service_.issue_access(1, "a@b.c", "s", issued_at_);
  auto header_part = token.substr(0, token.find('.'));
  auto decoded = cc::crypto::base64url_decode(header_part);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, R"({"alg":"HS256","typ":"at+jwt"})");
}

TEST_F(TokenServiceTest, EveryIssuedTokenIsUnique) {
  EXPECT_NE(service_.issue_access(1, "a@b.c", "s", issued_at_),
            service_.issue_access(1, "a@b.c", "s", issued_at_));
}

TEST_F(TokenServiceTest, ForgedTokenWithOurKeyAndValidClaimsIsAccepted) {
  // Guards the helpers below: the rejections that follow are caused by the one thing each test changes.
  EXPECT_EQ(rejection(forge(header(), payload())), "");
}

TEST_F(TokenServiceTest, SecretShorterThan32BytesIsRefused) {
  EXPECT_THROW(TokenService("short", "iss", "aud", seconds{60}), std::invalid_argument);
}

// ---- lifetime ----

TEST_F(TokenServiceTest, TokenIsAcceptedUntilExpiryPlusLeeway) {
  auto token = service_.issue_access(42, "a@b.c", "s", issued_at_);
  EXPECT_EQ(rejection(token, cc::from_unix_seconds(iat_ + kTtl - 1)), "");
  EXPECT_EQ(rejection(token, cc::from_unix_seconds(iat_ + kTtl + 29)), "");
}

TEST_F(TokenServiceTest, TokenExpiredBeyondTheLeewayIsRejected) {
  auto token = service_.issue_access(42, "a@b.c", "s", issued_at_);
  EXPECT_EQ(rejection(token, cc::from_unix_seconds(iat_ + kTtl + 31)), "expired");
  EXPECT_EQ(rejection(token, cc::from_unix_seconds(iat_ + kTtl + 3600)), "expired");
}

TEST_F(TokenServiceTest, TokenWithoutExpiryIsRejected) {
  auto p = payload();
  p.erase("exp");
  EXPECT_EQ(rejection(forge(header(), p)), "expired");
}

TEST_F(TokenServiceTest, TokenNotYetValidBeyondTheLeewayIsRejected) {
  auto p = payload();
  p["nbf"] = iat_ + 120;
  EXPECT_EQ(rejection(forge(header(), p)), "not yet valid");
  p["nbf"] = iat_ + 20;  // within the leeway for clock skew
  EXPECT_EQ(rejection(forge(header(), p)), "");
}

TEST_F(TokenServiceTest, TokenIssuedInTheFutureIsRejected) {
  auto p = payload();
  p["iat"] = iat_ + 120;
  EXPECT_EQ(rejection(forge(header(), p)), "iat");
}

// ---- keys and algorithms ----

TEST_F(TokenServiceTest, TokenFromADifferentSecretIsRejected) {
  TokenService other("another-secret-of-at-least-32-bytes!!", std::string(kIssuer), std::string(kAudience),
                     seconds{kTtl});
  EXPECT_EQ(rejection(other.issue_access(42, "a@b.c", "s", issued_at_)), "signature");
  EXPECT_EQ(rejection(forge(header(), payload(), "another-secret-of-at-least-32-bytes!!")), "signature");
}

TEST_F(TokenServiceTest, AlgNoneIsRejectedWithOrWithoutASignature) {
  std::string unsigned_token = signing_input(header("none"), payload()) + ".";
  EXPECT_EQ(rejection(unsigned_token), "algorithm");
  EXPECT_EQ(rejection(forge(header("none"), payload())), "algorithm");
}

TEST_F(TokenServiceTest, OtherAlgorithmsAreRejectedEvenWhenSignedWithOurKey) {
  EXPECT_EQ(rejection(forge(header("HS512"), payload())), "algorithm");
  EXPECT_EQ(rejection(forge(header("RS256"), payload())), "algorithm");
  EXPECT_EQ(rejection(forge(header("hs256"), payload())), "algorithm");
  EXPECT_EQ(rejection(forge(json::object{{"typ", "at+jwt"}}, payload())), "algorithm");
}

TEST_F(TokenServiceTest, GenericJwtTypeIsRejected) {
  // RFC 8725 §3.11: a plain "JWT" (an ID token, say) must not pass as an access token.
  EXPECT_EQ(rejection(forge(header("HS256", "JWT"), payload())), "typ");
  EXPECT_EQ(rejection(forge(json::object{{"alg", "HS256"}}, payload())), "typ");
}

TEST_F(TokenServiceTest, CriticalHeaderExtensionsAreRejected) {
  auto h = header();
  h["crit"] = json::array{"exp"};
  EXPECT_EQ(rejection(forge(h, payload())), "crit");
}

// ---- claims ----

TEST_F(TokenServiceTest, WrongIssuerIsRejected) {
  auto p = payload();
  p["iss"] = "someone-else";
  EXPECT_EQ(rejection(forge(header(), p)), "issuer");
  p.erase("iss");
  EXPECT_EQ(rejection(forge(header(), p)), "issuer");
}

TEST_F(TokenServiceTest, WrongAudienceIsRejected) {
  auto p = payload();
  p["aud"] = "another-api";
  EXPECT_EQ(rejection(forge(header(), p)), "audience");
  p["aud"] = json::array{"another-api", "third-api"};
  EXPECT_EQ(rejection(forge(header(), p)), "audience");
  p.erase("aud");
  EXPECT_EQ(rejection(forge(header(), p)), "audience");
}

TEST_F(TokenServiceTest, AudienceListContainingUsIsAccepted) {
  auto p = payload();
  p["aud"] = json::array{"another-api", kAudience};
  EXPECT_EQ(rejection(forge(header(), p)), "");
}

TEST_F(TokenServiceTest, NonNumericOrNonPositiveSubjectIsRejected) {
  for (const char* sub : {"abc", "42abc", "", "0", "-5", " 42", "99999999999999999999"}) {
    auto p = payload();
    p["sub"] = sub;
    EXPECT_EQ(rejection(forge(header(), p)), "subject") << '"' << sub << '"';
  }
  auto p = payload();
  p["sub"] = 42;  // RFC 7519: sub is a string
  EXPECT_EQ(rejection(forge(header(), p)), "subject");
}

TEST_F(TokenServiceTest, MissingSessionIsRejected) {
  auto p = payload();
  p["sid"] = "";
  EXPECT_EQ(rejection(forge(header(), p)), "subject");
  p.erase("sid");
  EXPECT_EQ(rejection(forge(header(), p)), "subject");
}

// ---- tampering and malformed input ----

TEST_F(TokenServiceTest, TamperedPayloadIsRejected) {
  auto token = service_.issue_access(42, "a@b.c", "s", issued_at_);
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  auto p = payload();
  p["sub"] = "1";  // try to become user 1, keeping the original signature
  std::string tampered =
      token.substr(0, first + 1) + cc::crypto::base64url_encode(json::serialize(p)) + token.substr(second);
  EXPECT_EQ(rejection(tampered), "signature");
}

TEST_F(TokenServiceTest, TamperedSignatureIsRejected) {
  auto token = service_.issue_access(42, "a@b.c", "s", issued_at_);
  auto signature_start = token.rfind('.') + 1;
  token[signature_start] = token[signature_start] == 'A' ? 'B' : 'A';
  EXPECT_EQ(rejection(token), "signature");
  EXPECT_EQ(rejection(token.substr(0, token.rfind('.') + 1)), "signature");  // signature removed
}

TEST_F(TokenServiceTest, WrongNumberOfPartsIsRejected) {
  auto token = service_.issue_access(42, "a@b.c", "s", issued_at_);
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  EXPECT_EQ(rejection(token.substr(0, second)), "format");  // one dot
  EXPECT_EQ(rejection(token + ".extra"), "format");         // three dots
  EXPECT_EQ(rejection(""), "format");
  EXPECT_EQ(rejection("no-dots-at-all"), "format");
  EXPECT_EQ(rejection("a.b.c.d"), "format");
  EXPECT_EQ(rejection("..."), "format");
}

TEST_F(TokenServiceTest, UndecodableHeaderIsRejected) {
  EXPECT_EQ(rejection("!!!.e30.e30"), "header");
  EXPECT_EQ(rejection(cc::crypto::base64url_encode("not json") + ".e30.sig"), "header");
  EXPECT_EQ(rejection(cc::crypto::base64url_encode("[1,2]") + ".e30.sig"), "header");
}

TEST_F(TokenServiceTest, SignedButUndecodablePayloadIsRejected) {
  std::string input = cc::crypto::base64url_encode(json::serialize(header())) + "." +
                      cc::crypto::base64url_encode("not json");
  std::string token = input + "." + cc::crypto::base64url_encode(cc::crypto::hmac_sha256(kSecret, input));
  EXPECT_EQ(rejection(token), "payload");
}

TEST_F(TokenServiceTest, OversizedTokenIsRejectedBeforeParsing) {
  auto p = payload();
  p["email"] = std::string(5000, 'a');
  EXPECT_EQ(rejection(forge(header(), p)), "token too long");
}

TEST_F(TokenServiceTest, ReasonPointerIsOptional) {
  EXPECT_FALSE(service_.verify_access("garbage", issued_at_));
  EXPECT_TRUE(service_.verify_access(service_.issue_access(5, "a@b.c", "s", issued_at_), issued_at_));
}

}  // namespace
