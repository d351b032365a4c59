#pragma once
// A clock stopped at one instant: "as of" runs and tests.
#include "iro/plugin_api/services.hpp"

namespace iro::clock {

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
