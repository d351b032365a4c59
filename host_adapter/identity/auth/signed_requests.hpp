#pragma once
// HMAC-SHA256 signed requests from a case-management system. The CMS signs
//
//   v1 \n METHOD \n target \n timestamp \n nonce \n acting user \n hex SHA-256 of the body
//
// with its client secret and sends X-IRO-Client, X-IRO-Timestamp (Unix seconds), X-IRO-Nonce,
// X-IRO-Acting-User (optional) and X-IRO-Signature: v1=<hex>. A request more than five minutes
// from the host's clock, or whose nonce the client already used, is refused.
//
// Client secrets are not stored: each is HMAC(signing key, client id and key generation), the
// signing key being a file in the data directory readable only by the service. Rotating a client
// moves it to the next generation; revoking it ends it.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "access/roles.hpp"
#include "store/change.hpp"
#include "store/sqlite.hpp"

namespace iro::auth {

/// How far a signed request's timestamp may be from the host's clock, either way.
inline constexpr std::chrono::seconds kSignatureWindow{300};

/// The signing key file, created (mode 0600) on first use by `create_if_missing`.
class SigningKey {
  public:
    explicit SigningKey(std::filesystem::path file) : file_(std::move(file)) {}
    /// The client secret of `client_id` at `generation`. Throws std::runtime_error when there is
    /// no key file (no integration was ever added).
    std::string client_secret(std::string_view client_id, std::int64_t generation) const;
    void create_if_missing() const;

  private:
    std::string load() const;
    std::filesystem::path file_;
    mutable std::string key_;  // read once; a key file never changes once written
};

/// The parts of a request a signature covers, as received.
struct SignedRequest {
    std::string method;
    std::string target;  ///< path and query exactly as sent
    std::string body;
    std::string client;
    std::string timestamp;
    std::string nonce;
    std::string acting_user;
    std::string signature;
};

/// The text signed, for clients and tests.
std::string string_to_sign(const SignedRequest& request);
/// "v1=<hex>" for `request` under `secret`.
std::string sign(const SignedRequest& request, std::string_view secret);

/// The principal a signed request stands for: the acting user (their child-facing roles only;
/// a CMS never acts as an administrator), or the client itself with role cms_integration.
/// Records the nonce. Throws NotAuthenticated (api_tokens.hpp) for an unknown or revoked client,
/// a bad signature, a timestamp outside the window, a reused nonce, or an unknown acting user.
access::Principal verify_signed_request(store::Database& db, const SigningKey& key,
                                        const SignedRequest& request,
                                        std::chrono::system_clock::time_point now);

/// How long a CMS launch URL is good for, either side of the host's clock: long enough for a
/// browser to open it, short enough that one copied from a history or a log is already dead.
inline constexpr std::chrono::seconds kLaunchWindow{60};

/// A CMS's signed URL that opens the panel for one user and one child:
///
///   /panel/launch?child=C&user=U&client=ID&ts=SECONDS&nonce=N&sig=v1=HEX
///
/// signed as a request of method LAUNCH to /panel/children/C with an empty body, U the acting
/// user: the signature can be neither a launch for another child or user, nor an API request.
struct PanelLaunch {
    std::string child_id;
    std::string user_id;
    std::string client;
    std::string timestamp;
    std::string nonce;
    std::string signature;
};

/// The request a launch's signature covers (for CMS integrations and tests: sign() it).
SignedRequest launch_request(const PanelLaunch& launch);

/// The user a launch signs in, once: its nonce is recorded, so it cannot be used again. Throws
/// NotAuthenticated for an unknown or revoked client, a bad signature, a timestamp outside
/// kLaunchWindow, a reused nonce, or an unknown or disabled user.
access::Principal verify_launch(store::Database& db, const SigningKey& key,
                                const PanelLaunch& launch,
                                std::chrono::system_clock::time_point now);

struct IntegrationClient {
    std::string client_id;
    std::int64_t key_generation = 1;
    std::string created_at;
    std::optional<std::string> revoked_at;
};

/// Adds a client and returns its secret (shown once).
std::string add_integration(store::Database& db, const SigningKey& key,
                            const std::string& client_id, const store::Change& change);
/// Moves the client to a new secret (the old one stops working) and returns it.
std::string rotate_integration(store::Database& db, const SigningKey& key,
                               const std::string& client_id);
void revoke_integration(store::Database& db, const std::string& client_id,
                        const store::Change& change);
std::vector<IntegrationClient> list_integrations(store::Database& db);

}  // namespace iro::auth
