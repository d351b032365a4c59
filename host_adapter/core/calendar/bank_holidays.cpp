#include "calendar/bank_holidays.hpp"

#include <algorithm>

namespace iro::calendar {

namespace {

using std::chrono::days;
using std::chrono::Friday;
using std::chrono::last;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year;
using std::chrono::year_month_day;

plugin::Date ymd(int y, unsigned m, unsigned d) {
    return year_month_day{year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

plugin::Date nth_weekday(int y, unsigned m, weekday wd, unsigned n) {
    return year_month_day{sys_days{year{y} / std::chrono::month{m} / wd[n]}};
}

plugin::Date last_weekday(int y, unsigned m, weekday wd) {
    return year_month_day{sys_days{year{y} / std::chrono::month{m} / wd[last]}};
}

weekday day_of_week(plugin::Date d) {
    return weekday{sys_days{d}};
}

plugin::Date plus(plugin::Date d, int n) {
    return year_month_day{sys_days{d} + days{n}};
}

}  // namespace

plugin::Date easter_sunday(int y) {
    const int a = y % 19;
    const int b = y / 100;
    const int c = y % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return ymd(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<plugin::Date> england_and_wales_bank_holidays(int y) {
    std::vector<plugin::Date> days_off;

    // New Year's Day, or the next Monday when it falls at a weekend.
    const plugin::Date new_year = ymd(y, 1, 1);
    if (day_of_week(new_year) == Saturday) {
        days_off.push_back(ymd(y, 1, 3));
    } else if (day_of_week(new_year) == Sunday) {
        days_off.push_back(ymd(y, 1, 2));
    } else {
        days_off.push_back(new_year);
    }

    const plugin::Date easter = easter_sunday(y);
    days_off.push_back(plus(easter, -2));  // Good Friday
    days_off.push_back(plus(easter, 1));   // Easter Monday

    // Early May: first Monday, moved to 8 May for the VE-day anniversaries.
    if (y == 1995 || y == 2020) {
        days_off.push_back(ymd(y, 5, 8));
    } else {
        days_off.push_back(nth_weekday(y, 5, Monday, 1));
    }

    // Spring: last Monday of May, moved for the jubilees, each with an extra day beside it.
    if (y == 2002) {
        days_off.push_back(ymd(y, 6, 3));
        days_off.push_back(ymd(y, 6, 4));
    } else if (y == 2012) {
        days_off.push_back(ymd(y, 6, 4));
        days_off.push_back(ymd(y, 6, 5));
    } else if (y == 2022) {
        days_off.push_back(ymd(y, 6, 2));
        days_off.push_back(ymd(y, 6, 3));
    } else {
        days_off.push_back(last_weekday(y, 5, Monday));
    }

    days_off.push_back(last_weekday(y, 8, Monday));  // Summer

    // Christmas and Boxing Day with substitutes: a holiday at a weekend moves to the next weekday
    // not already a holiday.
    const weekday christmas = day_of_week(ymd(y, 12, 25));
    if (christmas == Friday) {
        days_off.push_back(ymd(y, 12, 25));
        days_off.push_back(ymd(y, 12, 28));
    } else if (christmas == Saturday) {
        days_off.push_back(ymd(y, 12, 27));
        days_off.push_back(ymd(y, 12, 28));
    } else if (christmas == Sunday) {
        days_off.push_back(ymd(y, 12, 26));
        days_off.push_back(ymd(y, 12, 27));
    } else {
        days_off.push_back(ymd(y, 12, 25));
        days_off.push_back(ymd(y, 12, 26));
    }

    // One-off days proclaimed for royal occasions.
    const plugin::Date one_offs[] = {ymd(1999, 12, 31), ymd(2011, 4, 29), ymd(2022, 9, 19),
                                     ymd(2023, 5, 8)};
    for (const plugin::Date d : one_offs) {
        if (static_cast<int>(d.year()) == y) {
            days_off.push_back(d);
        }
    }

    std::sort(days_off.begin(), days_off.end());
    return days_off;
}

}  // namespace iro::calendar
