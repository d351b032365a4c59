#include "clock/system_clock.hpp"

#include <ctime>

namespace iro::clock {

namespace {
plugin::Date local_day(std::chrono::system_clock::time_point at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm parts{};
    localtime_r(&seconds, &parts);
    return plugin::Date{std::chrono::year{parts.tm_year + 1900},
                        std::chrono::month{static_cast<unsigned>(parts.tm_mon + 1)},
                        std::chrono::day{static_cast<unsigned>(parts.tm_mday)}};
}
}  // namespace

std::chrono::system_clock::time_point SystemClock::now() const {
    return std::chrono::system_clock::now();
}

plugin::Date SystemClock::today() const {
    return local_day(now());
}

FixedClock::FixedClock(plugin::Date day)
    : at_(std::chrono::sys_days{day} + std::chrono::hours{12}) {}

plugin::Date FixedClock::today() const {
    return plugin::Date{std::chrono::floor<std::chrono::days>(at_)};
}

}  // namespace iro::clock
