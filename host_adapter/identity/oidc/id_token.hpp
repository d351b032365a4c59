#pragma once
// The checks OpenID Connect Core 1.0 section 3.1.3.7 asks of an ID token before anyone is signed
// in by it: a signature by one of the provider's published keys with an asymmetric algorithm the
// host accepts, then the issuer, the audience (and authorized party), expiry, issue time and the
// nonce the host sent. JOSE is cjose's (Debian libcjose); nothing here is hand-written crypto.

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace iro::oidc {

/// An ID token (or the exchange that should have given one) was not good enough. `reason()` is
/// short and fixed ("audience", "expired"...), for logs and tests; what() says it for people who
/// run the service. Neither ever holds the token.
class SignInRefused : public std::runtime_error {
  public:
    SignInRefused(std::string reason, const std::string& message)
        : std::runtime_error(message), reason_(std::move(reason)) {}
    const std::string& reason() const { return reason_; }

  private:
    std::string reason_;
};

/// The token names a key the key set does not hold: the provider may have rotated its keys.
class UnknownSigningKey : public SignInRefused {
  public:
    using SignInRefused::SignInRefused;
};

/// The provider's public keys (a JWKS document), ready to verify signatures with.
class KeySet {
  public:
    /// Reads a JWKS ({"keys": [...]}). Keys for encryption or of a kind cjose cannot use are
    /// skipped; std::invalid_argument when no signing key remains.
    static KeySet parse(const nlohmann::json& jwks);
    std::size_t size() const;

    struct Key;

  private:
    std::shared_ptr<const std::vector<std::shared_ptr<Key>>> keys_;
    friend struct IdTokenVerifier;
};

/// What the host expects of the ID token it is given.
struct IdTokenExpectations {
    std::string issuer;
    std::string client_id;
    std::string nonce;
    /// Algorithms accepted: asymmetric only, so a key published for verifying can never be used
    /// as an HMAC secret.
    std::vector<std::string> algorithms{"RS256"};
    /// Clock difference tolerated between the host and the provider.
    std::chrono::seconds leeway{120};
};

struct IdToken {
    nlohmann::json claims;
    std::string subject;
};

/// The algorithms the host accepts at all.
const std::vector<std::string>& asymmetric_algorithms();

/// Verifies `compact` (a JWS in compact form) and its claims. Throws SignInRefused, or
/// UnknownSigningKey when its kid is not in `keys`.
IdToken verify_id_token(std::string_view compact, const KeySet& keys,
                        const IdTokenExpectations& expect,
                        std::chrono::system_clock::time_point now);

}  // namespace iro::oidc
