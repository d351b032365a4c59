// The review measures on hand-worked histories, for the year and its quarters, by both
// definitions, and the parsing of financial years.

#include "reviews/review_measures.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "calendar/working_day_calendar.hpp"

namespace iro::reports {
namespace {

using plugin::Date;

Date d(int y, unsigned m, unsigned day) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

plugin::Episode episode(const std::string& child, Date start, std::optional<Date> end,
                        const std::string& ls, const std::string& rne = "S") {
    return {child, start, end, rne, ls, "U1", end ? "E4A" : ""};
}

plugin::Review review(const std::string& child, Date held, const std::string& code) {
    return {child + ":" + plugin::to_iso(held), child, held, std::nullopt, code, false};
}

// Worked by hand against the regulations' calendar (bank holidays from gov.uk).
// A: in care from Monday 3 April 2023. First review due 4 May 2023 (20 working days, skipping
//    Good Friday, Easter Monday and 1 May), held 2 May: on time. Second due 2 August, held 10
//    August: late. Third due 10 February 2024, not held: overdue at the year's end.
// B: short breaks (V3) only from 1 June 2023: reg. 48, first review due 1 September, held 1 July.
// C: in care 10 January 2022 to 15 May 2023, every review on time, the last (PN0) in April 2023.
// D: left care before the year began.
// E: in care from Monday 9 January 2023; first review due 6 February, held 1 February; second
//    due 1 May 2023, never held; left care 15 June 2023 with it missed.
// F: in care from 3 April 2023 like A; first review due 4 May, not held; left the next day.
// G: the first episode held is a placement move (RNE P) on 10 January 2023: when G entered care
//    is not in the records. Reviews 15 June (its due date unknown: neither on time nor late) and
//    12 December 2023 (due 15 December, 6 months after the last: on time).
// H: like G, from 1 February 2023, and no review held: nothing can be timed.
// I: in care from Monday 11 March 2024; first review due 10 April 2024 (Good Friday 29 March and
//    Easter Monday 1 April skipped), so none due in 2023-24; in care under 4 weeks at 31 March.
std::map<std::string, ChildHistory> council() {
    std::map<std::string, ChildHistory> c;
    c["A"].episodes = {episode("A", d(2023, 4, 3), std::nullopt, "C2")};
    c["A"].reviews = {review("A", d(2023, 5, 2), "PN1"), review("A", d(2023, 8, 10), "PN5")};
    c["B"].episodes = {episode("B", d(2023, 6, 1), std::nullopt, "V3")};
    c["B"].reviews = {review("B", d(2023, 7, 1), "PN2")};
    c["C"].episodes = {episode("C", d(2022, 1, 10), d(2023, 5, 15), "C1")};
    c["C"].reviews = {review("C", d(2022, 2, 1), "PN0"), review("C", d(2022, 5, 1), "PN0"),
                      review("C", d(2022, 11, 1), "PN0"), review("C", d(2023, 4, 20), "PN0")};
    c["D"].episodes = {episode("D", d(2021, 3, 1), d(2022, 12, 1), "C2")};
    c["D"].reviews = {review("D", d(2021, 3, 25), "PN3")};
    c["E"].episodes = {episode("E", d(2023, 1, 9), d(2023, 6, 15), "C2")};
    c["E"].reviews = {review("E", d(2023, 2, 1), "PN1")};
    c["F"].episodes = {episode("F", d(2023, 4, 3), d(2023, 5, 5), "C2")};
    c["G"].episodes = {episode("G", d(2023, 1, 10), std::nullopt, "C2", "P")};
    c["G"].reviews = {review("G", d(2023, 6, 15), "PN4"), review("G", d(2023, 12, 12), "PN7")};
    c["H"].episodes = {episode("H", d(2023, 2, 1), std::nullopt, "C2", "P")};
    c["I"].episodes = {episode("I", d(2024, 3, 11), std::nullopt, "C2")};
    return c;
}

class ReviewMeasuresTest : public testing::Test {
  protected:
    ReviewMeasures measure(std::size_t period, Date as_of = d(2024, 6, 30),
                           Cohort cohort = Cohort::year) {
        return measure_reviews(histories, financial_periods(2023, true).at(period), calendar, as_of,
                               {cohort, true});
    }
    std::map<std::string, ChildHistory> histories = council();
    calendar::EnglandWalesCalendar calendar;
};

TEST_F(ReviewMeasuresTest, WholeYearCountsLeaversWithAMissedReview) {
    const auto m = measure(4);
    EXPECT_EQ(m.period.label, "2023-24");
    EXPECT_EQ(m.children_looked_after, 7);  // A C E F G H I; B is on short breaks, D had left
    EXPECT_EQ(m.reviews_held, 5);           // A 2, C 1, G 2
    EXPECT_EQ(m.reviews_timed, 4);          // G's first has no known due date
    EXPECT_EQ(m.reviews_on_time, 3);        // A's first, C's, G's second
    EXPECT_EQ(m.children_with_review_held, 3);
    EXPECT_EQ(m.children_in_cohort, 5);         // A C E F G: H cannot be timed, I has none due
    EXPECT_EQ(m.children_all_on_time, 2);       // C and G
    EXPECT_EQ(m.children_missed_then_left, 2);  // E and F
    EXPECT_EQ(m.children_overdue, 1);           // A
    EXPECT_EQ(m.children_timing_unknown, 1);    // H
    EXPECT_EQ(m.short_break_children, 1);
    EXPECT_EQ(m.short_break_reviews_held, 1);
    EXPECT_EQ(m.short_break_reviews_on_time, 1);
    EXPECT_EQ(m.participation, (std::map<std::string, int>{
                                   {"PN0", 1}, {"PN1", 1}, {"PN4", 1}, {"PN5", 1}, {"PN7", 1}}));
    EXPECT_EQ(m.aged_4_plus, 4);     // PN1 PN4 PN5 PN7
    EXPECT_EQ(m.attended, 2);        // PN1 PN4
    EXPECT_EQ(m.views_conveyed, 2);  // PN1 PN5: PN4 attends without conveying views
    EXPECT_EQ(m.contributed, 3);     // York: PN1 PN4 PN5
}

TEST_F(ReviewMeasuresTest, Ni66CountsThoseLookedAfterAt31MarchForFourWeeks) {
    const auto m = measure(4, d(2024, 6, 30), Cohort::ni66);
    EXPECT_EQ(m.children_in_cohort, 2);       // A and G; I came in under 4 weeks before
    EXPECT_EQ(m.children_all_on_time, 1);     // G
    EXPECT_EQ(m.children_timing_unknown, 1);  // H
    EXPECT_EQ(m.children_missed_then_left, 0);
    EXPECT_THROW(measure(0, d(2024, 6, 30), Cohort::ni66), std::invalid_argument);
}

TEST_F(ReviewMeasuresTest, Quarters) {
    const auto q1 = measure(0);
    EXPECT_EQ(q1.period.label, "2023-24 Q1");
    EXPECT_EQ(q1.children_looked_after, 6);  // A C E F G H
    EXPECT_EQ(q1.reviews_held, 3);
    EXPECT_EQ(q1.reviews_timed, 2);
    EXPECT_EQ(q1.reviews_on_time, 2);
    EXPECT_EQ(q1.children_in_cohort, 4);  // A C E F
    EXPECT_EQ(q1.children_all_on_time, 2);
    EXPECT_EQ(q1.children_missed_then_left, 2);

    const auto q2 = measure(1);
    EXPECT_EQ(q2.children_looked_after, 3);  // A G H
    EXPECT_EQ(q2.reviews_held, 1);
    EXPECT_EQ(q2.reviews_on_time, 0);
    EXPECT_EQ(q2.children_in_cohort, 1);
    EXPECT_EQ(q2.children_all_on_time, 0);

    const auto q3 = measure(2);
    EXPECT_EQ(q3.reviews_held, 1);
    EXPECT_EQ(q3.children_in_cohort, 1);  // G; A's third review is not due until February
    EXPECT_EQ(q3.children_all_on_time, 1);

    const auto q4 = measure(3);
    EXPECT_EQ(q4.period.start, d(2024, 1, 1));
    EXPECT_EQ(q4.children_looked_after, 4);  // A G H I
    EXPECT_EQ(q4.children_overdue, 1);
    EXPECT_EQ(q4.children_in_cohort, 1);
    EXPECT_EQ(q4.children_all_on_time, 0);
}

TEST_F(ReviewMeasuresTest, AYearInProgressIsMeasuredToTheAsOfDay) {
    const auto m = measure(4, d(2023, 5, 10));
    EXPECT_EQ(m.measured_to, d(2023, 5, 10));
    EXPECT_EQ(m.reviews_held, 2);
    EXPECT_EQ(m.children_in_cohort, 4);       // A C, and E overdue, F gone with hers missed
    EXPECT_EQ(m.children_all_on_time, 2);     // A C
    EXPECT_EQ(m.children_overdue, 1);         // E: C's and E's leaving is not known yet
    EXPECT_EQ(m.children_timing_unknown, 2);  // G (no review yet) and H
    const auto not_begun = measure(3, d(2023, 5, 10));
    EXPECT_EQ(not_begun.children_looked_after, 0);
}

TEST(FinancialPeriods, ParsesTheWaysCouncilsWriteAYear) {
    EXPECT_EQ(parse_financial_year("2017-18"), 2017);
    EXPECT_EQ(parse_financial_year("2017/18"), 2017);
    EXPECT_EQ(parse_financial_year("2017-2018"), 2017);
    EXPECT_EQ(parse_financial_year("1999-00"), 1999);
    EXPECT_FALSE(parse_financial_year("2017-19"));
    EXPECT_FALSE(parse_financial_year("2017"));
    EXPECT_FALSE(parse_financial_year("17-18"));
    EXPECT_FALSE(parse_financial_year("2017-1x"));
}

TEST(FinancialPeriods, QuartersRunFromAprilAndTheYearComesLast) {
    const auto periods = financial_periods(2017, true);
    ASSERT_EQ(periods.size(), 5U);
    EXPECT_EQ(periods[0].label, "2017-18 Q1");
    EXPECT_EQ(periods[0].end, d(2017, 6, 30));
    EXPECT_EQ(periods[3].start, d(2018, 1, 1));
    EXPECT_EQ(periods[4].label, "2017-18");
    EXPECT_EQ(periods[4].end, d(2018, 3, 31));
    EXPECT_EQ(financial_periods(2017, false).size(), 1U);
}

}  // namespace
}  // namespace iro::reports
