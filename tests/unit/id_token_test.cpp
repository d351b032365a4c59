// The ID token checks of OpenID Connect Core 3.1.3.7, each met by a token that fails it: tokens
// are made here with cjose and a key generated for the test, so every claim can be wrong in turn.

#include "oidc/id_token.hpp"

#include <cjose/cjose.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "config/host_config.hpp"
#include "crypto/crypto.hpp"
#include "oidc/provider.hpp"
#include "support/temp_dir.hpp"

namespace iro::oidc {
namespace {

using std::chrono::seconds;

constexpr std::int64_t kNowS = 1'800'000'000;
constexpr std::chrono::system_clock::time_point kNow{seconds(kNowS)};

struct JwkRelease {
    void operator()(cjose_jwk_t* jwk) const { cjose_jwk_release(jwk); }
};
using Jwk = std::unique_ptr<cjose_jwk_t, JwkRelease>;

Jwk rsa_key(const char* kid) {
    cjose_err err{};
    static const uint8_t kExponent[] = {0x01, 0x00, 0x01};
    Jwk key(cjose_jwk_create_RSA_random(2048, kExponent, sizeof kExponent, &err));
    cjose_jwk_set_kid(key.get(), kid, std::strlen(kid), &err);
    return key;
}

nlohmann::json public_jwks(const std::vector<const cjose_jwk_t*>& keys) {
    nlohmann::json out = {{"keys", nlohmann::json::array()}};
    for (const auto* key : keys) {
        cjose_err err{};
        char* text = cjose_jwk_to_json(key, false, &err);
        out["keys"].push_back(nlohmann::json::parse(text));
        free(text);  // NOLINT: cjose hands out malloc'd text
    }
    return out;
}

std::string sign(const cjose_jwk_t* key, const nlohmann::json& claims, const char* alg = "RS256",
                 const char* kid = "k1") {
    cjose_err err{};
    cjose_header_t* header = cjose_header_new(&err);
    cjose_header_set(header, CJOSE_HDR_ALG, alg, &err);
    if (kid != nullptr) {
        cjose_header_set(header, CJOSE_HDR_KID, kid, &err);
    }
    const std::string payload = claims.dump();
    cjose_jws_t* jws = cjose_jws_sign(key, header, reinterpret_cast<const uint8_t*>(payload.data()),
                                      payload.size(), &err);
    cjose_header_release(header);
    const char* compact = nullptr;
    cjose_jws_export(jws, &compact, &err);
    std::string out = compact;
    cjose_jws_release(jws);
    return out;
}

nlohmann::json good_claims() {
    return {{"iss", "https://login.council.example/v2.0"},
            {"aud", "iro-panel"},
            {"sub", "a1b2"},
            {"preferred_username", "SW1"},
            {"nonce", "n-0123456789"},
            {"iat", kNowS - 10},
            {"exp", kNowS + 3600}};
}

// Made once: a 2048-bit RSA key takes a while to generate.
const Jwk& published_key() {
    static const Jwk kKey = rsa_key("k1");
    return kKey;
}
const Jwk& unpublished_key() {
    static const Jwk kKey = rsa_key("k1");  // the same kid, a key nobody published
    return kKey;
}

class IdTokenTest : public testing::Test {
  protected:
    const Jwk& key = published_key();
    const Jwk& other = unpublished_key();
    KeySet keys = KeySet::parse(public_jwks({key.get()}));
    IdTokenExpectations expect{"https://login.council.example/v2.0", "iro-panel", "n-0123456789"};

    std::string refusal(const std::string& token) {
        try {
            verify_id_token(token, keys, expect, kNow);
        } catch (const SignInRefused& e) {
            return e.reason();
        }
        return "accepted";
    }
    std::string refusal_of(const nlohmann::json& claims) {
        return refusal(sign(key.get(), claims));
    }
};

TEST_F(IdTokenTest, AGoodTokenGivesItsClaims) {
    const auto token = verify_id_token(sign(key.get(), good_claims()), keys, expect, kNow);
    EXPECT_EQ(token.subject, "a1b2");
    EXPECT_EQ(token.claims["preferred_username"], "SW1");
}

TEST_F(IdTokenTest, EachClaimCheckRefusesItsOwnFault) {
    auto c = good_claims();
    c["aud"] = "another-client";
    EXPECT_EQ(refusal_of(c), "audience");
    c["aud"] = nlohmann::json::array({"another-client", "iro-panel"});
    EXPECT_EQ(refusal_of(c), "audience") << "several audiences need azp naming this client";
    c["azp"] = "iro-panel";
    EXPECT_EQ(refusal_of(c), "accepted");

    c = good_claims();
    c["iss"] = "https://login.council.example/v2.0/";  // exactly, not nearly
    EXPECT_EQ(refusal_of(c), "issuer");
    c = good_claims();
    c["exp"] = kNowS - 121;  // past, beyond two minutes' leeway
    EXPECT_EQ(refusal_of(c), "expired");
    c["exp"] = kNowS - 119;  // within the leeway
    EXPECT_EQ(refusal_of(c), "accepted");
    c = good_claims();
    c["iat"] = kNowS + 600;
    EXPECT_EQ(refusal_of(c), "iat");
    c = good_claims();
    c["nonce"] = "n-another";
    EXPECT_EQ(refusal_of(c), "nonce");
    c.erase("nonce");
    EXPECT_EQ(refusal_of(c), "nonce");
    c = good_claims();
    c.erase("sub");
    EXPECT_EQ(refusal_of(c), "subject");
}

TEST_F(IdTokenTest, ClaimsOfTheWrongTypeAreRefusedNotACrash) {
    for (const auto& [name, value] :
         std::vector<std::pair<std::string, nlohmann::json>>{{"iss", 7},
                                                             {"aud", {{"x", 1}}},
                                                             {"exp", "tomorrow"},
                                                             {"iat", nullptr},
                                                             {"nonce", true},
                                                             {"sub", 12},
                                                             {"exp", 1e300}}) {
        auto c = good_claims();
        c[name] = value;
        EXPECT_NE(refusal_of(c), "accepted") << name << " = " << value;
    }
}

TEST_F(IdTokenTest, OnlyAPublishedKeyWithAnAcceptedAlgorithmSigns) {
    EXPECT_EQ(refusal(sign(other.get(), good_claims())), "signature");
    EXPECT_THROW(verify_id_token(sign(key.get(), good_claims(), "RS256", "k9"), keys, expect, kNow),
                 UnknownSigningKey);
    EXPECT_EQ(refusal(sign(key.get(), good_claims(), "RS256", nullptr)), "accepted")
        << "a token without a kid may use the provider's only key";

    // "none", and HS256 with the public key as its secret (the algorithm confusion attack).
    const std::string body = auth::base64url(good_claims().dump());
    EXPECT_EQ(refusal(auth::base64url(R"({"alg":"none"})") + "." + body + "."), "algorithm");
    const std::string hs_header = auth::base64url(R"({"alg":"HS256","kid":"k1"})");
    EXPECT_EQ(refusal(hs_header + "." + body + "." +
                      auth::base64url(auth::hmac_sha256(public_jwks({key.get()}).dump(),
                                                        hs_header + "." + body))),
              "algorithm");
    expect.algorithms = {"ES256"};
    EXPECT_EQ(refusal(sign(key.get(), good_claims())), "algorithm")
        << "the provider's discovery said it signs with ES256 only";
}

TEST_F(IdTokenTest, AChangedPayloadOrAMalformedTokenIsRefused) {
    const auto token = sign(key.get(), good_claims());
    auto c = good_claims();
    c["preferred_username"] = "IRO1";
    const auto first_dot = token.find('.');
    const auto second_dot = token.find('.', first_dot + 1);
    const auto forged =
        token.substr(0, first_dot + 1) + auth::base64url(c.dump()) + token.substr(second_dot);
    EXPECT_EQ(refusal(forged), "signature");
    EXPECT_EQ(refusal(""), "malformed");
    EXPECT_EQ(refusal("a.b"), "malformed");
    EXPECT_EQ(refusal(std::string(20000, 'a')), "malformed");
    EXPECT_EQ(refusal("\xff\xfe.\x01.\x02"), "malformed");
    // Lengths base64url cannot have (4n+1), which libcjose would abort the process on.
    EXPECT_EQ(refusal("eyJhbGciO.e30.AAAA"), "malformed");
    EXPECT_EQ(refusal("e30.eyJzdWIiOiJhIiJub25lIn0A.AAAA"), "malformed");
    EXPECT_EQ(refusal("e30.e30.A"), "malformed");
    EXPECT_EQ(refusal("e30.e30.e30.e30"), "malformed");
    EXPECT_EQ(refusal("e30=.e30.AAAA"), "malformed");
}

// The expectations a sign-in checks its token against keep the clock leeway: a token the
// provider issued in the second after the callback began is not from the future. (They once
// had none, and a sign-in failed now and then with "iat".)
TEST_F(IdTokenTest, ASignInsExpectationsToleratePlainClockSkew) {
    ProviderMetadata metadata;
    metadata.id_token_signing_alg_values_supported = {"HS256", "RS256", "none"};
    expect = token_expectations("https://login.council.example/v2.0", "iro-panel", "n-0123456789",
                                metadata);
    EXPECT_EQ(expect.leeway, std::chrono::seconds(120));
    EXPECT_EQ(expect.algorithms, std::vector<std::string>{"RS256"});
    auto c = good_claims();
    for (const int ahead : {1, 119}) {
        c["iat"] = kNowS + ahead;
        EXPECT_EQ(refusal_of(c), "accepted") << ahead << " s ahead";
    }
    c["iat"] = kNowS + 121;
    EXPECT_EQ(refusal_of(c), "iat");
}

TEST(KeySetTest, SharedSecretsAndEncryptionKeysAreNotSigningKeys) {
    EXPECT_THROW(KeySet::parse({{"keys", {{{"kty", "oct"}, {"k", "c2VjcmV0"}}}}}),
                 std::invalid_argument);
    EXPECT_THROW(KeySet::parse(nlohmann::json::object()), std::invalid_argument);
    EXPECT_THROW(KeySet::parse({{"keys", "none"}}), std::invalid_argument);
    auto jwks = public_jwks({published_key().get(), unpublished_key().get()});
    jwks["keys"][1]["use"] = "enc";
    EXPECT_EQ(KeySet::parse(jwks).size(), 1U);
    // A key whose encoded members are not base64url, or that carries a private part, is skipped.
    auto odd = public_jwks({published_key().get()});
    odd["keys"][0]["n"] = "AQA";  // fine
    odd["keys"].push_back(odd["keys"][0]);
    odd["keys"][1]["n"] = "AQABA";  // 4n+1 characters
    odd["keys"].push_back(odd["keys"][0]);
    odd["keys"][2]["d"] = "AQAB";
    odd["keys"].push_back(odd["keys"][0]);
    odd["keys"][3]["e"] = 65537;
    EXPECT_EQ(KeySet::parse(odd).size(), 1U);
}

TEST(DiscoveryTest, TheDocumentMustNameTheConfiguredIssuerAndEncryptedEndpoints) {
    nlohmann::json doc = {{"issuer", "https://login.council.example/v2.0"},
                          {"authorization_endpoint", "https://login.council.example/authorize"},
                          {"token_endpoint", "https://login.council.example/token"},
                          {"jwks_uri", "https://login.council.example/keys"}};
    const auto m = parse_discovery(doc, "https://login.council.example/v2.0");
    EXPECT_EQ(m.id_token_signing_alg_values_supported, std::vector<std::string>{"RS256"});
    EXPECT_TRUE(m.end_session_endpoint.empty());
    EXPECT_THROW(parse_discovery(doc, "https://login.other.example/v2.0"), ProviderUnavailable);
    doc["token_endpoint"] = "http://login.council.example/token";
    EXPECT_THROW(parse_discovery(doc, "https://login.council.example/v2.0"), ProviderUnavailable);
    doc["token_endpoint"] = 5;
    EXPECT_THROW(parse_discovery(doc, "https://login.council.example/v2.0"), ProviderUnavailable);
}

TEST(PkceTest, TheChallengeIsRfc7636sS256) {
    // RFC 7636, appendix B.
    EXPECT_EQ(code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
              "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

// The "oidc" configuration: defaults, and a provider reached only over TLS (loopback excepted).
TEST(OidcConfig, TheIssuerMustBeHttpsAndTheRestHasDefaults) {
    const test::TempDir dir;
    const auto file = dir.path() / "host.json";
    config::ConfigOverrides overrides;
    overrides.config_file = file;
    overrides.data_dir = dir.path() / "data";
    const auto read = [&](const std::string& oidc) {
        std::ofstream(file, std::ios::trunc) << R"({"oidc": )" + oidc + "}";
        return config::resolve_host_config(overrides);
    };
    const auto config =
        read(R"({"issuer": "https://login.council.example/v2.0", "client_id": "iro-panel",
                 "client_secret_file": "oidc-secret", "user_field": "worker_id"})");
    ASSERT_TRUE(config.oidc);
    EXPECT_EQ(config.oidc->user_claim, "preferred_username");
    EXPECT_EQ(config.oidc->user_field, config::OidcUserField::worker_id);
    EXPECT_FALSE(config.oidc->required);
    EXPECT_EQ(config.oidc->client_secret_file, dir.path() / "oidc-secret");
    EXPECT_FALSE(read(R"({"issuer": "https://x.example", "client_id": "a"})").oidc->required);
    EXPECT_TRUE(read(R"({"issuer": "http://127.0.0.1:9000", "client_id": "a"})").oidc);

    for (const char* bad : {R"({"issuer": "http://login.council.example", "client_id": "a"})",
                            R"({"issuer": "https://x.example"})",
                            R"({"issuer": "https://x.example", "client_id": "a",
                                "scopes": ["profile"]})",
                            R"({"issuer": "https://x.example", "client_id": "a",
                                "user_field": "email"})"}) {
        EXPECT_THROW(read(bad), config::ConfigError) << bad;
    }
}

}  // namespace
}  // namespace iro::oidc
