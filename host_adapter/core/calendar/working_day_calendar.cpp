#include "calendar/working_day_calendar.hpp"

#include <string>

#include "calendar/bank_holidays.hpp"

namespace iro::calendar {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::weekday;

EnglandWalesCalendar::EnglandWalesCalendar(const std::vector<plugin::Date>& closure_days,
                                           int first_year, int last_year)
    : first_year_(first_year),
      last_year_(last_year),
      first_day_(
          plugin::Date{std::chrono::year{first_year}, std::chrono::January, std::chrono::day{1}}) {
    const sys_days after{
        plugin::Date{std::chrono::year{last_year + 1}, std::chrono::January, std::chrono::day{1}}};
    const auto size = static_cast<std::size_t>((after - first_day_).count());
    std::vector<bool> working(size);
    for (std::size_t i = 0; i < size; ++i) {
        const weekday wd{first_day_ + days{static_cast<int>(i)}};
        working[i] = wd != std::chrono::Saturday && wd != std::chrono::Sunday;
    }
    const auto day_off = [&](plugin::Date d) {
        const sys_days day{d};
        if (day >= first_day_ && day < after) {
            working[static_cast<std::size_t>((day - first_day_).count())] = false;
        }
    };
    for (int y = first_year; y <= last_year; ++y) {
        for (const plugin::Date d : england_and_wales_bank_holidays(y)) {
            day_off(d);
        }
    }
    for (const plugin::Date d : closure_days) {
        day_off(d);
    }
    working_before_.resize(size + 1, 0);
    for (std::size_t i = 0; i < size; ++i) {
        working_before_[i + 1] = working_before_[i] + (working[i] ? 1 : 0);
        if (working[i]) {
            working_days_.push_back(static_cast<int>(i));
        }
    }
}

std::size_t EnglandWalesCalendar::index_of(sys_days day) const {
    const auto offset = (day - first_day_).count();
    if (offset < 0 || static_cast<std::size_t>(offset) >= working_before_.size() - 1) {
        throw plugin::HostError("working-day calendar covers " + std::to_string(first_year_) + "-" +
                                std::to_string(last_year_) + ", not " +
                                plugin::to_iso(plugin::Date{day}));
    }
    return static_cast<std::size_t>(offset);
}

bool EnglandWalesCalendar::is_working_day(plugin::Date day) const {
    return working(index_of(sys_days{day}));
}

plugin::Date EnglandWalesCalendar::add_working_days(plugin::Date from, int count) const {
    const sys_days start{from};
    if (count == 0) {
        return from;
    }
    const std::size_t at = index_of(start);
    // The working days after `from` start at number working_before_[at + 1]; those before it
    // end at number working_before_[at] - 1.
    const long target =
        count > 0 ? long{working_before_[at + 1]} + count - 1 : long{working_before_[at]} + count;
    if (target < 0 || target >= static_cast<long>(working_days_.size())) {
        // Past either end of the calendar: name the day the walk would have left it on.
        index_of(count > 0 ? first_day_ + days{static_cast<int>(working_before_.size())}
                           : first_day_ - days{1});
    }
    return plugin::Date{first_day_ + days{working_days_[static_cast<std::size_t>(target)]}};
}

int EnglandWalesCalendar::working_days_between(plugin::Date from, plugin::Date to) const {
    const sys_days a{from};
    const sys_days b{to};
    const int sign = b >= a ? 1 : -1;
    const sys_days low = sign > 0 ? a : b;
    const sys_days high = sign > 0 ? b : a;
    if (low == high) {
        return 0;
    }
    // Working days in (low, high]: those before high's next day, less those up to low.
    const std::size_t lo = index_of(low);
    const std::size_t hi = index_of(high);
    return sign * (working_before_[hi + 1] - working_before_[lo + 1]);
}

}  // namespace iro::calendar
