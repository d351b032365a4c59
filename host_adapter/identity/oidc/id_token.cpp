#include "oidc/id_token.hpp"

#include <cjose/cjose.h>
#include <fmt/format.h>

#include <algorithm>

namespace iro::oidc {

namespace {

// An ID token is a few hundred bytes to a few kilobytes; anything far larger is not one.
constexpr std::size_t kMaxTokenBytes = std::size_t{16} * 1024;

struct JwkRelease {
    void operator()(cjose_jwk_t* jwk) const { cjose_jwk_release(jwk); }
};
struct JwsRelease {
    void operator()(cjose_jws_t* jws) const { cjose_jws_release(jws); }
};

std::string header_value(cjose_header_t* header, const char* name) {
    cjose_err err{};
    const char* value = cjose_header_get(header, name, &err);
    return value == nullptr ? std::string() : std::string(value);
}

bool audience_holds(const nlohmann::json& aud, const std::string& client_id) {
    if (aud.is_string()) {
        return aud.get<std::string>() == client_id;
    }
    if (aud.is_array()) {
        return std::any_of(aud.begin(), aud.end(), [&](const nlohmann::json& a) {
            return a.is_string() && a.get<std::string>() == client_id;
        });
    }
    return false;
}

std::int64_t seconds_claim(const nlohmann::json& claims, const char* name) {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number()) {
        throw SignInRefused(name, std::string("the ID token has no numeric '") + name + "' claim");
    }
    const double value = it->get<double>();
    if (value < 0 || value > 1e11) {
        throw SignInRefused(name, std::string("the ID token's '") + name + "' is out of range");
    }
    return static_cast<std::int64_t>(value);
}

// A claim's text; empty when it is absent or not a string (a hostile token may put anything).
std::string text_claim(const nlohmann::json& claims, const char* name) {
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Whether `text` is base64url as RFC 7515 writes it: its alphabet, no padding, and a length
// that whole bytes can have. libcjose asserts (aborting the process) on a length of 4n+1, so
// nothing reaches it unchecked.
bool base64url_text(std::string_view text) {
    return text.size() % 4 != 1 &&
           text.find_first_not_of(
               "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
               std::string_view::npos;
}

// A compact JWS: three base64url parts, the first two not empty.
bool compact_jws(std::string_view compact) {
    const auto first = compact.find('.');
    const auto second = first == std::string_view::npos ? first : compact.find('.', first + 1);
    if (second == std::string_view::npos ||
        compact.find('.', second + 1) != std::string_view::npos) {
        return false;
    }
    const auto header = compact.substr(0, first);
    const auto payload = compact.substr(first + 1, second - first - 1);
    return !header.empty() && !payload.empty() && base64url_text(header) &&
           base64url_text(payload) && base64url_text(compact.substr(second + 1));
}

// A published key's encoded members must be base64url before cjose decodes them; a private
// member ("d" and the CRT values, or a shared secret) has no place in a provider's JWKS.
bool public_jwk(const nlohmann::json& entry) {
    for (const char* secret : {"d", "p", "q", "dp", "dq", "qi", "k"}) {
        if (entry.contains(secret)) {
            return false;
        }
    }
    for (const char* member : {"n", "e", "x", "y"}) {
        if (const auto it = entry.find(member); it != entry.end()) {
            if (!it->is_string() || !base64url_text(it->get<std::string>())) {
                return false;
            }
        }
    }
    return true;
}

std::string kty_for(const std::string& alg) {
    return alg.front() == 'E' ? "EC" : "RSA";
}

}  // namespace

struct KeySet::Key {
    std::unique_ptr<cjose_jwk_t, JwkRelease> jwk;
    std::string kid;
    std::string kty;
};

const std::vector<std::string>& asymmetric_algorithms() {
    static const std::vector<std::string> kAlgorithms{"RS256", "RS384", "RS512", "PS256", "PS384",
                                                      "PS512", "ES256", "ES384", "ES512"};
    return kAlgorithms;
}

KeySet KeySet::parse(const nlohmann::json& jwks) {
    auto keys = std::make_shared<std::vector<std::shared_ptr<Key>>>();
    if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
        throw std::invalid_argument("the JWKS has no 'keys' array");
    }
    for (const auto& entry : jwks["keys"]) {
        if (!entry.is_object() || (entry.contains("use") && entry["use"] != "sig")) {
            continue;
        }
        const std::string kty = text_claim(entry, "kty");
        if ((kty != "RSA" && kty != "EC") || !public_jwk(entry)) {
            continue;  // "oct" (a shared secret) has no place among published keys
        }
        const std::string text = entry.dump();
        cjose_err err{};
        std::unique_ptr<cjose_jwk_t, JwkRelease> jwk(
            cjose_jwk_import(text.c_str(), text.size(), &err));
        if (!jwk) {
            continue;
        }
        auto key = std::make_shared<Key>();
        key->jwk = std::move(jwk);
        key->kid = text_claim(entry, "kid");
        key->kty = kty;
        keys->push_back(std::move(key));
    }
    if (keys->empty()) {
        throw std::invalid_argument("the JWKS holds no RSA or EC signing key");
    }
    KeySet set;
    set.keys_ = std::move(keys);
    return set;
}

std::size_t KeySet::size() const {
    return keys_ ? keys_->size() : 0;
}

struct IdTokenVerifier {
    static const KeySet::Key* find(const KeySet& keys, const std::string& kid,
                                   const std::string& kty) {
        if (!keys.keys_) {
            return nullptr;
        }
        const KeySet::Key* only = nullptr;
        std::size_t of_kind = 0;
        for (const auto& key : *keys.keys_) {
            if (key->kty != kty) {
                continue;
            }
            if (!kid.empty() && key->kid == kid) {
                return key.get();
            }
            ++of_kind;
            only = key.get();
        }
        // A token without a kid may use the provider's only key of its kind.
        return kid.empty() && of_kind == 1 ? only : nullptr;
    }
};

IdToken verify_id_token(std::string_view compact, const KeySet& keys,
                        const IdTokenExpectations& expect,
                        std::chrono::system_clock::time_point now) {
    if (compact.empty() || compact.size() > kMaxTokenBytes) {
        throw SignInRefused("malformed", "the ID token is missing or too large");
    }
    if (!compact_jws(compact)) {
        throw SignInRefused("malformed", "the ID token is not three base64url parts");
    }
    cjose_err err{};
    std::unique_ptr<cjose_jws_t, JwsRelease> jws(
        cjose_jws_import(compact.data(), compact.size(), &err));
    if (!jws) {
        throw SignInRefused("malformed", "the ID token is not a signed JWT");
    }
    cjose_header_t* header = cjose_jws_get_protected(jws.get());
    const std::string alg = header == nullptr ? "" : header_value(header, CJOSE_HDR_ALG);
    const std::string kid = header == nullptr ? "" : header_value(header, CJOSE_HDR_KID);
    const auto& accepted = expect.algorithms;
    if (alg.empty() || std::find(accepted.begin(), accepted.end(), alg) == accepted.end() ||
        std::find(asymmetric_algorithms().begin(), asymmetric_algorithms().end(), alg) ==
            asymmetric_algorithms().end()) {
        throw SignInRefused("algorithm", "the ID token is signed with '" + alg +
                                             "', which the host does not accept");
    }
    const auto* key = IdTokenVerifier::find(keys, kid, kty_for(alg));
    if (key == nullptr) {
        throw UnknownSigningKey("key",
                                "the ID token is signed with a key the provider does not "
                                "publish (kid '" +
                                    kid + "')");
    }
    if (!cjose_jws_verify(jws.get(), key->jwk.get(), &err)) {
        throw SignInRefused("signature", "the ID token's signature does not verify");
    }
    uint8_t* payload = nullptr;
    std::size_t payload_length = 0;
    if (!cjose_jws_get_plaintext(jws.get(), &payload, &payload_length, &err)) {
        throw SignInRefused("malformed", "the ID token has no readable claims");
    }
    // nlohmann refuses text that is not UTF-8, so the claims are checked at the edge.
    auto claims = nlohmann::json::parse(reinterpret_cast<const char*>(payload),
                                        reinterpret_cast<const char*>(payload) + payload_length,
                                        nullptr, false);
    if (!claims.is_object()) {
        throw SignInRefused("malformed", "the ID token's claims are not a JSON object");
    }
    if (text_claim(claims, "iss") != expect.issuer) {
        throw SignInRefused("issuer", "the ID token was issued by '" + text_claim(claims, "iss") +
                                          "', not by the configured provider");
    }
    const auto aud = claims.find("aud");
    if (aud == claims.end() || !audience_holds(*aud, expect.client_id)) {
        throw SignInRefused(
            "audience", "the ID token is meant for another client, not for " + expect.client_id);
    }
    // With several audiences, the party it was issued to must be this client (section 2).
    if (aud->is_array() && aud->size() > 1 && text_claim(claims, "azp") != expect.client_id) {
        throw SignInRefused("audience", "the ID token was issued to another party");
    }
    const auto now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (seconds_claim(claims, "exp") + expect.leeway.count() <= now_s) {
        throw SignInRefused("expired", "the ID token has expired");
    }
    if (const auto iat = seconds_claim(claims, "iat"); iat - expect.leeway.count() > now_s) {
        throw SignInRefused("iat", fmt::format("the ID token was issued at {}, {} s after this "
                                               "service's clock ({}): check the clocks",
                                               iat, iat - now_s, now_s));
    }
    const std::string nonce = text_claim(claims, "nonce");
    if (nonce.empty() || nonce != expect.nonce) {
        throw SignInRefused("nonce", "the ID token's nonce is not the one this sign-in sent");
    }
    const auto sub = claims.find("sub");
    if (sub == claims.end() || !sub->is_string() || sub->get<std::string>().empty()) {
        throw SignInRefused("subject", "the ID token names no subject");
    }
    return {claims, sub->get<std::string>()};
}

}  // namespace iro::oidc
