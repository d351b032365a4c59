#include "auth/signed_requests.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "auth/api_tokens.hpp"
#include "crypto/crypto.hpp"
#include "crypto/key_file.hpp"

namespace iro::auth {

namespace {

constexpr std::size_t kKeyBytes = 32;

bool valid_nonce(std::string_view nonce) {
    if (nonce.size() < 16 || nonce.size() > 64) {
        return false;
    }
    for (const char c : nonce) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::optional<std::int64_t> parse_seconds(std::string_view text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<IntegrationClient> find_client(store::Database& db, std::string_view client_id) {
    auto& stmt = db.cached(
        "SELECT client_id, key_generation, created_at, revoked_at FROM integration_clients "
        "WHERE client_id = ?");
    stmt.reset();
    stmt.bind(1, client_id);
    std::optional<IntegrationClient> out;
    if (stmt.step()) {
        out = IntegrationClient{stmt.text(0), stmt.integer(1), stmt.text(2), stmt.optional_text(3)};
    }
    stmt.reset();
    return out;
}

}  // namespace

std::string SigningKey::load() const {
    if (key_.empty()) {
        if (!std::filesystem::exists(file_)) {
            throw std::runtime_error("there is no signing key (" + file_.string() +
                                     "): add an integration first");
        }
        key_ = read_key_file(file_, kKeyBytes);
    }
    return key_;
}

void SigningKey::create_if_missing() const {
    // O_EXCL inside: two administrators adding integrations at once must not write two keys.
    create_key_file_if_missing(file_, kKeyBytes);
}

std::string SigningKey::client_secret(std::string_view client_id, std::int64_t generation) const {
    return to_hex(hmac_sha256(
        load(), "cms-integration:" + std::string(client_id) + ":" + std::to_string(generation)));
}

std::string string_to_sign(const SignedRequest& request) {
    std::string text = "v1\n";
    for (const std::string* part : {&request.method, &request.target, &request.timestamp,
                                    &request.nonce, &request.acting_user}) {
        text += *part;
        text += '\n';
    }
    text += sha256_hex(request.body);
    return text;
}

std::string sign(const SignedRequest& request, std::string_view secret) {
    return "v1=" + to_hex(hmac_sha256(secret, string_to_sign(request)));
}

namespace {

/// The client whose signature `request` carries, within `window` of `now`, its nonce recorded.
IntegrationClient verify_signature(store::Database& db, const SigningKey& key,
                                   const SignedRequest& request,
                                   std::chrono::system_clock::time_point now,
                                   std::chrono::seconds window) {
    const auto client = find_client(db, request.client);
    if (!client) {
        throw NotAuthenticated("unknown integration client");
    }
    if (client->revoked_at) {
        throw NotAuthenticated("revoked integration client");
    }
    const auto sent = parse_seconds(request.timestamp);
    if (!sent) {
        throw NotAuthenticated("timestamp is not Unix seconds");
    }
    const auto now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (*sent < now_s - window.count() || *sent > now_s + window.count()) {
        throw NotAuthenticated("timestamp outside the window of " + std::to_string(window.count()) +
                               " seconds");
    }
    if (!valid_nonce(request.nonce)) {
        throw NotAuthenticated("nonce must be 16 to 64 letters, digits, '-' or '_'");
    }
    const auto expected =
        sign(request, key.client_secret(client->client_id, client->key_generation));
    if (!constant_time_equal(expected, request.signature)) {
        throw NotAuthenticated("bad signature");
    }
    // Only after the signature holds: an attacker must not be able to burn a client's nonces.
    // Kept for twice the longest window, so no nonce can be used again while its time is good.
    db.cached("DELETE FROM request_nonces WHERE seen_at < ?")
        .bind(1, now_s - 2 * kSignatureWindow.count())
        .run();
    auto& insert = db.cached(
        "INSERT INTO request_nonces (client_id, nonce, seen_at) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    insert.bind(1, client->client_id).bind(2, request.nonce).bind(3, now_s).run();
    if (db.changes() == 0) {
        throw NotAuthenticated("replayed nonce");
    }
    return *client;
}

/// The acting user, with their child-facing roles only: a CMS never acts as an administrator.
access::Principal acting_user(store::Database& db, const std::string& user_id,
                              const std::string& client_id) {
    auto principal = user_principal(db, user_id);
    access::RoleSet child_roles;
    for (const auto role :
         {access::Role::social_worker, access::Role::team_manager, access::Role::iro,
          access::Role::iro_manager, access::Role::service_manager, access::Role::head_of_service,
          access::Role::director}) {
        if (principal.roles.has(role)) {
            child_roles.add(role);
        }
    }
    principal.roles = child_roles;
    principal.via = "signed:" + client_id;
    return principal;
}

}  // namespace

access::Principal verify_signed_request(store::Database& db, const SigningKey& key,
                                        const SignedRequest& request,
                                        std::chrono::system_clock::time_point now) {
    const auto client = verify_signature(db, key, request, now, kSignatureWindow);
    if (request.acting_user.empty()) {
        access::RoleSet roles;
        roles.add(access::Role::cms_integration);
        return {client.client_id, roles, "", "signed:" + client.client_id, ""};
    }
    return acting_user(db, request.acting_user, client.client_id);
}

SignedRequest launch_request(const PanelLaunch& launch) {
    return {"LAUNCH",
            "/panel/children/" + launch.child_id,
            "",
            launch.client,
            launch.timestamp,
            launch.nonce,
            launch.user_id,
            launch.signature};
}

access::Principal verify_launch(store::Database& db, const SigningKey& key,
                                const PanelLaunch& launch,
                                std::chrono::system_clock::time_point now) {
    if (launch.user_id.empty() || launch.child_id.empty()) {
        throw NotAuthenticated("a launch names a user and a child");
    }
    const auto client = verify_signature(db, key, launch_request(launch), now, kLaunchWindow);
    return acting_user(db, launch.user_id, client.client_id);
}

std::string add_integration(store::Database& db, const SigningKey& key,
                            const std::string& client_id, const store::Change& change) {
    if (client_id.empty() || client_id.size() > 64 ||
        client_id.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
            std::string::npos) {
        throw std::invalid_argument("integration id '" + client_id +
                                    "' must be 1 to 64 letters, digits, '-', '_' or '.'");
    }
    if (find_client(db, client_id)) {
        throw std::invalid_argument("there is already an integration " + client_id);
    }
    key.create_if_missing();
    db.prepare(
          "INSERT INTO integration_clients (client_id, created_at, created_by) VALUES (?, ?, ?)")
        .bind(1, client_id)
        .bind(2, change.at)
        .bind(3, change.actor)
        .run();
    return key.client_secret(client_id, 1);
}

std::string rotate_integration(store::Database& db, const SigningKey& key,
                               const std::string& client_id) {
    const auto client = find_client(db, client_id);
    if (!client || client->revoked_at) {
        throw std::invalid_argument("there is no active integration " + client_id);
    }
    db.prepare(
          "UPDATE integration_clients SET key_generation = key_generation + 1 WHERE client_id = ?")
        .bind(1, client_id)
        .run();
    return key.client_secret(client_id, client->key_generation + 1);
}

void revoke_integration(store::Database& db, const std::string& client_id,
                        const store::Change& change) {
    db.prepare(
          "UPDATE integration_clients SET revoked_at = ? WHERE client_id = ? AND revoked_at IS "
          "NULL")
        .bind(1, change.at)
        .bind(2, client_id)
        .run();
    if (db.changes() == 0) {
        throw std::invalid_argument("there is no active integration " + client_id);
    }
}

std::vector<IntegrationClient> list_integrations(store::Database& db) {
    auto stmt = db.prepare(
        "SELECT client_id, key_generation, created_at, revoked_at FROM integration_clients "
        "ORDER BY client_id");
    std::vector<IntegrationClient> out;
    while (stmt.step()) {
        out.push_back({stmt.text(0), stmt.integer(1), stmt.text(2), stmt.optional_text(3)});
    }
    return out;
}

}  // namespace iro::auth
