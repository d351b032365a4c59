#pragma once
// The answers remembered under a principal's idempotency keys (faces/api/idempotency.hpp says
// what a client gets): the rows, without the HTTP around them.

#include <cstdint>
#include <optional>
#include <string>

#include "store/sqlite.hpp"

namespace iro::auth {

/// An answer as it was given, and a digest of the request it answered.
struct RememberedAnswer {
    std::string request_sha256;
    std::int64_t status = 0;
    std::string content_type;
    std::string location;
    std::string body;
};

/// The answer `principal` was given under `key` since `since_utc` ("YYYY-MM-DDTHH:MM:SSZ").
std::optional<RememberedAnswer> find_remembered_answer(store::Database& db,
                                                       const std::string& principal,
                                                       const std::string& key,
                                                       const std::string& since_utc);

/// Remembers `answer` under `principal` and `key` at `now_utc`, replacing an earlier one under
/// that key, and forgets every answer from `forget_before_utc` or earlier.
void remember_answer(store::Database& db, const std::string& principal, const std::string& key,
                     const RememberedAnswer& answer, const std::string& now_utc,
                     const std::string& forget_before_utc);

}  // namespace iro::auth
