// The quality-alerts module's taxonomy and settings, and the host's alert measures, worked by
// hand: label matching across the source's mixed dashes, configuration refused with the setting
// named, percentiles, ladder levels and the bulletin's week.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "alert_categories.hpp"
#include "alert_desk.hpp"
#include "alert_requests.hpp"
#include "alert_settings.hpp"
#include "calendar/working_day_calendar.hpp"
#include "quality_alerts/alert_measures.hpp"

namespace iro::quality_alerts {
namespace {

using testing::HasSubstr;

plugin::Date d(int y, unsigned m, unsigned day) {
    return plugin::Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(day)};
}

std::string refusal(const nlohmann::json& config) {
    try {
        settings_from(config);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "not refused";
}

TEST(AlertCategoriesTest, LabelsMatchWhateverDashesQuotesSpacesAndCaseTheyCome) {
    // York prints this option with a hyphen in 2015/16 and an en dash in 2014/15.
    EXPECT_EQ(normalised_label("Resources - inappropriate placement"),
              normalised_label("Resources – inappropriate placement"));
    EXPECT_EQ(normalised_label("Practice - Insufficient evidence of child’s voice"),
              normalised_label("practice -  insufficient evidence of child's voice "));
    const auto categories = default_categories();
    EXPECT_EQ(categories.size(), 29u);
    EXPECT_EQ(find_category(categories, "Resources – inappropriate placement")->code,
              "resources_placement");
    EXPECT_EQ(find_category(categories, "practice_pep")->label, "Practice – No/poor quality PEP");
    EXPECT_FALSE(find_category(categories, "Practice – No/poor quality"));
}

TEST(AlertCategoriesTest, TheDefaultTaxonomyKeepsYorksThreeGroupsInOrder) {
    int resources = 0;
    int care_planning = 0;
    int practice = 0;
    for (const auto& c : default_categories()) {
        resources += c.group == "Resources" ? 1 : 0;
        care_planning += c.group == "Care Planning" ? 1 : 0;
        practice += c.group == "Practice" ? 1 : 0;
    }
    EXPECT_EQ(resources, 5);
    EXPECT_EQ(care_planning, 6);
    EXPECT_EQ(practice, 12);
    EXPECT_EQ(default_categories().front().code, kNotApplicable);
}

TEST(AlertSettingsTest, ConfigurationIsRefusedNamingTheSetting) {
    EXPECT_EQ(refusal({{"categories",
                        {{{"code", "a"}, {"label", "A"}, {"group", ""}},
                         {{"code", "a"}, {"label", "B"}, {"group", ""}}}}}),
              "categories[1].code: 'a' is used twice");
    EXPECT_THAT(refusal({{"qaf_link", {{"stage_by_answer", {{"Yes", "stage_9"}}}}}}),
                HasSubstr("qaf_link.stage_by_answer: 'yes' names the stage 'stage_9'"));
    EXPECT_EQ(refusal({{"overdue_policy", "sometimes"}}),
              "overdue_policy: 'sometimes' is not manual, prompt or automatic");
}

TEST(AlertSettingsTest, AShortenedLadderKeepsOnlyTheQafAnswersItHasStagesFor) {
    const auto s = settings_from({{"ladder",
                                   {{{"id", "informal"},
                                     {"name", "Informal"},
                                     {"responder_role", "team_manager"},
                                     {"deadline_working_days", 5},
                                     {"formal", false}},
                                    {{"id", "stage_1"},
                                     {"name", "Level 1"},
                                     {"responder_role", "service_manager"},
                                     {"deadline_working_days", 10}}}}});
    EXPECT_EQ(s.qaf.stage_by_answer.size(), 2u);
    EXPECT_EQ(s.overdue_policy, OverduePolicy::prompt);
    EXPECT_EQ(s.copies, std::vector<std::string>{"senior_managers"});
    EXPECT_EQ(level_of(s.ladder, "informal"), 0);
    EXPECT_EQ(level_of(s.ladder, "stage_1"), 1);
}

TEST(AlertSettingsTest, LevelsCountOnlyFormalStages) {
    const auto ladder = default_ladder();
    EXPECT_EQ(level_of(ladder, "informal"), 0);
    EXPECT_EQ(level_of(ladder, "stage_1"), 1);
    EXPECT_EQ(level_of(ladder, "stage_4"), 4);
    EXPECT_EQ(level_of(ladder, "cafcass"), 5);
}

// Found by fuzzing the tracker import: a day the working-day calendar cannot count from failed
// the request as a host error when a deadline was counted, rather than naming the field.
TEST(AlertRequestsTest, ADayOutsideTheCalendarIsRefusedNamingTheField) {
    const calendar::EnglandWalesCalendar calendar;
    const auto settings = settings_from(nlohmann::json::object());
    const auto refused = [&](const auto& read) {
        try {
            read();
        } catch (const BadField& e) {
            return std::string(e.what());
        }
        return std::string("not refused");
    };
    const nlohmann::json raise = {{"child_id", "1001"},      {"kind", "quality_issue"},
                                  {"categories", {"other"}}, {"other_text", "x"},
                                  {"description", "x"},      {"on", "1309-04-22"}};
    EXPECT_THAT(refused([&] { draft_from(raise, settings, "IRO1", d(2024, 6, 30), calendar); }),
                HasSubstr("on: working-day calendar covers 1990-2060, not 1309-04-22"));
    EXPECT_THAT(refused([&] {
                    action_from(Action::extend, {{"new_due_on", "2999-01-01"}}, "IRO1",
                                d(2024, 6, 30), calendar);
                }),
                HasSubstr("new_due_on: working-day calendar covers 1990-2060, not 2999-01-01"));
    EXPECT_NO_THROW(action_from(Action::extend, {{"new_due_on", "2024-07-10"}}, "IRO1",
                                d(2024, 6, 30), calendar));
}

TEST(AlertMeasuresTest, PercentilesInterpolateBetweenClosestRanks) {
    EXPECT_FALSE(reports::percentile({}, 50));
    EXPECT_DOUBLE_EQ(*reports::percentile({7}, 90), 7.0);
    EXPECT_DOUBLE_EQ(*reports::percentile({10, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 50), 5.5);
    EXPECT_DOUBLE_EQ(*reports::percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90), 9.1);
}

TEST(AlertMeasuresTest, TheBulletinWeekRunsMondayToSundayWhicheverDayIsGiven) {
    for (const auto day : {d(2015, 3, 23), d(2015, 3, 25), d(2015, 3, 29)}) {
        const auto b = reports::weekly_bulletin({}, day);
        EXPECT_EQ(b.monday, d(2015, 3, 23));
        EXPECT_EQ(b.sunday, d(2015, 3, 29));
    }
}

}  // namespace
}  // namespace iro::quality_alerts
