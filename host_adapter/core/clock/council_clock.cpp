#include "clock/council_clock.hpp"

#include <date/tz.h>

#include <stdexcept>
#include <utility>

namespace iro::clock {

namespace {

const date::time_zone* find_zone(const std::string& time_zone) {
    try {
        return date::locate_zone(time_zone);
    } catch (const std::exception&) {
        throw std::invalid_argument("time zone '" + time_zone +
                                    "' is not in the system's zoneinfo (/usr/share/zoneinfo; "
                                    "package tzdata): use an IANA name such as Europe/London");
    }
}

}  // namespace

void check_time_zone(const std::string& time_zone) {
    find_zone(time_zone);
}

CouncilClock::CouncilClock(const std::string& time_zone, std::optional<plugin::Date> demo_day,
                           TimeSource source)
    : zone_(find_zone(time_zone)), demo_day_(demo_day), source_(std::move(source)) {}

std::chrono::system_clock::time_point CouncilClock::now() const {
    return source_();
}

plugin::Date CouncilClock::today() const {
    if (demo_day_) {
        return *demo_day_;
    }
    return day_at(now());
}

plugin::Date CouncilClock::day_at(std::chrono::system_clock::time_point at) const {
    // Local time counted from the epoch's local midnight: whole days of it are the local date.
    const auto local = zone_->to_local(at);
    const auto days = std::chrono::floor<std::chrono::days>(local.time_since_epoch());
    return plugin::Date{std::chrono::sys_days{days}};
}

}  // namespace iro::clock
