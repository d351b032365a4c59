// The review measures on hand-worked histories, for the year and its quarters, and the parsing of
// financial years.

#include "reports/review_measures.hpp"

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
                        const std::string& ls) {
    return {child, start, end, "S", ls, "U1", end ? "E4A" : ""};
}

plugin::Review review(const std::string& child, Date held, const std::string& code) {
    return {child + ":" + plugin::to_iso(held), child, held, std::nullopt, code, false};
}

// A: in care from Monday 3 April 2023. First review due 4 May 2023 (20 working days, skipping
//    Good Friday, Easter Monday and 1 May), held 2 May: on time. Second due 2 August, held 10
//    August: late. Third due 10 February 2024, not held: overdue at the year's end.
// B: short breaks (V3) only; a review held anyway is not a reg. 33 review.
// C: in care 10 January 2022 to 15 May 2023, every review on time, the last (PN0) in April 2023.
// D: left care before the year began.
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
    return c;
}

class ReviewMeasuresTest : public testing::Test {
  protected:
    ReviewMeasures measure(std::size_t period, Date as_of = d(2024, 6, 30)) {
        return measure_reviews(histories, financial_periods(2023, true).at(period), calendar,
                               as_of);
    }
    std::map<std::string, ChildHistory> histories = council();
    calendar::EnglandWalesCalendar calendar;
};

TEST_F(ReviewMeasuresTest, WholeYear) {
    const auto m = measure(4);
    EXPECT_EQ(m.period.label, "2023-24");
    EXPECT_EQ(m.children_looked_after, 2);  // A and C; B is short breaks only, D had left
    EXPECT_EQ(m.reviews_held, 3);
    EXPECT_EQ(m.reviews_on_time, 2);
    EXPECT_DOUBLE_EQ(percent(m.reviews_on_time, m.reviews_held), 66.7);
    EXPECT_EQ(m.children_reviewed, 2);
    EXPECT_EQ(m.children_all_on_time, 1);  // C; A had a late review and is overdue
    EXPECT_EQ(m.children_overdue, 1);
    EXPECT_EQ(m.participation, (std::map<std::string, int>{{"PN0", 1}, {"PN1", 1}, {"PN5", 1}}));
    EXPECT_EQ(m.aged_4_plus, 2);
    EXPECT_EQ(m.attended, 1);
    EXPECT_EQ(m.views_conveyed, 2);
}

TEST_F(ReviewMeasuresTest, Quarters) {
    const auto q1 = measure(0);
    EXPECT_EQ(q1.period.label, "2023-24 Q1");
    EXPECT_EQ(q1.children_looked_after, 2);
    EXPECT_EQ(q1.reviews_held, 2);
    EXPECT_EQ(q1.reviews_on_time, 2);
    EXPECT_EQ(q1.children_all_on_time, 2);

    const auto q2 = measure(1);
    EXPECT_EQ(q2.children_looked_after, 1);
    EXPECT_EQ(q2.reviews_held, 1);
    EXPECT_EQ(q2.reviews_on_time, 0);
    EXPECT_EQ(q2.children_reviewed, 1);
    EXPECT_EQ(q2.children_all_on_time, 0);

    const auto q3 = measure(2);
    EXPECT_EQ(q3.reviews_held, 0);
    EXPECT_EQ(q3.children_reviewed, 0);  // A's third review is not due until February

    const auto q4 = measure(3);
    EXPECT_EQ(q4.period.start, d(2024, 1, 1));
    EXPECT_EQ(q4.children_overdue, 1);
    EXPECT_EQ(q4.children_reviewed, 1);
    EXPECT_EQ(q4.children_all_on_time, 0);
}

TEST_F(ReviewMeasuresTest, AYearInProgressIsMeasuredToTheAsOfDay) {
    const auto m = measure(4, d(2023, 5, 10));
    EXPECT_EQ(m.measured_to, d(2023, 5, 10));
    EXPECT_EQ(m.reviews_held, 2);
    EXPECT_EQ(m.children_all_on_time, 2);
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
