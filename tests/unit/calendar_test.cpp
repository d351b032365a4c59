// Bank holidays and working days, as of hand-checked dates (gov.uk's published lists).

#include <gtest/gtest.h>

#include <algorithm>

#include "calendar/bank_holidays.hpp"
#include "calendar/working_day_calendar.hpp"

namespace iro::calendar {
namespace {

using plugin::Date;
using std::chrono::year;

Date d(int y, unsigned m, unsigned day) {
    return Date{year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

std::vector<std::string> iso(const std::vector<Date>& days) {
    std::vector<std::string> out;
    out.reserve(days.size());
    for (const Date x : days) {
        out.push_back(plugin::to_iso(x));
    }
    return out;
}

TEST(EasterSunday, KnownYears) {
    EXPECT_EQ(easter_sunday(2000), d(2000, 4, 23));
    EXPECT_EQ(easter_sunday(2011), d(2011, 4, 24));
    EXPECT_EQ(easter_sunday(2019), d(2019, 4, 21));
    EXPECT_EQ(easter_sunday(2024), d(2024, 3, 31));
    EXPECT_EQ(easter_sunday(2038), d(2038, 4, 25));
}

TEST(BankHolidays, OrdinaryYear2019) {
    EXPECT_EQ(iso(england_and_wales_bank_holidays(2019)),
              (std::vector<std::string>{"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
                                        "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"}));
}

TEST(BankHolidays, OneOffsAndMovedDays) {
    // 2020: early May moved to Friday 8 May (VE day 75).
    EXPECT_EQ(iso(england_and_wales_bank_holidays(2020)),
              (std::vector<std::string>{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
                                        "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"}));
    // 2022: spring moved to 2 June plus the Platinum Jubilee on 3 June; the Queen's funeral;
    // Christmas on a Sunday gives Boxing Day Monday and a substitute Tuesday.
    EXPECT_EQ(iso(england_and_wales_bank_holidays(2022)),
              (std::vector<std::string>{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                        "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                        "2022-12-26", "2022-12-27"}));
    // 2023: the coronation.
    EXPECT_EQ(iso(england_and_wales_bank_holidays(2023)),
              (std::vector<std::string>{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
                                        "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
                                        "2023-12-26"}));
    // 2011 royal wedding; 2012 and 2002 jubilees.
    const auto y2011 = iso(england_and_wales_bank_holidays(2011));
    EXPECT_NE(std::find(y2011.begin(), y2011.end(), "2011-04-29"), y2011.end());
    const auto y2012 = iso(england_and_wales_bank_holidays(2012));
    EXPECT_NE(std::find(y2012.begin(), y2012.end(), "2012-06-04"), y2012.end());
    EXPECT_NE(std::find(y2012.begin(), y2012.end(), "2012-06-05"), y2012.end());
    EXPECT_EQ(std::find(y2012.begin(), y2012.end(), "2012-05-28"), y2012.end());
    const auto y2002 = iso(england_and_wales_bank_holidays(2002));
    EXPECT_NE(std::find(y2002.begin(), y2002.end(), "2002-06-03"), y2002.end());
    EXPECT_NE(std::find(y2002.begin(), y2002.end(), "2002-06-04"), y2002.end());
}

TEST(BankHolidays, ChristmasSubstitutes) {
    // Saturday Christmas (2010): Monday 27 and Tuesday 28.
    const auto y2010 = iso(england_and_wales_bank_holidays(2010));
    EXPECT_EQ(std::vector<std::string>(y2010.end() - 2, y2010.end()),
              (std::vector<std::string>{"2010-12-27", "2010-12-28"}));
    // Friday Christmas (2015): Boxing Day Saturday moves to Monday 28.
    const auto y2015 = iso(england_and_wales_bank_holidays(2015));
    EXPECT_EQ(std::vector<std::string>(y2015.end() - 2, y2015.end()),
              (std::vector<std::string>{"2015-12-25", "2015-12-28"}));
}

TEST(WorkingDays, SkipsWeekendsBankHolidaysAndClosureDays) {
    const EnglandWalesCalendar calendar({d(2024, 12, 24)});
    EXPECT_FALSE(calendar.is_working_day(d(2024, 3, 29)));  // Good Friday
    EXPECT_FALSE(calendar.is_working_day(d(2024, 3, 30)));  // Saturday
    EXPECT_TRUE(calendar.is_working_day(d(2024, 3, 28)));
    EXPECT_FALSE(calendar.is_working_day(d(2024, 12, 24)));  // council closure day
    // Thursday before Easter + 1 working day: Friday and Monday are holidays, so Tuesday.
    EXPECT_EQ(calendar.add_working_days(d(2024, 3, 28), 1), d(2024, 4, 2));
    // 20 working days from Friday 22 Dec 2023 (Christmas, Boxing Day, New Year's Day skipped).
    EXPECT_EQ(calendar.add_working_days(d(2023, 12, 22), 20), d(2024, 1, 24));
    EXPECT_EQ(calendar.add_working_days(d(2024, 4, 2), -1), d(2024, 3, 28));
    EXPECT_EQ(calendar.working_days_between(d(2024, 3, 28), d(2024, 4, 2)), 1);
    EXPECT_EQ(calendar.working_days_between(d(2024, 4, 2), d(2024, 3, 28)), -1);
    EXPECT_EQ(calendar.working_days_between(d(2024, 1, 1), d(2024, 1, 1)), 0);
}

TEST(WorkingDays, RefusesDaysOutsideItsRange) {
    const EnglandWalesCalendar calendar({}, 2000, 2040);
    EXPECT_THROW(calendar.is_working_day(d(1999, 6, 1)), plugin::HostError);
    EXPECT_THROW(calendar.add_working_days(d(2040, 12, 28), 10), plugin::HostError);
    EXPECT_THROW(calendar.add_working_days(d(2000, 1, 5), -10), plugin::HostError);
    EXPECT_EQ(calendar.add_working_days(d(2040, 12, 27), 1), d(2040, 12, 28));
}

// The calendar answers by lookup; a walk one day at a time over is_working_day is the definition
// it must agree with, for every day of several years and counts either way.
TEST(WorkingDays, LookupsAgreeWithWalkingDayByDay) {
    const EnglandWalesCalendar calendar({d(2020, 12, 24), d(2021, 1, 4)}, 2015, 2025);
    const auto walk = [&](Date from, int count) {
        std::chrono::sys_days day{from};
        const int step = count >= 0 ? 1 : -1;
        for (int left = count >= 0 ? count : -count; left > 0;) {
            day += std::chrono::days{step};
            if (calendar.is_working_day(Date{day})) {
                --left;
            }
        }
        return Date{day};
    };
    int checked = 0;
    for (std::chrono::sys_days day{d(2016, 1, 1)}; day < std::chrono::sys_days{d(2024, 1, 1)};
         day += std::chrono::days{1}) {
        const Date from{day};
        for (const int count : {-25, -15, -3, -1, 0, 1, 3, 10, 20}) {
            ASSERT_EQ(calendar.add_working_days(from, count), walk(from, count))
                << plugin::to_iso(from) << " + " << count;
            // Between: the working days in (earlier, later], signed, counted the long way.
            const Date to = walk(from, count);
            const std::chrono::sys_days a{from};
            const std::chrono::sys_days b{to};
            const auto low = std::min(a, b);
            const auto high = std::max(a, b);
            int between = 0;
            for (auto x = low + std::chrono::days{1}; x <= high; x += std::chrono::days{1}) {
                between += calendar.is_working_day(Date{x}) ? 1 : 0;
            }
            ASSERT_EQ(calendar.working_days_between(from, to), count >= 0 ? between : -between)
                << plugin::to_iso(from) << " -> " << plugin::to_iso(to);
            ++checked;
        }
    }
    EXPECT_GT(checked, 26000);
}

}  // namespace
}  // namespace iro::calendar
