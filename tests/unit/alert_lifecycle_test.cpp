// The dispute ladder and an alert's transitions, as of hand-checked days (gov.uk's bank holiday
// lists: Easter 29 March and 1 April 2024; Christmas 2019 and New Year 2020).

#include "alert_lifecycle.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "alert_ladder.hpp"
#include "calendar/working_day_calendar.hpp"

namespace iro::quality_alerts {
namespace {

using plugin::Date;
using testing::HasSubstr;

Date d(int y, unsigned m, unsigned day) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

class AlertLifecycleTest : public testing::Test {
  protected:
    Alert raised(Date on, AlertKind kind = AlertKind::quality_issue, std::string stage = {}) const {
        return raise_alert({"C1",
                            kind,
                            "IRO1",
                            on,
                            {"Decisions of review not acted on"},
                            "The review's decisions have not been acted on",
                            "SW9",
                            {"senior_managers"},
                            std::move(stage)},
                           ladder, calendar);
    }
    Alert act(const Alert& a, Action action, Date on, std::string comment = {},
              std::string outcome = {}) const {
        return apply(a, {action, "TM1", on, std::move(comment), std::move(outcome), {}, {}}, ladder,
                     calendar);
    }
    // The refusal's message; a test failure when the action was allowed.
    std::string refusal(const Alert& a, const ActionRequest& r) const {
        try {
            apply(a, r, ladder, calendar);
        } catch (const TransitionRefused& e) {
            return e.what();
        }
        ADD_FAILURE() << "not refused";
        return {};
    }

    Ladder ladder = default_ladder();
    calendar::EnglandWalesCalendar calendar;
};

TEST(AlertLadder, DefaultRunsFromInformalToCafcass) {
    const Ladder l = default_ladder();
    ASSERT_EQ(l.stages.size(), 6U);
    EXPECT_EQ(l.stages.front().id, "informal");
    EXPECT_FALSE(l.stages.front().formal);
    EXPECT_EQ(l.stages[1].name, "Stage 1 Formal Dispute Resolution");
    EXPECT_EQ(l.stages.back().name, "Referral to CAFCASS");
    EXPECT_EQ(l.stages.back().deadline_working_days, 0);
    EXPECT_EQ(l.index_of("stage_3"), 3);
    EXPECT_EQ(l.index_of("stage_9"), -1);
}

TEST(AlertLadder, ACouncilRenamesShortensAndRetimesIt) {
    // Cheshire East: informal, Level 1, Stage 2 (Head of Service), Stage 3 (Director).
    const Ladder l = ladder_from(nlohmann::json::parse(R"({"ladder": [
        {"id": "informal", "name": "Informal", "responder_role": "team_manager",
         "deadline_working_days": 5},
        {"id": "level_1", "name": "Level 1", "responder_role": "team_manager",
         "deadline_working_days": 10},
        {"id": "stage_2", "name": "Stage 2", "responder_role": "head_of_service",
         "deadline_working_days": 10},
        {"id": "stage_3", "name": "Stage 3", "responder_role": "director"}]})"));
    ASSERT_EQ(l.stages.size(), 4U);
    EXPECT_FALSE(l.stages[0].formal);
    EXPECT_TRUE(l.stages[1].formal);
    EXPECT_EQ(l.stages[0].deadline_working_days, 5);
    EXPECT_EQ(l.stages[3].deadline_working_days, 0);
    EXPECT_EQ(ladder_from(nlohmann::json::object()).stages.size(), 6U) << "absent: the default";
}

TEST(AlertLadder, AMalformedStageIsRefusedByPlaceAndField) {
    const auto why = [](const char* text) {
        try {
            ladder_from(nlohmann::json::parse(text));
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(why(R"({"ladder": []})"), "ladder: must be a non-empty array of stages");
    EXPECT_EQ(why(R"({"ladder": [{"id": "a", "name": "A"}]})"),
              "ladder[0].responder_role: must be a non-empty string");
    EXPECT_THAT(why(R"({"ladder": [{"id": "a", "name": "A", "responder_role": "r"},
                                   {"id": "a", "name": "B", "responder_role": "r"}]})"),
                HasSubstr("ladder[1].id: 'a' is used twice"));
    EXPECT_THAT(why(R"({"ladder": [{"id": "a", "name": "A", "responder_role": "r",
                                    "deadline_working_days": -1}]})"),
                HasSubstr("ladder[0].deadline_working_days"));
}

TEST_F(AlertLifecycleTest, DeadlinesCountWorkingDaysAcrossWeekendsAndBankHolidays) {
    // Thu 28 Mar 2024 + 10 working days, skipping Good Friday, the weekend and Easter Monday:
    // 2, 3, 4, 5, 8, 9, 10, 11, 12, 15 April.
    EXPECT_EQ(raised(d(2024, 3, 28)).due_on, d(2024, 4, 15));
    // Fri 20 Dec 2019 + 10: 23, 24, 27, 30, 31 December, 2, 3, 6, 7, 8 January.
    EXPECT_EQ(raised(d(2019, 12, 20)).due_on, d(2020, 1, 8));
    // Raised straight at Stage 1 (a QAF answer): its own deadline, the same here.
    const auto formal = raised(d(2024, 3, 28), AlertKind::quality_issue, "stage_1");
    EXPECT_EQ(formal.stage, "stage_1");
    EXPECT_EQ(formal.due_on, d(2024, 4, 15));
}

TEST_F(AlertLifecycleTest, RaiseAcknowledgeRespondResolveKeepsTheWholeHistory) {
    auto a = raised(d(2024, 3, 28));
    EXPECT_EQ(a.status, AlertStatus::open);
    a = act(a, Action::acknowledge, d(2024, 4, 2));
    EXPECT_EQ(a.status, AlertStatus::acknowledged);
    a = act(a, Action::respond, d(2024, 4, 9), "Plan updated; actions allocated");
    EXPECT_EQ(a.status, AlertStatus::responded);
    a = act(a, Action::resolve, d(2024, 4, 10), "Actions seen on file", "resolved");
    EXPECT_EQ(a.status, AlertStatus::resolved);
    EXPECT_EQ(a.outcome, "resolved");
    EXPECT_FALSE(a.due_on);
    EXPECT_TRUE(is_closed(a));
    ASSERT_EQ(a.history.size(), 4U);
    EXPECT_EQ(a.history[0].action, Action::raise);
    EXPECT_EQ(a.history[0].actor, "IRO1");
    EXPECT_EQ(a.history[2].comment, "Plan updated; actions allocated");
    EXPECT_EQ(a.history[3].status, AlertStatus::resolved);
}

TEST_F(AlertLifecycleTest, EscalationMovesUpTheLadderWithTheNewStagesDeadline) {
    auto a = act(raised(d(2024, 3, 28)), Action::escalate, d(2024, 4, 15), "No response");
    EXPECT_EQ(a.stage, "stage_1");
    EXPECT_EQ(a.status, AlertStatus::open);
    EXPECT_TRUE(a.responder.empty()) << "the new stage's role responds";
    // Mon 15 Apr + 10 working days: Mon 29 Apr.
    EXPECT_EQ(a.due_on, d(2024, 4, 29));
    // Skipping to Stage 3 needs the reason, and Stage 3 allows 15 working days.
    ActionRequest skip{Action::escalate, "IRO1", d(2024, 4, 30), {}, {}, std::nullopt, "stage_3"};
    EXPECT_THAT(refusal(a, skip), HasSubstr("skipping a stage needs the reason"));
    skip.comment = "Placement at risk: straight to the head of service";
    a = apply(a, skip, ladder, calendar);
    EXPECT_EQ(a.stage, "stage_3");
    EXPECT_EQ(a.due_on, d(2024, 5, 22));  // 15 working days, skipping the 6 May bank holiday
    skip.to_stage = "stage_1";
    EXPECT_THAT(refusal(a, skip), HasSubstr("'stage_1' is not a later stage"));
}

TEST_F(AlertLifecycleTest, EveryIllegalTransitionIsRefusedWithItsReason) {
    const auto a = raised(d(2024, 3, 28));
    const auto req = [](Action action, std::string comment = {}, std::string outcome = {}) {
        return ActionRequest{
            action, "TM1", d(2024, 4, 2), std::move(comment), std::move(outcome), std::nullopt, {}};
    };
    EXPECT_THAT(refusal(a, req(Action::raise)), HasSubstr("it has been raised already"));
    EXPECT_THAT(refusal(a, req(Action::respond)), HasSubstr("a response needs its text"));
    EXPECT_THAT(refusal(a, req(Action::resolve, "done")), HasSubstr("needs the outcome"));
    EXPECT_THAT(refusal(a, req(Action::withdraw)), HasSubstr("withdrawing needs the reason"));
    EXPECT_THAT(refusal(a, req(Action::extend, "leave")), HasSubstr("needs the new day"));
    auto later = req(Action::extend, "leave");
    later.new_due_on = d(2024, 4, 12);
    EXPECT_THAT(refusal(a, later), HasSubstr("later than 2024-04-15"));
    later.new_due_on = d(2024, 4, 22);
    later.comment.clear();
    EXPECT_THAT(refusal(a, later), HasSubstr("extending needs the reason"));
    auto nobody = req(Action::acknowledge);
    nobody.actor.clear();
    EXPECT_THAT(refusal(a, nobody), HasSubstr("names no one"));
    auto earlier = req(Action::acknowledge);
    earlier.on = d(2024, 3, 27);
    EXPECT_THAT(refusal(a, earlier), HasSubstr("last change was on a later day"));
    const auto acknowledged = act(a, Action::acknowledge, d(2024, 4, 2));
    EXPECT_THAT(refusal(acknowledged, req(Action::acknowledge)),
                HasSubstr("only an open alert is acknowledged"));
    const auto responded = act(acknowledged, Action::respond, d(2024, 4, 2), "Done");
    EXPECT_THAT(refusal(responded, req(Action::respond, "again")),
                HasSubstr("responded to already"));
    const auto withdrawn = act(a, Action::withdraw, d(2024, 4, 2), "Raised on the wrong child");
    EXPECT_THAT(refusal(withdrawn, req(Action::acknowledge)),
                HasSubstr("it is withdrawn and stays so"));
    const auto at_cafcass = raised(d(2024, 3, 28), AlertKind::quality_issue, "cafcass");
    EXPECT_FALSE(at_cafcass.due_on) << "a referral to Cafcass leaves the council's timescales";
    EXPECT_THAT(refusal(at_cafcass, req(Action::escalate)), HasSubstr("at the last stage"));
    // A deadline extended with its reason.
    auto extend = req(Action::extend, "Social worker on leave");
    extend.new_due_on = d(2024, 4, 22);
    EXPECT_EQ(apply(a, extend, ladder, calendar).due_on, d(2024, 4, 22));
}

TEST_F(AlertLifecycleTest, RaisingNeedsAChildAnAuthorAndWhatItIsAbout) {
    const auto why = [&](const AlertDraft& draft) {
        try {
            raise_alert(draft, ladder, calendar);
        } catch (const TransitionRefused& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    AlertDraft ok{"C1", AlertKind::quality_issue, "IRO1", d(2024, 3, 28), {}, "x", {}, {}, {}};
    EXPECT_EQ(why(ok), "accepted");
    auto no_child = ok;
    no_child.child_id.clear();
    EXPECT_THAT(why(no_child), HasSubstr("names no child"));
    auto no_text = ok;
    no_text.description.clear();
    EXPECT_THAT(why(no_text), HasSubstr("does not say what it is about"));
    auto unknown = ok;
    unknown.stage = "stage_9";
    EXPECT_THAT(why(unknown), HasSubstr("there is no stage 'stage_9'"));
    auto praise = ok;
    praise.kind = AlertKind::exceptional_practice;
    praise.stage = "stage_1";
    EXPECT_THAT(why(praise), HasSubstr("it has no stage"));
}

TEST_F(AlertLifecycleTest, ExceptionalPracticeIsRaisedThenAcknowledged) {
    const auto a = raised(d(2024, 3, 28), AlertKind::exceptional_practice);
    EXPECT_TRUE(a.stage.empty());
    EXPECT_FALSE(a.due_on);
    EXPECT_THAT(refusal(a, {Action::escalate, "IRO1", d(2024, 4, 2), "x", {}, std::nullopt, {}}),
                HasSubstr("only acknowledged"));
    EXPECT_THAT(refusal(a, {Action::respond, "IRO1", d(2024, 4, 2), "x", {}, std::nullopt, {}}),
                HasSubstr("only acknowledged"));
    const auto done = act(a, Action::acknowledge, d(2024, 4, 2));
    EXPECT_TRUE(is_closed(done));
}

TEST_F(AlertLifecycleTest, AnUnresolvedDeadlineEscalatesAutomaticallyAsOfTheDayAfter) {
    const auto a = raised(d(2024, 3, 28));  // due Mon 15 April
    EXPECT_FALSE(overdue_escalation(a, ladder, d(2024, 4, 15))) << "due today is not late";
    const auto request = overdue_escalation(a, ladder, d(2024, 4, 16));
    ASSERT_TRUE(request);
    EXPECT_EQ(request->actor, "module:quality-alerts");
    EXPECT_EQ(request->comment, "deadline 2024-04-15 passed unresolved");
    const auto escalated = apply(a, *request, ladder, calendar);
    EXPECT_EQ(escalated.stage, "stage_1");
    EXPECT_EQ(escalated.due_on, d(2024, 4, 30));  // Tue 16 April + 10 working days
    // Responded but not resolved still counts as unresolved; resolved does not.
    const auto responded = act(a, Action::respond, d(2024, 4, 10), "Working on it");
    EXPECT_TRUE(overdue_escalation(responded, ladder, d(2024, 4, 16)));
    EXPECT_FALSE(overdue_escalation(act(responded, Action::resolve, d(2024, 4, 11), {}, "resolved"),
                                    ladder, d(2024, 4, 16)));
    EXPECT_FALSE(overdue_escalation(raised(d(2024, 3, 28), AlertKind::quality_issue, "cafcass"),
                                    ladder, d(2025, 1, 1)));
}

}  // namespace
}  // namespace iro::quality_alerts
