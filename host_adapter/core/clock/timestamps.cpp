#include "clock/timestamps.hpp"

#include <cstdio>
#include <ctime>

namespace iro::clock {

std::string utc_timestamp(std::chrono::system_clock::time_point at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string utc_timestamp_ms(std::chrono::system_clock::time_point at) {
    const auto ms = epoch_ms(at) % 1000;
    std::string text = utc_timestamp(at);
    text.pop_back();  // the Z
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(ms < 0 ? ms + 1000 : ms));
    return text + fraction;
}

std::int64_t epoch_ms(std::chrono::system_clock::time_point at) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

}  // namespace iro::clock
