// The single sign-on checks a council's identity provider's answers pass (oidc/id_token.hpp,
// oidc/provider.hpp): a discovery document, a JWKS, and an ID token. The input is split into
// sections (fuzz_support's split_files): "=== discovery" (JSON), "=== jwks" (JSON; absent: the
// target's own key), "=== token" (a compact JWS as received) or "=== claims" (bytes the target
// signs with its own key as the token's payload, so the fuzzer reaches every claim check behind
// a good signature). Refusals are ProviderUnavailable, std::invalid_argument (a key set with no
// signing key) and SignInRefused.
#include <cjose/cjose.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "oidc/id_token.hpp"
#include "oidc/provider.hpp"

namespace {

struct JwkRelease {
    void operator()(cjose_jwk_t* jwk) const { cjose_jwk_release(jwk); }
};

// One key for the whole run: generating RSA keys is slow.
const cjose_jwk_t* own_key() {
    static const std::unique_ptr<cjose_jwk_t, JwkRelease> kKey = [] {
        static const std::uint8_t kExponent[] = {0x01, 0x00, 0x01};
        cjose_err err{};
        std::unique_ptr<cjose_jwk_t, JwkRelease> key(
            cjose_jwk_create_RSA_random(2048, kExponent, sizeof kExponent, &err));
        cjose_jwk_set_kid(key.get(), "k1", 2, &err);
        return key;
    }();
    return kKey.get();
}

nlohmann::json own_jwks() {
    cjose_err err{};
    char* text = cjose_jwk_to_json(own_key(), false, &err);
    auto jwk = nlohmann::json::parse(text);
    free(text);  // NOLINT: cjose hands out malloc'd text
    return {{"keys", {jwk}}};
}

std::string signed_by_own_key(const std::string& payload) {
    cjose_err err{};
    cjose_header_t* header = cjose_header_new(&err);
    cjose_header_set(header, CJOSE_HDR_ALG, "RS256", &err);
    cjose_header_set(header, CJOSE_HDR_KID, "k1", &err);
    cjose_jws_t* jws =
        cjose_jws_sign(own_key(), header, reinterpret_cast<const std::uint8_t*>(payload.data()),
                       payload.size(), &err);
    cjose_header_release(header);
    std::string out;
    if (jws != nullptr) {
        const char* compact = nullptr;
        if (cjose_jws_export(jws, &compact, &err)) {
            out = compact;
        }
        cjose_jws_release(jws);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    const auto sections = fuzz::split_files(fuzz::as_text(data, size));
    const std::string issuer = "https://login.council.example/v2.0";
    try {
        if (const auto it = sections.find("discovery"); it != sections.end()) {
            const auto document = nlohmann::json::parse(it->second, nullptr, false);
            if (document.is_object()) {
                (void)oidc::parse_discovery(document, issuer);
            }
        }
    } catch (const oidc::ProviderUnavailable&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    try {
        oidc::KeySet keys = oidc::KeySet::parse(own_jwks());
        if (const auto it = sections.find("jwks"); it != sections.end()) {
            keys = oidc::KeySet::parse(nlohmann::json::parse(it->second, nullptr, false));
        }
        std::string token;
        if (const auto it = sections.find("claims"); it != sections.end()) {
            token = signed_by_own_key(it->second);
        } else if (const auto t = sections.find("token"); t != sections.end()) {
            token = t->second;
        }
        // 2027-01-15T08:00:00Z
        const std::chrono::system_clock::time_point now{std::chrono::seconds{1800000000}};
        (void)oidc::verify_id_token(token, keys, {issuer, "iro-panel", "n-0123456789", {"RS256"}},
                                    now);
    } catch (const oidc::SignInRefused&) {
    } catch (const std::invalid_argument&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
