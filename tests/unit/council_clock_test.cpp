// "Today" is the council's day: midnight in Europe/London, whatever the server's TZ. Each case
// worked by hand from the UK's clock changes (BST, UTC+1, from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October).

#include "clock/council_clock.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "config/host_config.hpp"
#include "iro/plugin_api/dates.hpp"
#include "support/temp_dir.hpp"

namespace iro::clock {
namespace {

using namespace std::chrono;
using testing::HasSubstr;

// A clock whose time is fixed at `at` (UTC).
CouncilClock london_at(sys_seconds at, std::optional<plugin::Date> demo_day = std::nullopt) {
    return CouncilClock(kDefaultTimeZone, demo_day,
                        [at] { return time_point_cast<system_clock::duration>(at); });
}

sys_seconds utc(year_month_day day, hours h, minutes m = minutes{0}) {
    return sys_days{day} + h + m;
}

TEST(CouncilClock, ASummerEveningAfter2300UtcIsAlreadyTomorrowInLondon) {
    // 23:30 UTC on 1 July 2026 is 00:30 BST on 2 July.
    EXPECT_EQ(london_at(utc(2026y / July / 1, 23h, 30min)).today(), 2026y / July / 2);
    // 22:59 UTC is 23:59 BST: still 1 July.
    EXPECT_EQ(london_at(utc(2026y / July / 1, 22h, 59min)).today(), 2026y / July / 1);
}

TEST(CouncilClock, AWinterEveningIsTheUtcDay) {
    // GMT is UTC: 23:30 UTC on 1 December 2026 is 1 December.
    EXPECT_EQ(london_at(utc(2026y / December / 1, 23h, 30min)).today(), 2026y / December / 1);
}

TEST(CouncilClock, DaysTurnAtLondonMidnightAcrossTheClockChanges) {
    // 29 March 2026, clocks go forward at 01:00 UTC: 23:30 UTC on the 28th is 23:30 GMT.
    EXPECT_EQ(london_at(utc(2026y / March / 28, 23h, 30min)).today(), 2026y / March / 28);
    // 23:30 UTC on the 29th is 00:30 BST on the 30th.
    EXPECT_EQ(london_at(utc(2026y / March / 29, 23h, 30min)).today(), 2026y / March / 30);
    // 25 October 2026, clocks go back at 01:00 UTC: 23:30 UTC on the 24th is 00:30 BST on the
    // 25th; 23:30 UTC on the 25th is 23:30 GMT, still the 25th.
    EXPECT_EQ(london_at(utc(2026y / October / 24, 23h, 30min)).today(), 2026y / October / 25);
    EXPECT_EQ(london_at(utc(2026y / October / 25, 23h, 30min)).today(), 2026y / October / 25);
}

TEST(CouncilClock, TheProcesssTimeZoneDoesNotMoveTheDay) {
    ::setenv("TZ", "America/New_York", 1);
    ::tzset();
    EXPECT_EQ(london_at(utc(2026y / July / 1, 23h, 30min)).today(), 2026y / July / 2);
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    EXPECT_EQ(london_at(utc(2026y / July / 1, 23h, 30min)).today(), 2026y / July / 2);
}

TEST(CouncilClock, AnotherZoneHasItsOwnDay) {
    const CouncilClock belfast_like("Europe/Dublin", std::nullopt,
                                    [] { return sys_days{2026y / July / 1} + 23h + 30min; });
    EXPECT_EQ(belfast_like.today(), 2026y / July / 2);
    const CouncilClock utc_council("UTC", std::nullopt,
                                   [] { return sys_days{2026y / July / 1} + 23h + 30min; });
    EXPECT_EQ(utc_council.today(), 2026y / July / 1);
}

TEST(CouncilClock, ADemonstrationDayIsTodayAndTimestampsStayReal) {
    const auto at = utc(2026y / July / 1, 23h, 30min);
    const auto demo = london_at(at, 2018y / March / 15);
    EXPECT_EQ(demo.today(), 2018y / March / 15);
    EXPECT_EQ(demo.now(), at);
}

TEST(CouncilClock, AnUnknownZoneIsRefusedByName) {
    try {
        const CouncilClock clock("Mars/Olympus_Mons");
        FAIL() << "an unknown zone was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_THAT(e.what(), HasSubstr("'Mars/Olympus_Mons'"));
    }
}

TEST(CouncilClock, TheConfigurationNamesTheZoneAndTheDemonstrationDay) {
    const test::TempDir dir;
    const auto file = dir.path() / "host.json";
    std::ofstream(file) << R"({"time_zone": "Europe/London", "as_of": "2018-03-15"})";
    config::ConfigOverrides overrides;
    overrides.config_file = file;
    overrides.data_dir = dir.path() / "data";
    const auto config = config::resolve_host_config(overrides);
    EXPECT_EQ(config.time_zone, "Europe/London");
    EXPECT_EQ(config::council_clock(config).today(), 2018y / March / 15);

    std::ofstream(file, std::ios::trunc) << R"({"time_zone": "Mars/Olympus_Mons"})";
    try {
        config::resolve_host_config(overrides);
        FAIL() << "an unknown zone was accepted";
    } catch (const config::ConfigError& e) {
        EXPECT_THAT(e.what(), HasSubstr("/time_zone"));
        EXPECT_THAT(e.what(), HasSubstr("Mars/Olympus_Mons"));
    }
}

}  // namespace
}  // namespace iro::clock
