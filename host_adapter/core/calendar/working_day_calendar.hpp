#pragma once
// The host's working-day calendar: Monday to Friday, less England and Wales bank holidays and
// the council's own closure days.

#include <chrono>
#include <vector>

#include "iro/plugin_api/services.hpp"

namespace iro::calendar {

class EnglandWalesCalendar final : public plugin::WorkingDayCalendar {
  public:
    /// Bank holidays are computed for [first_year, last_year]; outside that range a day is
    /// refused with HostError rather than answered wrongly.
    explicit EnglandWalesCalendar(const std::vector<plugin::Date>& closure_days = {},
                                  int first_year = 1990, int last_year = 2060);

    bool is_working_day(plugin::Date day) const override;
    plugin::Date add_working_days(plugin::Date from, int count) const override;
    int working_days_between(plugin::Date from, plugin::Date to) const override;

  private:
    /// The day's place in working_, or HostError when the calendar does not cover it.
    std::size_t index_of(std::chrono::sys_days day) const;
    int first_year_;
    int last_year_;
    std::chrono::sys_days first_day_;
    // The prompts module asks about several days for every child on every tick, so each answer is
    // an index rather than a walk: per covered day, how many working days come before it; and
    // the offsets of the working days in order.
    std::vector<int> working_before_;
    std::vector<int> working_days_;
    bool working(std::size_t index) const {
        return working_before_[index + 1] != working_before_[index];
    }
};

}  // namespace iro::calendar
