// The reg. 33 schedule on hand-worked cases. Working days counted by hand against gov.uk's bank
// holiday lists; each case says how.

#include "iro/plugin_api/review_schedule.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "calendar/working_day_calendar.hpp"

namespace iro::schedule {
namespace {

using plugin::Date;
using plugin::Episode;
using plugin::Review;

Date d(int y, unsigned m, unsigned day) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

Episode episode(Date start, std::optional<Date> end, std::string rne, std::string ls,
                std::string rec = "") {
    return Episode{"C1", start, end, std::move(rne), std::move(ls), "U1", std::move(rec)};
}

Review review(const std::string& id, Date held) {
    return Review{id, "C1", held, std::nullopt, "PN1", false};
}

class ReviewScheduleTest : public testing::Test {
  protected:
    calendar::EnglandWalesCalendar calendar;
};

TEST(AddMonths, ClampsToTheEndOfTheMonth) {
    EXPECT_EQ(add_months(d(2024, 11, 30), 3), d(2025, 2, 28));
    EXPECT_EQ(add_months(d(2023, 11, 30), 3), d(2024, 2, 29));
    EXPECT_EQ(add_months(d(2024, 8, 31), 6), d(2025, 2, 28));
    EXPECT_EQ(add_months(d(2024, 6, 20), 3), d(2024, 9, 20));
    EXPECT_EQ(add_months(d(2024, 9, 10), 6), d(2025, 3, 10));
}

TEST_F(ReviewScheduleTest, EntryOnTheFridayBeforeASpringBankHoliday) {
    // Fri 24 May 2024; Mon 27 May is a bank holiday. Working days: 28-31 May (4), 3-7 June (9),
    // 10-14 (14), 17-21 (19), Mon 24 June (20).
    const auto s = compute_review_schedule({episode(d(2024, 5, 24), {}, "S", "C2")}, {}, calendar,
                                           d(2024, 5, 24));
    EXPECT_EQ(s.next_due, d(2024, 6, 24));
}

TEST_F(ReviewScheduleTest, EntryOnMaundyThursday) {
    // Thu 28 Mar 2024; Good Friday and Easter Monday off. Tue 2 Apr (1), 3-5 (4), 8-12 (9),
    // 15-19 (14), 22-26 (19), Mon 29 April (20).
    const auto s = compute_review_schedule({episode(d(2024, 3, 28), {}, "S", "C1")}, {}, calendar,
                                           d(2024, 4, 1));
    EXPECT_EQ(s.next_due, d(2024, 4, 29));
}

TEST_F(ReviewScheduleTest, FirstSecondAndLaterReviewsWithTimeliness) {
    const std::vector<Episode> episodes{episode(d(2024, 5, 24), d(2024, 8, 1), "S", "C2", "X1"),
                                        episode(d(2024, 8, 1), {}, "P", "C2")};
    const std::vector<Review> reviews{
        review("R1", d(2024, 6, 20)),  // due 24 Jun: on time
        review("R2", d(2024, 9, 23)),  // due 20 Sep (3 months after R1): late
        review("R3", d(2025, 3, 20)),  // due 23 Mar 2025 (6 months after R2): on time
    };
    const auto s = compute_review_schedule(episodes, reviews, calendar, d(2025, 4, 1));
    ASSERT_EQ(s.periods.size(), 1U) << "a placement move continues the period of care";
    const auto& r = s.periods[0].reviews;
    ASSERT_EQ(r.size(), 3U);
    EXPECT_EQ(r[0].due_by, d(2024, 6, 24));
    EXPECT_TRUE(r[0].on_time);
    EXPECT_EQ(r[1].due_by, d(2024, 9, 20));
    EXPECT_FALSE(r[1].on_time);
    EXPECT_EQ(r[2].due_by, d(2025, 3, 23));
    EXPECT_TRUE(r[2].on_time);
    EXPECT_EQ(s.next_due, d(2025, 9, 20));
}

TEST_F(ReviewScheduleTest, EarlyReviewRestartsTheClockFromTheDayItWasHeld) {
    const std::vector<Review> reviews{
        review("R1", d(2024, 6, 20)),
        review("R2", d(2024, 7, 15)),  // early: placement breakdown; due was 20 Sep
    };
    const auto s = compute_review_schedule({episode(d(2024, 5, 24), {}, "S", "C2")}, reviews,
                                           calendar, d(2024, 8, 1));
    EXPECT_TRUE(s.periods[0].reviews[1].on_time);
    EXPECT_EQ(s.next_due, d(2025, 1, 15)) << "6 months from the early review, not from 20 Sep";
}

TEST_F(ReviewScheduleTest, ASecondPeriodOfCareStartsTheSequenceAgain) {
    const std::vector<Episode> episodes{
        episode(d(2024, 1, 8), d(2024, 12, 31), "S", "C2", "E11"),
        episode(d(2025, 3, 3), {}, "S", "C2"),  // returns to care
    };
    const std::vector<Review> reviews{review("R1", d(2024, 2, 1)), review("R2", d(2024, 4, 30)),
                                      review("R3", d(2025, 3, 25))};
    const auto s = compute_review_schedule(episodes, reviews, calendar, d(2025, 4, 10));
    ASSERT_EQ(s.periods.size(), 2U);
    EXPECT_EQ(s.periods[0].end, d(2024, 12, 31));
    EXPECT_FALSE(s.periods[0].next_due) << "a closed period has no next review";
    ASSERT_EQ(s.periods[1].reviews.size(), 1U);
    EXPECT_EQ(s.periods[1].reviews[0].number, 1);
    // 3 March 2025 + 20 working days (no bank holidays in March 2025) = Mon 31 March.
    EXPECT_EQ(s.periods[1].reviews[0].due_by, d(2025, 3, 31));
    EXPECT_EQ(s.next_due, d(2025, 6, 25)) << "second review: 3 months after the first";
}

TEST_F(ReviewScheduleTest, ShortBreaksAreNotReviewedUnderRegulation33) {
    const std::vector<Episode> episodes{episode(d(2024, 1, 8), {}, "S", "V3")};
    const auto s =
        compute_review_schedule(episodes, {review("R1", d(2024, 2, 1))}, calendar, d(2024, 6, 1));
    ASSERT_EQ(s.periods.size(), 1U);
    EXPECT_FALSE(s.periods[0].reviewable_from);
    EXPECT_FALSE(s.next_due);
    EXPECT_THAT(s.reviews_outside_care, testing::ElementsAre("R1"));
}

TEST_F(ReviewScheduleTest, ShortBreaksBecomingFullCareStartTheClockAtTheChange) {
    // V3 from 8 Jan, then a legal status change to C2 on Tue 2 Apr 2024: 20 working days from
    // 2 Apr = 30 April (3-5 Apr 3, 8-12 8, 15-19 13, 22-26 18, 29-30 20).
    const std::vector<Episode> episodes{episode(d(2024, 1, 8), d(2024, 4, 2), "S", "V3", "X1"),
                                        episode(d(2024, 4, 2), {}, "L", "C2")};
    const auto s = compute_review_schedule(episodes, {}, calendar, d(2024, 4, 10));
    EXPECT_EQ(s.next_due, d(2024, 4, 30));
}

TEST_F(ReviewScheduleTest, AsOfADayHidesWhatCameLater) {
    const std::vector<Episode> episodes{episode(d(2024, 5, 24), d(2024, 12, 1), "S", "C2", "E11")};
    const std::vector<Review> reviews{review("R1", d(2024, 6, 20))};
    const auto before_leaving = compute_review_schedule(episodes, reviews, calendar, d(2024, 7, 1));
    EXPECT_EQ(before_leaving.next_due, d(2024, 9, 20)) << "still in care on 1 July";
    const auto before_review = compute_review_schedule(episodes, reviews, calendar, d(2024, 6, 1));
    EXPECT_EQ(before_review.next_due, d(2024, 6, 24));
    const auto after = compute_review_schedule(episodes, reviews, calendar, d(2025, 1, 1));
    EXPECT_FALSE(after.next_due);
}

TEST_F(ReviewScheduleTest, CancelledAndUndatedReviewsDoNotCount) {
    std::vector<Review> reviews{review("R1", d(2024, 6, 20))};
    reviews[0].cancelled = true;
    reviews.push_back(Review{"R2", "C1", std::nullopt, d(2024, 6, 24), "", false});
    const auto s = compute_review_schedule({episode(d(2024, 5, 24), {}, "S", "C2")}, reviews,
                                           calendar, d(2024, 7, 1));
    EXPECT_TRUE(s.periods[0].reviews.empty());
    EXPECT_EQ(s.next_due, d(2024, 6, 24));
}

// ---- the timetable of API 1.5 -----------------------------------------------------------------

// The case from the issue: entered care Monday 5 September 2016, moved placement 10 January 2017.
// First review due 3 October (Sep 6-9 4, 12-16 9, 19-23 14, 26-30 19, Oct 3 20); second due
// 3 months after the first (28 Dec); third and fourth 6 months after the one before.
std::vector<Review> reviews_2016_to_2017() {
    return {review("R1", d(2016, 9, 28)), review("R2", d(2016, 12, 15)),
            review("R3", d(2017, 6, 15)), review("R4", d(2017, 12, 12))};
}

TEST_F(ReviewScheduleTest, TimetableOfAWholeHistory) {
    const std::vector<Episode> episodes{
        episode(d(2016, 9, 5), d(2017, 1, 10), "S", "C2", "X1"),
        episode(d(2017, 1, 10), {}, "P", "C2"),
    };
    const auto t =
        compute_review_timetable(episodes, reviews_2016_to_2017(), calendar, d(2018, 3, 31));
    ASSERT_EQ(t.periods.size(), 1U);
    const auto& p = t.periods[0];
    EXPECT_EQ(p.start_known, PeriodStart::entered_care);
    EXPECT_EQ(p.regime, ReviewRegime::care_plan);
    ASSERT_EQ(p.reviews.size(), 4U);
    const std::vector<Date> due{d(2016, 10, 3), d(2016, 12, 28), d(2017, 6, 15), d(2017, 12, 15)};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(p.reviews[i].number, static_cast<int>(i) + 1);
        EXPECT_EQ(p.reviews[i].due_by, due[i]) << i;
        EXPECT_TRUE(p.reviews[i].on_time) << i;
    }
    EXPECT_EQ(t.next_due, d(2018, 6, 12));
}

TEST_F(ReviewScheduleTest, AnUnknownStartTimesNoFirstReviewAndCallsNoneLate) {
    // Only the 2017-18 return: its first row for the child is the placement move (RNE P).
    const std::vector<Episode> episodes{episode(d(2017, 1, 10), {}, "P", "C2")};
    std::vector<Review> reviews = reviews_2016_to_2017();
    reviews.erase(reviews.begin(), reviews.begin() + 2);
    const auto t = compute_review_timetable(episodes, reviews, calendar, d(2018, 3, 31));
    ASSERT_EQ(t.periods.size(), 1U);
    const auto& p = t.periods[0];
    EXPECT_EQ(p.start_known, PeriodStart::unknown);
    ASSERT_EQ(p.reviews.size(), 2U);
    EXPECT_FALSE(p.reviews[0].number);
    EXPECT_FALSE(p.reviews[0].due_by) << "not called a late first review";
    EXPECT_FALSE(p.reviews[0].on_time);
    EXPECT_EQ(p.reviews[1].due_by, d(2017, 12, 15)) << "6 months: the longer interval";
    EXPECT_TRUE(p.reviews[1].on_time);
    EXPECT_EQ(t.next_due, d(2018, 6, 12));

    const auto none_held = compute_review_timetable(episodes, {}, calendar, d(2017, 6, 1));
    EXPECT_FALSE(none_held.next_due) << "no review held and no known start: nothing to time";
}

TEST_F(ReviewScheduleTest, ShortBreaksFollowRegulation48) {
    // V3 from Mon 8 Jan 2024: first review within 3 months (8 April), then 6-monthly.
    const std::vector<Episode> episodes{episode(d(2024, 1, 8), {}, "S", "V3")};
    const auto t =
        compute_review_timetable(episodes, {review("R1", d(2024, 3, 20))}, calendar, d(2024, 6, 1));
    ASSERT_EQ(t.periods.size(), 1U);
    EXPECT_EQ(t.periods[0].regime, ReviewRegime::short_breaks);
    EXPECT_EQ(t.periods[0].reviews[0].due_by, d(2024, 4, 8));
    EXPECT_TRUE(t.periods[0].reviews[0].on_time);
    EXPECT_EQ(t.next_due, d(2024, 9, 20));

    const auto off = compute_review_timetable(episodes, {review("R1", d(2024, 3, 20))}, calendar,
                                              d(2024, 6, 1), {false});
    EXPECT_EQ(off.periods[0].regime, ReviewRegime::none);
    EXPECT_FALSE(off.next_due);
    EXPECT_THAT(off.reviews_outside_care, testing::ElementsAre("R1"));
}

TEST_F(ReviewScheduleTest, ASeriesOfShortBreaksIsOneArrangementReviewedBetweenStays) {
    const std::vector<Episode> episodes{
        episode(d(2024, 1, 8), d(2024, 1, 10), "S", "V3", "E13"),
        episode(d(2024, 2, 5), d(2024, 2, 7), "S", "V3", "E13"),
        episode(d(2024, 9, 2), d(2024, 9, 4), "S", "V3", "E13"),  // 7 months later: a new run
    };
    const auto t = compute_review_timetable(episodes, {review("R1", d(2024, 2, 20))}, calendar,
                                            d(2024, 10, 1));
    ASSERT_EQ(t.periods.size(), 2U);
    EXPECT_EQ(t.periods[0].start, d(2024, 1, 8));
    EXPECT_EQ(t.periods[0].end, d(2024, 2, 7));
    ASSERT_EQ(t.periods[0].reviews.size(), 1U) << "held at home between the breaks";
    EXPECT_EQ(t.periods[0].reviews[0].due_by, d(2024, 4, 8));
    EXPECT_EQ(t.periods[1].next_due, d(2024, 12, 2));
}

TEST_F(ReviewScheduleTest, ClosureDaysNeverMoveAStatutoryDate) {
    // Entered care Fri 18 Dec 2020. The regulations' working days skip Christmas (Fri 25), the
    // Boxing Day substitute (Mon 28 Dec) and New Year's Day: Dec 21-24 4, 29-31 7, Jan 4-8 12,
    // 11-15 17, 18-20 20: due Wednesday 20 January 2021. A council closed 29-31 December would
    // make its own lead times three days longer (25 January), never this date.
    const std::vector<Episode> episodes{episode(d(2020, 12, 18), {}, "S", "C2")};
    const auto t = compute_review_timetable(episodes, {}, calendar, d(2021, 1, 4));
    EXPECT_EQ(t.next_due, d(2021, 1, 20));
    const calendar::EnglandWalesCalendar practice(
        {d(2020, 12, 29), d(2020, 12, 30), d(2020, 12, 31)});
    EXPECT_EQ(practice.add_working_days(d(2020, 12, 18), 20), d(2021, 1, 25));
}

}  // namespace
}  // namespace iro::schedule
