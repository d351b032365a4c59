#include "calendar/working_day_calendar.hpp"

#include <string>

#include "calendar/bank_holidays.hpp"

namespace iro::calendar {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::weekday;

EnglandWalesCalendar::EnglandWalesCalendar(const std::vector<plugin::Date>& closure_days,
                                           int first_year, int last_year)
    : first_year_(first_year), last_year_(last_year) {
    for (int y = first_year; y <= last_year; ++y) {
        for (const plugin::Date d : england_and_wales_bank_holidays(y)) {
            days_off_.insert(sys_days{d});
        }
    }
    for (const plugin::Date d : closure_days) {
        days_off_.insert(sys_days{d});
    }
}

void EnglandWalesCalendar::check_range(plugin::Date day) const {
    const int y = static_cast<int>(day.year());
    if (y < first_year_ || y > last_year_) {
        throw plugin::HostError("working-day calendar covers " + std::to_string(first_year_) + "-" +
                                std::to_string(last_year_) + ", not " + plugin::to_iso(day));
    }
}

bool EnglandWalesCalendar::is_working_day(plugin::Date day) const {
    check_range(day);
    const weekday wd{sys_days{day}};
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday &&
           days_off_.count(sys_days{day}) == 0;
}

plugin::Date EnglandWalesCalendar::add_working_days(plugin::Date from, int count) const {
    const int step = count >= 0 ? 1 : -1;
    sys_days day{from};
    for (int remaining = count >= 0 ? count : -count; remaining > 0;) {
        day += days{step};
        if (is_working_day(plugin::Date{day})) {
            --remaining;
        }
    }
    return plugin::Date{day};
}

int EnglandWalesCalendar::working_days_between(plugin::Date from, plugin::Date to) const {
    const sys_days a{from};
    const sys_days b{to};
    const int sign = b >= a ? 1 : -1;
    const sys_days low = sign > 0 ? a : b;
    const sys_days high = sign > 0 ? b : a;
    int count = 0;
    for (sys_days d = low + days{1}; d <= high; d += days{1}) {
        if (is_working_day(plugin::Date{d})) {
            ++count;
        }
    }
    return sign * count;
}

}  // namespace iro::calendar
