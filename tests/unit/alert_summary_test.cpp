// The alert summary's top issues are concerns only: exceptional practice carries themes of good
// practice, which must never rank among the issues a report lists as problems.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "calendar/working_day_calendar.hpp"
#include "quality_alerts/alert_measures.hpp"

namespace iro::reports {
namespace {

using namespace std::chrono;

plugin::AlertRecord alert(std::string kind, const std::string& category) {
    plugin::AlertRecord a;
    a.state.kind = std::move(kind);
    a.state.raised_on = 2017y / May / 2;
    a.state.categories.push_back({category, category, "Practice"});
    return a;
}

TEST(AlertSummary, TopIssuesLeaveExceptionalPracticeOut) {
    const std::vector<plugin::AlertRecord> alerts{
        alert("quality_issue", "care_plan"),         alert("quality_issue", "care_plan"),
        alert("exceptional_practice", "life_story"), alert("exceptional_practice", "life_story"),
        alert("exceptional_practice", "life_story"), alert("quality_issue", "visits")};
    const calendar::EnglandWalesCalendar calendar;
    const auto s = summarise_alerts(alerts, financial_periods(2017, false).back(), "", calendar);
    ASSERT_EQ(s.top_issues.size(), 2U);
    EXPECT_EQ(s.top_issues[0].name, "care_plan");
    EXPECT_EQ(s.top_issues[0].count, 2);
    EXPECT_EQ(s.top_issues[1].name, "visits");
    EXPECT_EQ(s.challenges, 3);
    EXPECT_EQ(s.raised, 6);
}

}  // namespace
}  // namespace iro::reports

namespace iro::reports {
namespace {

plugin::AlertEvent step(std::string action, plugin::Date on, std::string stage, std::string status,
                        std::optional<plugin::Date> due) {
    plugin::AlertEvent e;
    e.action = std::move(action);
    e.on = on;
    e.stage = std::move(stage);
    e.status = std::move(status);
    e.due_on = due;
    return e;
}

// Raised informally on 3 April 2017, taken to stage 1 on 2 May, to stage 2 on 5 June, resolved
// on 30 June: each day of the tracker sees it as it stood then, never as it is now.
plugin::AlertRecord dispute() {
    plugin::AlertRecord a;
    a.alert_id = "A1";
    a.state.kind = "quality_issue";
    a.state.raised_on = 2017y / April / 3;
    a.state.stage = "stage_2";
    a.state.stage_name = "Stage 2";
    a.state.level = 2;
    a.state.status = "resolved";
    a.state.closed = true;
    a.state.outcome = "resolved";
    a.state.closed_on = 2017y / June / 30;
    a.history = {step("raise", 2017y / April / 3, "informal", "open", 2017y / April / 18),
                 step("escalate", 2017y / May / 2, "stage_1", "open", 2017y / May / 16),
                 step("escalate", 2017y / June / 5, "stage_2", "open", 2017y / June / 19),
                 step("resolve", 2017y / June / 30, "stage_2", "resolved", std::nullopt)};
    return a;
}

TEST(FormalTracker, AsOfADayShowsTheDisputeAsItStoodThen) {
    // Another alert standing at stage 1 now names that stage's level and name.
    auto other = dispute();
    other.alert_id = "A2";
    other.state.stage = "stage_1";
    other.state.stage_name = "Stage 1";
    other.state.level = 1;
    other.state.raised_on = 2018y / January / 8;
    const std::vector<plugin::AlertRecord> alerts{dispute(), other};
    const calendar::EnglandWalesCalendar calendar;

    EXPECT_TRUE(formal_tracker(alerts, 2017y / April / 20, calendar).empty()) << "informal then";
    const auto may = formal_tracker(alerts, 2017y / May / 19, calendar);
    ASSERT_EQ(may.size(), 1U);
    EXPECT_EQ(may[0].alert.state.stage_name, "Stage 1");
    EXPECT_EQ(may[0].alert.state.level, 1);
    EXPECT_FALSE(may[0].alert.state.closed);
    EXPECT_EQ(may[0].at_stage_working_days, 13);  // 2 to 19 May 2017
    EXPECT_TRUE(may[0].overdue);                  // due 16 May
    EXPECT_EQ(may[0].alert.history.size(), 2U);
    EXPECT_EQ(formal_tracker(alerts, 2017y / June / 20, calendar).at(0).alert.state.stage_name,
              "Stage 2");
    EXPECT_TRUE(formal_tracker(alerts, 2017y / July / 3, calendar).empty()) << "resolved by then";
    EXPECT_FALSE(alert_as_of(dispute(), 2017y / March / 31, alerts).has_value());
}

}  // namespace
}  // namespace iro::reports
