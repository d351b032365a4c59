#include "oidc/provider.hpp"

#include <algorithm>

#include "config/cms_config.hpp"
#include "config/host_config.hpp"
#include "config/loopback_url.hpp"
#include "crypto/crypto.hpp"
#include "net/http_client.hpp"
#include "text/percent_encoding.hpp"

namespace iro::oidc {

namespace {

// Discovery is read again after an hour, so a provider's new endpoints are picked up.
constexpr std::chrono::hours kMetadataLifetime{1};
// A token naming an unknown key reads the keys again, but no more than once a minute: a stream
// of forged tokens must not turn the host into a flood against the provider.
constexpr std::chrono::minutes kKeyRefreshInterval{1};

std::string text_member(const nlohmann::json& document, const char* name) {
    const auto it = document.find(name);
    return it != document.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void require_endpoint(const std::string& url, const char* name) {
    if (url.empty()) {
        throw ProviderUnavailable(std::string("the provider's discovery document has no ") + name);
    }
    try {
        config::require_encrypted_url(url, std::string("discovery: ") + name, "sign-in is");
    } catch (const config::ConfigError& e) {
        throw ProviderUnavailable(e.what());
    }
}

net::HttpResponse fetch(net::HttpRequest request, const config::OidcConfig& config) {
    request.ca_file = config.ca_file;
    request.timeout = std::chrono::milliseconds(10000);
    net::HttpClient client;
    auto response = client.send(request);
    if (!response.answered) {
        throw ProviderUnavailable("the sign-in provider could not be reached (" + request.url +
                                  "): " + response.transport_error);
    }
    return response;
}

nlohmann::json fetch_json(const std::string& url, const config::OidcConfig& config) {
    net::HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.headers = {"Accept: application/json"};
    const auto response = fetch(request, config);
    if (response.status != 200) {
        throw ProviderUnavailable(url + " answered HTTP " + std::to_string(response.status));
    }
    auto document = nlohmann::json::parse(response.body, nullptr, false);
    if (!document.is_object()) {
        throw ProviderUnavailable(url + " did not answer with a JSON object");
    }
    return document;
}

std::string form_field(const std::string& name, const std::string& value) {
    return text::percent_encode(name) + "=" + text::percent_encode(value);
}

}  // namespace

ProviderMetadata parse_discovery(const nlohmann::json& document,
                                 const std::string& expected_issuer) {
    ProviderMetadata m;
    m.issuer = text_member(document, "issuer");
    if (m.issuer != expected_issuer) {
        throw ProviderUnavailable("the discovery document names the issuer '" + m.issuer +
                                  "', not the configured '" + expected_issuer + "'");
    }
    m.authorization_endpoint = text_member(document, "authorization_endpoint");
    m.token_endpoint = text_member(document, "token_endpoint");
    m.jwks_uri = text_member(document, "jwks_uri");
    m.end_session_endpoint = text_member(document, "end_session_endpoint");
    require_endpoint(m.authorization_endpoint, "authorization_endpoint");
    require_endpoint(m.token_endpoint, "token_endpoint");
    require_endpoint(m.jwks_uri, "jwks_uri");
    if (!m.end_session_endpoint.empty()) {
        require_endpoint(m.end_session_endpoint, "end_session_endpoint");
    }
    if (const auto algs = document.find("id_token_signing_alg_values_supported");
        algs != document.end() && algs->is_array()) {
        for (const auto& alg : *algs) {
            if (alg.is_string()) {
                m.id_token_signing_alg_values_supported.push_back(alg.get<std::string>());
            }
        }
    }
    if (m.id_token_signing_alg_values_supported.empty()) {
        m.id_token_signing_alg_values_supported = {"RS256"};  // the default section 3 gives
    }
    return m;
}

IdTokenExpectations token_expectations(const std::string& issuer, const std::string& client_id,
                                       const std::string& nonce, const ProviderMetadata& metadata) {
    // Named fields, not a braced list: a list that reaches `leeway` sets it to zero, and every
    // token issued in the second after the callback began was refused as from the future.
    IdTokenExpectations expect;
    expect.issuer = issuer;
    expect.client_id = client_id;
    expect.nonce = nonce;
    expect.algorithms.clear();
    const auto& ours = asymmetric_algorithms();
    for (const auto& alg : metadata.id_token_signing_alg_values_supported) {
        if (std::find(ours.begin(), ours.end(), alg) != ours.end()) {
            expect.algorithms.push_back(alg);
        }
    }
    return expect;
}

std::string code_challenge(const std::string& verifier) {
    return auth::base64url(auth::sha256(verifier));
}

Provider::Provider(config::OidcConfig config) : config_(std::move(config)) {}

ProviderMetadata Provider::metadata() {
    const std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (!metadata_ || now - metadata_read_ > kMetadataLifetime) {
        std::string base = config_.issuer;
        while (!base.empty() && base.back() == '/') {
            base.pop_back();
        }
        metadata_ = parse_discovery(fetch_json(base + "/.well-known/openid-configuration", config_),
                                    config_.issuer);
        metadata_read_ = now;
    }
    return *metadata_;
}

KeySet Provider::keys(bool refresh, std::chrono::system_clock::time_point now) {
    const auto jwks_uri = metadata().jwks_uri;
    const std::lock_guard lock(mutex_);
    if (!keys_ || (refresh && now - keys_read_ >= kKeyRefreshInterval)) {
        try {
            keys_ = KeySet::parse(fetch_json(jwks_uri, config_));
        } catch (const std::invalid_argument& e) {
            throw ProviderUnavailable(jwks_uri + ": " + e.what());
        }
        keys_read_ = now;
    }
    return *keys_;
}

std::string Provider::authorization_url(const AuthorizationRequest& request) {
    const auto m = metadata();
    std::string scope;
    for (const auto& s : config_.scopes) {
        scope += (scope.empty() ? "" : " ") + s;
    }
    std::string url = m.authorization_endpoint;
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += form_field("response_type", "code") + "&" + form_field("client_id", config_.client_id) +
           "&" + form_field("redirect_uri", request.redirect_uri) + "&" +
           form_field("scope", scope) + "&" + form_field("state", request.state) + "&" +
           form_field("nonce", request.nonce) + "&" +
           form_field("code_challenge", code_challenge(request.code_verifier)) + "&" +
           form_field("code_challenge_method", "S256");
    if (!request.login_hint.empty()) {
        url += "&" + form_field("login_hint", request.login_hint);
    }
    return url;
}

IdToken Provider::redeem(const std::string& code, const std::string& redirect_uri,
                         const std::string& code_verifier, const std::string& nonce,
                         std::chrono::system_clock::time_point now, std::string* raw_id_token) {
    const auto m = metadata();
    net::HttpRequest request;
    request.method = "POST";
    request.url = m.token_endpoint;
    request.headers = {"Content-Type: application/x-www-form-urlencoded",
                       "Accept: application/json"};
    request.body = form_field("grant_type", "authorization_code") + "&" + form_field("code", code) +
                   "&" + form_field("redirect_uri", redirect_uri) + "&" +
                   form_field("code_verifier", code_verifier) + "&" +
                   form_field("client_id", config_.client_id);
    if (!config_.client_secret_file.empty()) {
        // client_secret_post: every provider supports it, and it keeps the secret out of headers
        // a proxy might log.
        request.body +=
            "&" + form_field("client_secret", writeback::read_secret(config_.client_secret_file));
    }
    const auto response = fetch(request, config_);
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (response.status != 200) {
        const std::string error = body.is_object() ? text_member(body, "error") : "";
        if (response.status == 400 || response.status == 401) {
            throw SignInRefused(
                "code", "the provider refused the sign-in code (" +
                            (error.empty() ? "HTTP " + std::to_string(response.status) : error) +
                            "): it may have been used already or have expired");
        }
        throw ProviderUnavailable("the provider's token endpoint answered HTTP " +
                                  std::to_string(response.status));
    }
    if (!body.is_object() || text_member(body, "id_token").empty()) {
        throw ProviderUnavailable("the provider's token endpoint returned no ID token");
    }
    const std::string id_token = text_member(body, "id_token");
    const auto expect = token_expectations(config_.issuer, config_.client_id, nonce, m);
    IdToken verified;
    try {
        verified = verify_id_token(id_token, keys(false, now), expect, now);
    } catch (const UnknownSigningKey&) {
        verified = verify_id_token(id_token, keys(true, now), expect, now);
    }
    if (raw_id_token != nullptr) {
        *raw_id_token = id_token;
    }
    return verified;
}

std::optional<std::string> Provider::end_session_url(const std::string& id_token,
                                                     const std::string& post_logout_redirect_uri) {
    const auto m = metadata();
    if (m.end_session_endpoint.empty()) {
        return std::nullopt;
    }
    std::string url = m.end_session_endpoint;
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += form_field("client_id", config_.client_id);
    if (!id_token.empty()) {
        url += "&" + form_field("id_token_hint", id_token);
    }
    if (!post_logout_redirect_uri.empty()) {
        url += "&" + form_field("post_logout_redirect_uri", post_logout_redirect_uri);
    }
    return url;
}

}  // namespace iro::oidc
