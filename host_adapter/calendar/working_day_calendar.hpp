#pragma once
// The host's working-day calendar: Monday to Friday, less England and Wales bank holidays and
// the council's own closure days.

#include <set>
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
    void check_range(plugin::Date day) const;
    std::set<std::chrono::sys_days> days_off_;
    int first_year_;
    int last_year_;
};

}  // namespace iro::calendar
