#pragma once
// What a delivery attempt's outcome means for the item: delivered, try again later (and when), or
// dead-lettered for an operator. Pure functions, tested without a network.

#include <chrono>
#include <optional>
#include <string>

#include "net/http_client.hpp"

namespace iro::writeback {

enum class Verdict {
    delivered,       ///< 2xx
    retry,           ///< no response, timeout, 408, 429 or 5xx: the CMS may take it later
    reauthenticate,  ///< 401 with OAuth2: fetch a new token and try again at once
    dead,            ///< any other answer: the CMS refuses this item; keep it and its response
};

struct Decision {
    Verdict verdict = Verdict::retry;
    std::string error;  ///< what went wrong, for the outbox record; empty when delivered
    /// The wait the CMS asked for (Retry-After), which the next attempt must honour.
    std::optional<std::chrono::milliseconds> retry_after;
};

Decision classify(const net::HttpResponse& response, bool uses_oauth2,
                  std::chrono::system_clock::time_point now);

/// The wait before attempt `attempts + 1`, after `attempts` failed ones: exponential from
/// `initial`, capped at `max`, with "equal jitter" (a uniform draw between half the wait and all
/// of it, `unit` in [0, 1)) so many items failing together do not come back together.
std::chrono::milliseconds backoff(int attempts, std::chrono::milliseconds initial,
                                  std::chrono::milliseconds max, double unit);

}  // namespace iro::writeback
