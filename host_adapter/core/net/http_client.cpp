#include "net/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "net/curl_library.hpp"

namespace iro::net {

namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    if (body->size() < kMaxResponseBody) {
        body->append(data, std::min(bytes, kMaxResponseBody - body->size()));
    }
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* retry_after = static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    std::string_view line(data, bytes);
    constexpr std::string_view kName = "retry-after:";
    if (line.size() > kName.size()) {
        std::string lower(line.substr(0, kName.size()));
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower == kName) {
            auto value = line.substr(kName.size());
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
                value.remove_prefix(1);
            }
            while (!value.empty() &&
                   (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
                value.remove_suffix(1);
            }
            *retry_after = std::string(value);
        }
    }
    return bytes;
}

}  // namespace

HttpClient::HttpClient() {
    curl_ = libcurl().easy_init();
    if (curl_ == nullptr) {
        throw std::runtime_error("libcurl could not create a handle");
    }
}

HttpClient::~HttpClient() {
    libcurl().easy_cleanup(curl_);
}

HttpResponse HttpClient::send(const HttpRequest& request) {
    const auto& curl_api = libcurl();
    CURL* curl = curl_;         // CURL is void in libcurl's C++ view
    curl_api.easy_reset(curl);  // keeps the connection cache
    HttpResponse response;
    curl_slist* headers = nullptr;
    for (const auto& header : request.headers) {
        headers = curl_api.slist_append(headers, header.c_str());
    }
    char error[CURL_ERROR_SIZE] = {};
    curl_api.easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_api.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_api.easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    curl_api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout.count());
    curl_api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeout.count());
    curl_api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_api.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_api.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!request.ca_file.empty()) {
        curl_api.easy_setopt(curl, CURLOPT_CAINFO, request.ca_file.c_str());
    }
    curl_api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
    curl_api.easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
    curl_api.easy_setopt(curl, CURLOPT_HEADERDATA, &response.retry_after);
    curl_api.easy_setopt(curl, CURLOPT_ERRORBUFFER, error);

    const CURLcode code = curl_api.easy_perform(curl);
    curl_api.slist_free_all(headers);
    curl_api.easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_api.easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    if (code != CURLE_OK) {
        response.answered = false;
        response.timed_out = code == CURLE_OPERATION_TIMEDOUT;
        response.transport_error = error[0] != '\0' ? error : curl_api.easy_strerror(code);
        return response;
    }
    long status = 0;
    curl_api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.answered = true;
    response.status = static_cast<int>(status);
    return response;
}

std::optional<std::chrono::milliseconds> parse_retry_after(
    const std::string& value, std::chrono::system_clock::time_point now) {
    if (value.empty()) {
        return std::nullopt;
    }
    long long seconds = 0;
    const auto* end = value.data() + value.size();
    if (const auto [ptr, ec] = std::from_chars(value.data(), end, seconds);
        ec == std::errc() && ptr == end) {
        return seconds < 0 ? std::nullopt
                           : std::optional(std::chrono::milliseconds(seconds * 1000));
    }
    const time_t at = libcurl().getdate(value.c_str(), nullptr);
    if (at < 0) {
        return std::nullopt;
    }
    const auto wait = std::chrono::system_clock::from_time_t(at) - now;
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(wait));
}

}  // namespace iro::net
