#include "api/idempotency.hpp"

#include <boost/beast/http/field.hpp>

#include "auth/idempotent_requests.hpp"
#include "clock/timestamps.hpp"
#include "crypto/crypto.hpp"
#include "http/problem.hpp"

namespace iro::api {

namespace bh = boost::beast::http;

namespace {

constexpr std::chrono::hours kKept{24};

std::string principal_of(const Call& call) {
    return call.principal.user_id.empty() ? call.principal.via : call.principal.user_id;
}

// What makes two requests the same request: method, target and body.
std::string request_hash(const Call& call) {
    return auth::sha256_hex(std::string(call.request.method_string()) + "\n" +
                            std::string(call.request.target()) + "\n" + call.request.body());
}

}  // namespace

std::optional<std::string> idempotency_key(const Call& call) {
    const auto header = call.request[kIdempotencyHeader];
    if (header.empty()) {
        return std::nullopt;
    }
    std::string key(header.data(), header.size());
    // A structured-field string is quoted; a bare token is taken as it is.
    if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
        key = key.substr(1, key.size() - 2);
    }
    const bool visible =
        !key.empty() && key.size() <= 255 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    if (!visible) {
        throw ApiError(400, "bad-idempotency-key",
                       "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    return key;
}

std::optional<http::Response> earlier_answer(const Call& call, const std::string& key,
                                             std::chrono::system_clock::time_point now) {
    const auto earlier = auth::find_remembered_answer(call.db(), principal_of(call), key,
                                                      clock::utc_timestamp(now - kKept));
    if (!earlier) {
        return std::nullopt;
    }
    if (earlier->request_sha256 != request_hash(call)) {
        throw ApiError(422, "idempotency-key-reused",
                       "this Idempotency-Key was used for a different request in the last 24 "
                       "hours; use a new key for a new request");
    }
    auto response = http::make_response(call.request, static_cast<bh::status>(earlier->status),
                                        earlier->body, earlier->content_type);
    if (!earlier->location.empty()) {
        response.set(bh::field::location, earlier->location);
    }
    response.set("Idempotent-Replayed", "true");
    return response;
}

void remember_answer(const Call& call, const std::string& key, const http::Response& response,
                     std::chrono::system_clock::time_point now) {
    auth::remember_answer(call.db(), principal_of(call), key,
                          {request_hash(call), static_cast<std::int64_t>(response.result_int()),
                           std::string(response[bh::field::content_type]),
                           std::string(response[bh::field::location]), response.body()},
                          clock::utc_timestamp(now), clock::utc_timestamp(now - kKept));
}

}  // namespace iro::api
