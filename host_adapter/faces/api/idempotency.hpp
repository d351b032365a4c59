#pragma once
// Idempotency keys on API writes (the IETF httpapi Idempotency-Key header). A client that sends
// a POST, PUT or DELETE with `Idempotency-Key: <key>` and loses the answer can send it again:
// the first answer comes back (with `Idempotent-Replayed: true`) and nothing is done twice. The
// same key with a different request is refused (422); keys belong to the signed-in principal and
// are kept 24 hours. The change and the remembered answer are committed together.

#include <optional>
#include <string>

#include "api/endpoint.hpp"

namespace iro::api {

inline constexpr const char* kIdempotencyHeader = "Idempotency-Key";

/// The request's key, if it sent one; ApiError 400 when it is not 1 to 255 visible ASCII
/// characters.
std::optional<std::string> idempotency_key(const Call& call);

/// The answer remembered for `key` when this request was sent before (replayed), or a 422 when
/// the key was used for another request; nothing when it is new.
std::optional<http::Response> earlier_answer(const Call& call, const std::string& key,
                                             std::chrono::system_clock::time_point now);

/// Remembers `response` as the answer to this request under `key`. The caller remembers no
/// answer of 500 and up: a retry should run those again.
void remember_answer(const Call& call, const std::string& key, const http::Response& response,
                     std::chrono::system_clock::time_point now);

}  // namespace iro::api
