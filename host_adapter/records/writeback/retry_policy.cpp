#include "writeback/retry_policy.hpp"

#include <algorithm>

namespace iro::writeback {

Decision classify(const net::HttpResponse& response, bool uses_oauth2,
                  std::chrono::system_clock::time_point now) {
    if (!response.answered) {
        return {Verdict::retry,
                (response.timed_out ? "timed out: " : "no response: ") + response.transport_error,
                std::nullopt};
    }
    const int status = response.status;
    const std::string http = "HTTP " + std::to_string(status);
    if (status >= 200 && status < 300) {
        return {Verdict::delivered, {}, std::nullopt};
    }
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
        return {Verdict::retry, http, net::parse_retry_after(response.retry_after, now)};
    }
    if (status == 401 && uses_oauth2) {
        return {Verdict::reauthenticate, http + ": the access token was refused", std::nullopt};
    }
    return {Verdict::dead, http + " refused by the CMS", std::nullopt};
}

std::chrono::milliseconds backoff(int attempts, std::chrono::milliseconds initial,
                                  std::chrono::milliseconds max, double unit) {
    const int doublings = std::clamp(attempts - 1, 0, 40);
    const double full = std::min(
        static_cast<double>(max.count()),
        static_cast<double>(initial.count()) * static_cast<double>(std::int64_t{1} << doublings));
    const double jittered = full / 2.0 + full / 2.0 * std::clamp(unit, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<std::int64_t>(jittered));
}

}  // namespace iro::writeback
