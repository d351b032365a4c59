#include "clock/fixed_clock.hpp"

namespace iro::clock {

FixedClock::FixedClock(plugin::Date day)
    : at_(std::chrono::sys_days{day} + std::chrono::hours{12}) {}

plugin::Date FixedClock::today() const {
    return plugin::Date{std::chrono::floor<std::chrono::days>(at_)};
}

}  // namespace iro::clock
