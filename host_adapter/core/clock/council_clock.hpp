#pragma once
// The council's clock: what "today" is for every statutory date, prompt, panel and report. A day
// turns at midnight in the council's time zone (configuration `time_zone`, default
// Europe/London), read from the system's zoneinfo whatever the server's TZ, so a service on a UTC
// server does not move prompts a day early on a summer evening.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "iro/plugin_api/services.hpp"

namespace date {
class time_zone;
}

namespace iro::clock {

/// The council's default time zone.
inline constexpr const char* kDefaultTimeZone = "Europe/London";

/// Where the time comes from: the system clock, or a test's.
using TimeSource = std::function<std::chrono::system_clock::time_point()>;

class CouncilClock final : public plugin::Clock {
  public:
    /// The clock of a council in `time_zone` (an IANA name). `demo_day`, when set, is "today"
    /// whatever the date (a demonstration or training copy run as of a day in its data); the time
    /// of day and every timestamp stay real. Throws std::invalid_argument naming the zone when the
    /// system's zoneinfo does not know it.
    explicit CouncilClock(const std::string& time_zone = kDefaultTimeZone,
                          std::optional<plugin::Date> demo_day = std::nullopt,
                          TimeSource source = std::chrono::system_clock::now);

    std::chrono::system_clock::time_point now() const override;
    plugin::Date today() const override;

    /// The council's calendar day at the instant `at`.
    plugin::Date day_at(std::chrono::system_clock::time_point at) const;

  private:
    const date::time_zone* zone_;
    std::optional<plugin::Date> demo_day_;
    TimeSource source_;
};

/// Throws std::invalid_argument unless the system's zoneinfo knows `time_zone`.
void check_time_zone(const std::string& time_zone);

}  // namespace iro::clock
