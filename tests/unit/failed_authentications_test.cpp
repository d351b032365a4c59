// Failed authentications are counted per address, minute and reason, and written once a minute.

#include "auth/failed_authentications.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "store/store_file.hpp"
#include "support/temp_dir.hpp"

namespace iro::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::system_clock;

// 2026-12-05T10:00:00Z
constexpr system_clock::time_point kTen{seconds(1796464800)};

std::int64_t stored(store::Database& db, const std::string& where = "1") {
    auto stmt = db.prepare("SELECT coalesce(sum(failures), 0) FROM auth_failures WHERE " + where);
    stmt.step();
    return stmt.integer(0);
}

class FailedAuthenticationsTest : public testing::Test {
  protected:
    test::TempDir dir;
    store::Database db = store::open_store(dir.path() / "s.sqlite3", "2026-12-05T09:00:00Z");
};

TEST_F(FailedAuthenticationsTest, AnAddressOverItsLimitIsToldSoUntilTheMinuteEnds) {
    FailedAuthentications failures({3, 1000, std::chrono::hours(24)});
    EXPECT_EQ(minute_text(1796464800 / 60), "2026-12-05T10:00Z");
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(failures.count("192.0.2.1", "unknown token", kTen + seconds(i)));
    }
    EXPECT_TRUE(failures.count("192.0.2.1", "unknown token", kTen + seconds(10)));
    EXPECT_FALSE(failures.count("192.0.2.2", "unknown token", kTen + seconds(11)))
        << "another address has its own limit";
    EXPECT_TRUE(failures.first_this_minute("192.0.2.2"));
    EXPECT_FALSE(failures.first_this_minute("192.0.2.1"));
    EXPECT_EQ(FailedAuthentications::seconds_left(kTen + seconds(10)), 50);
    EXPECT_FALSE(failures.count("192.0.2.1", "unknown token", kTen + minutes(1)))
        << "a new minute starts the count again";
    EXPECT_EQ(failures.pending(), 6);
}

TEST_F(FailedAuthenticationsTest, FinishedMinutesGoToTheStoreAsOneRowEach) {
    FailedAuthentications failures;
    for (int i = 0; i < 500; ++i) {
        failures.count("192.0.2.1", "unknown token", kTen + seconds(i % 60));
    }
    failures.count("192.0.2.1", "no credentials", kTen + seconds(5));
    failures.count("192.0.2.1", "unknown token", kTen + minutes(1));

    EXPECT_EQ(failures.flush(db, kTen + seconds(59), false), 0) << "the minute is not over";
    EXPECT_EQ(stored(db), 0);
    EXPECT_EQ(failures.flush(db, kTen + minutes(1), false), 2);
    EXPECT_EQ(stored(db, "minute = '2026-12-05T10:00Z' AND reason = 'unknown token'"), 500);
    EXPECT_EQ(stored(db, "reason = 'no credentials'"), 1);
    EXPECT_EQ(failures.pending(), 1) << "the current minute stays in memory";

    // Counts of a minute written twice (a flush at shutdown, say) add up.
    failures.count("192.0.2.1", "unknown token", kTen + seconds(30));
    EXPECT_EQ(failures.flush(db, kTen + minutes(2), true), 2);
    EXPECT_EQ(stored(db, "minute = '2026-12-05T10:00Z' AND reason = 'unknown token'"), 501);
    EXPECT_EQ(stored(db), 503);
    EXPECT_EQ(failures.pending(), 0);

    const auto summary = summarise_failures(db, "2026-12-05", "2026-12-05");
    ASSERT_EQ(summary.size(), 2U);
    EXPECT_EQ(summary[0].failures, 502);
    EXPECT_EQ(summary[0].minutes, 2);
    EXPECT_EQ(summary[0].first, "2026-12-05T10:00Z");
    EXPECT_EQ(summary[0].last, "2026-12-05T10:01Z");
    EXPECT_TRUE(summarise_failures(db, "2026-12-06", "2026-12-06").empty());
}

TEST_F(FailedAuthenticationsTest, ManyAddressesAndOldCountsStayBounded) {
    FailedAuthentications failures({30, 10, std::chrono::hours(1)});
    for (int i = 0; i < 50; ++i) {
        failures.count("198.51.100." + std::to_string(i), "unknown token", kTen);
    }
    failures.flush(db, kTen + minutes(1), false);
    EXPECT_EQ(stored(db), 50);
    EXPECT_EQ(stored(db, "source = '(other sources)'"), 40);
    auto rows = db.prepare("SELECT count(*) FROM auth_failures");
    rows.step();
    EXPECT_EQ(rows.integer(0), 11);

    // Two hours on, with counts kept one hour, the old minute is gone.
    failures.count("192.0.2.1", "unknown token", kTen + minutes(120));
    failures.flush(db, kTen + minutes(121), false);
    EXPECT_EQ(stored(db), 1);
}

}  // namespace
}  // namespace iro::auth
