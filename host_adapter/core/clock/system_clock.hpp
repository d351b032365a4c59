#pragma once
#include "iro/plugin_api/services.hpp"

namespace iro::clock {

/// The real clock. "Today" is the local calendar day of the host (run the service with
/// TZ=Europe/London so days turn at the council's midnight).
class SystemClock final : public plugin::Clock {
  public:
    std::chrono::system_clock::time_point now() const override;
    plugin::Date today() const override;
};

/// A clock stopped at one instant, for "as of" runs and tests.
class FixedClock final : public plugin::Clock {
  public:
    explicit FixedClock(std::chrono::system_clock::time_point at) : at_(at) {}
    /// Noon UTC on `day`.
    explicit FixedClock(plugin::Date day);
    std::chrono::system_clock::time_point now() const override { return at_; }
    plugin::Date today() const override;

  private:
    std::chrono::system_clock::time_point at_;
};

}  // namespace iro::clock
