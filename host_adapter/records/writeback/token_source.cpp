#include "writeback/token_source.hpp"

#include <curl/curl.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "net/curl_library.hpp"

namespace iro::writeback {

namespace {

std::string form_encode(const std::string& value) {
    std::unique_ptr<char, decltype(&curl_free)> encoded(
        net::libcurl().easy_escape(nullptr, value.c_str(), static_cast<int>(value.size())),
        net::libcurl().free);
    return encoded ? std::string(encoded.get()) : std::string();
}

}  // namespace

std::string TokenSource::bearer(std::chrono::system_clock::time_point now) {
    using namespace std::chrono_literals;
    if (token_ && token_->expires_at - 60s > now) {
        return token_->value;
    }
    const ClientCredentialsAuth& auth = *cms_.client_credentials;
    std::string secret;
    try {
        secret = read_secret(auth.client_secret_file);
    } catch (const std::exception& e) {
        throw TokenUnavailable(e.what(), std::nullopt);
    }
    net::HttpRequest request;
    request.method = "POST";
    request.url = auth.token_url;
    request.headers = {"Content-Type: application/x-www-form-urlencoded",
                       "Accept: application/json"};
    request.body = "grant_type=client_credentials&client_id=" + form_encode(auth.client_id) +
                   "&client_secret=" + form_encode(secret);
    if (!auth.scope.empty()) {
        request.body += "&scope=" + form_encode(auth.scope);
    }
    request.connect_timeout = cms_.connect_timeout;
    request.timeout = cms_.timeout;
    request.ca_file = cms_.ca_file;
    const net::HttpResponse response = http_.send(request);
    if (!response.answered) {
        throw TokenUnavailable("token endpoint: " + response.transport_error, std::nullopt);
    }
    if (response.status != 200) {
        throw TokenUnavailable("token endpoint answered HTTP " + std::to_string(response.status),
                               net::parse_retry_after(response.retry_after, now));
    }
    const auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("access_token") || !doc["access_token"].is_string()) {
        throw TokenUnavailable("token endpoint answered without an access_token", std::nullopt);
    }
    const auto lifetime = doc.contains("expires_in") && doc["expires_in"].is_number()
                              ? std::chrono::seconds(doc["expires_in"].get<std::int64_t>())
                              : std::chrono::seconds(300);
    token_ = Token{doc["access_token"].get<std::string>(), now + lifetime};
    return token_->value;
}

}  // namespace iro::writeback
