// The midpoint-prompts plan on hand-worked windows. Working days counted by hand against gov.uk's
// bank holiday lists; each case says how.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "calendar/working_day_calendar.hpp"
#include "cycle_plan.hpp"
#include "prompt_reconcile.hpp"

namespace iro::midpoint_prompts {
namespace {

using plugin::Date;
using testing::HasSubstr;

Date d(int y, unsigned m, unsigned day) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

plugin::Review held(const std::string& id, Date day) {
    return plugin::Review{id, "C1", day, std::nullopt, "PN1", false};
}

plugin::NoteRecord note(const std::string& id, const std::string& kind, Date day,
                        nlohmann::json body = nlohmann::json::object()) {
    plugin::NoteRecord n;
    n.note_id = id;
    n.root_id = id;
    n.module_id = "oversight-notes";
    n.kind = kind;
    n.child_id = "C1";
    n.occurred_on = day;
    body["date"] = plugin::to_iso(day);
    n.body = std::move(body);
    return n;
}

class MidpointPlanTest : public testing::Test {
  protected:
    // Child C1, looked after (C2) from `entry`, with `reviews` held.
    plugin::CaseFile file(Date entry, std::vector<plugin::Review> reviews) const {
        plugin::CaseFile f;
        f.child = {"C1", "1", d(2010, 1, 1)};
        f.episodes = {{"C1", entry, std::nullopt, "S", "C2", "U1", ""}};
        f.reviews = std::move(reviews);
        return f;
    }

    ChildPlan plan(const plugin::CaseFile& f, Date as_of, bool qaf = true) const {
        return plan_child(f, settings, {calendar, calendar, true}, as_of, qaf);
    }

    static std::string key_of(const std::string& kind, const std::string& anchor) {
        return std::string("C1:").append(kind).append(":").append(anchor);
    }

    static const Obligation& find(const ChildPlan& p, const std::string& kind,
                                  const std::string& anchor) {
        const std::string key = key_of(kind, anchor);
        for (const auto& o : p.obligations) {
            if (o.kind == kind && o.key == key) {
                return o;
            }
        }
        throw std::runtime_error("no obligation " + key);
    }

    static bool has(const ChildPlan& p, const std::string& kind, const std::string& anchor) {
        const std::string key = key_of(kind, anchor);
        return std::any_of(p.obligations.begin(), p.obligations.end(),
                           [&](const auto& o) { return o.key == key; });
    }

    PromptSettings settings;
    calendar::EnglandWalesCalendar calendar;
};

TEST_F(MidpointPlanTest, FirstReviewMidpointWithinSixWeeksAndThePromptsAroundTheNextReview) {
    // Entry Mon 1 Apr 2019. First review held Mon 29 Apr 2019 (due 1 May: Good Friday 19 and
    // Easter Monday 22 April skipped). Second review due 3 months later: Mon 29 Jul 2019.
    const auto f = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    const auto p = plan(f, d(2019, 5, 23));
    ASSERT_FALSE(p.not_looked_after);
    // Halfway is 13 June (91 days / 2 = 45); six weeks after the review is Mon 10 June, sooner.
    // The prompt opens 10 working days before: 7, 6, 5, 4, 3 June, 31, 30, 29, 28 May, and
    // (Mon 27 May, spring bank holiday, skipped) Fri 24 May.
    const auto& mid = find(p, kMidpointCheck, "R1");
    EXPECT_EQ(mid.due_on, d(2019, 6, 10));
    EXPECT_EQ(mid.opens_on, d(2019, 5, 24));
    EXPECT_FALSE(mid.satisfied_by);
    EXPECT_EQ(body_of(mid, settings)["title"], "Mid-point check due");
    // Consultation 15 working days before 29 July (no July holidays): Mon 8 July.
    EXPECT_EQ(find(p, kConsultation, "R1").due_on, d(2019, 7, 8));
    // The social worker's report 3 working days before: Wed 24 July, addressed to them.
    const auto& report = find(p, kSwReport, "R1");
    EXPECT_EQ(report.due_on, d(2019, 7, 24));
    EXPECT_EQ(addressees_of(report.kind).audience, "social_worker");
    EXPECT_EQ(find(p, kReviewDue, "R1").due_on, d(2019, 7, 29));
    // The QAF within 24 hours of the first review.
    EXPECT_EQ(find(p, kQafOutstanding, "R1").due_on, d(2019, 4, 30));
    // The entry cycle's review prompt is met by the first review, held on time.
    const auto& first = find(p, kReviewDue, "entry-2019-04-01");
    ASSERT_TRUE(first.satisfied_by);
    EXPECT_EQ(first.satisfied_by->record_id, "R1");
    EXPECT_THAT(first.satisfied_by->reason(), HasSubstr("held on time"));
}

TEST_F(MidpointPlanTest, MidpointOnABankHolidayMovesToTheNextWorkingDay) {
    // Entry Mon 17 Jun 2019; first review Mon 15 Jul 2019 (the 20th working day). Six weeks later
    // is Mon 26 Aug 2019, the summer bank holiday: the check is due Tue 27 Aug. Ten working days
    // before it, skipping the 26th: Mon 12 Aug.
    const auto p = plan(file(d(2019, 6, 17), {held("R1", d(2019, 7, 15))}), d(2019, 8, 1));
    const auto& mid = find(p, kMidpointCheck, "R1");
    EXPECT_EQ(mid.due_on, d(2019, 8, 27));
    EXPECT_EQ(mid.opens_on, d(2019, 8, 12));
}

TEST_F(MidpointPlanTest, EachRagColourSetsItsOwnWindow) {
    // Second review Mon 4 Mar 2019 (the first on 1 Oct 2018); the next is due Wed 4 Sep 2019.
    auto f = file(d(2018, 9, 3), {held("R1", d(2018, 10, 1)), held("R2", d(2019, 3, 4))});
    const auto with_rag = [&](const std::string& rating, nlohmann::json extra) {
        auto g = f;
        extra["rating"] = rating;
        extra["rationale"] = "why";
        auto n = note("N1", "rag", d(2019, 3, 4), std::move(extra));
        g.notes.push_back(std::move(n));
        return find(plan(g, d(2019, 3, 5)), kMidpointCheck, "R2");
    };
    // Red: from the review, follow-up within 4 weeks (Mon 1 April), or by the IRO's own day.
    const auto red = with_rag("red", {});
    EXPECT_EQ(red.opens_on, d(2019, 3, 4));
    EXPECT_EQ(red.due_on, d(2019, 4, 1));
    EXPECT_EQ(body_of(red, settings)["rag"], "red");
    EXPECT_EQ(with_rag("red", {{"follow_up_by", "2019-03-25"}}).due_on, d(2019, 3, 25));
    // Amber: a check 5 to 8 weeks after the review: 8 April to 29 April.
    const auto amber = with_rag("amber", {});
    EXPECT_EQ(amber.opens_on, d(2019, 4, 8));
    EXPECT_EQ(amber.due_on, d(2019, 4, 29));
    // Green: a desktop mid-way review at the mid-point, halfway (184 days / 2 = 92): Tue 4 June;
    // open 10 working days before, skipping Mon 27 May: Mon 20 May.
    const auto green = with_rag("green", {});
    EXPECT_EQ(green.due_on, d(2019, 6, 4));
    EXPECT_EQ(green.opens_on, d(2019, 5, 20));
    EXPECT_EQ(body_of(green, settings)["title"], "Desktop mid-way review due");
    EXPECT_NE(revision_of(green, settings), revision_of(amber, settings));
    // Not rated: the same mid-point, called a mid-point check.
    EXPECT_EQ(find(plan(f, d(2019, 3, 5)), kMidpointCheck, "R2").due_on, d(2019, 6, 4));
}

TEST_F(MidpointPlanTest, EarlyReviewBringsTheNextReviewForwardAndStartsANewCycle) {
    // Later review Thu 10 Jan 2019: the next is due 10 Jul 2019 until the IRO asks for an early
    // review by Wed 20 Feb (significant change noted 1 Feb).
    auto f = file(d(2018, 6, 4), {held("R1", d(2018, 7, 2)), held("R2", d(2019, 1, 10))});
    EXPECT_EQ(find(plan(f, d(2019, 2, 5)), kReviewDue, "R2").due_on, d(2019, 7, 10));
    f.notes.push_back(note("N1", "significant_change", d(2019, 2, 1),
                           {{"early_review_needed", true}, {"early_review_by", "2019-02-20"}}));
    const auto before = plan(f, d(2019, 2, 5));
    EXPECT_EQ(find(before, kReviewDue, "R2").due_on, d(2019, 2, 20));
    // The early review is held Mon 18 Feb: it meets the review prompt, the old cycle's mid-point
    // lapses, and the new cycle runs 6 months from the day it was held.
    f.reviews.push_back(held("R3", d(2019, 2, 18)));
    const auto after = plan(f, d(2019, 2, 19));
    const auto& met = find(after, kReviewDue, "R2");
    ASSERT_TRUE(met.satisfied_by);
    EXPECT_EQ(met.satisfied_by->record_id, "R3");
    const auto& lapsed = find(after, kMidpointCheck, "R2");
    ASSERT_TRUE(lapsed.lapsed_by);
    EXPECT_EQ(lapsed.lapsed_by->record_id, "R3");
    EXPECT_EQ(find(after, kReviewDue, "R3").due_on, d(2019, 8, 18));
    EXPECT_FALSE(has(after, kReviewDue, "R1")) << "only the current cycle and the one before";
}

TEST_F(MidpointPlanTest, EachKindOfRecordClosesItsObligation) {
    auto f = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    f.notes.push_back(note("M1", "midpoint", d(2019, 6, 5)));
    f.notes.push_back(note("C1", "consultation", d(2019, 7, 1)));
    plugin::ResponseRecord qaf;
    qaf.response_id = "Q1";
    qaf.module_id = "qaf";
    qaf.questionnaire = "york-qaf";
    qaf.child_id = "C1";
    qaf.review_id = "R1";
    qaf.completed_on = d(2019, 4, 30);
    f.responses.push_back(qaf);
    const auto p = plan(f, d(2019, 7, 10));
    EXPECT_EQ(find(p, kMidpointCheck, "R1").satisfied_by->record_id, "M1");
    EXPECT_EQ(find(p, kConsultation, "R1").satisfied_by->record_id, "C1");
    EXPECT_EQ(find(p, kQafOutstanding, "R1").satisfied_by->record_type, "response");
    // Any oversight note in the quarter (Q2 of 2019-20 runs July to September) meets its prompt.
    EXPECT_EQ(find(p, kOversightQuarter, "2019-20Q2").satisfied_by->record_id, "C1");
    // A record dated after the "as of" day is not seen yet.
    EXPECT_FALSE(find(plan(f, d(2019, 6, 4)), kMidpointCheck, "R1").satisfied_by);
    // A note from another module does not count.
    auto other = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    other.notes.push_back(note("M2", "midpoint", d(2019, 6, 5)));
    other.notes.back().module_id = "someone-else";
    EXPECT_FALSE(find(plan(other, d(2019, 7, 10)), kMidpointCheck, "R1").satisfied_by);
}

TEST_F(MidpointPlanTest, NoQafPromptWhileTheQafModuleIsNotEnabled) {
    const auto f = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    EXPECT_TRUE(has(plan(f, d(2019, 5, 1), true), kQafOutstanding, "R1"));
    EXPECT_FALSE(has(plan(f, d(2019, 5, 1), false), kQafOutstanding, "R1"));
}

TEST_F(MidpointPlanTest, LeavingCareOrShortBreaksOnlyCloseEverything) {
    auto f = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    f.episodes[0].end = d(2019, 6, 1);
    f.episodes[0].reason_ceased = "E11";
    const auto p = plan(f, d(2019, 6, 3));
    ASSERT_TRUE(p.not_looked_after);
    EXPECT_THAT(p.not_looked_after->reason(), HasSubstr("left care on 2019-06-01"));
    EXPECT_TRUE(p.obligations.empty());
    // Short breaks alone: reviewed under reg. 48 (first within 3 months of the first break)
    // unless the council turns that off.
    auto breaks = file(d(2019, 4, 1), {});
    breaks.episodes[0].legal_status = "V3";
    const auto reviewed = plan(breaks, d(2019, 5, 1));
    EXPECT_FALSE(reviewed.not_looked_after);
    EXPECT_EQ(find(reviewed, kReviewDue, "entry-2019-04-01").due_on, d(2019, 7, 1));
    const auto off = plan_child(breaks, settings, {calendar, calendar, false}, d(2019, 5, 1), true);
    ASSERT_TRUE(off.not_looked_after);
    EXPECT_THAT(off.not_looked_after->reason(), HasSubstr("short-break"));
}

TEST_F(MidpointPlanTest, AnUnknownStartPromptsFromTheFirstReviewHeld) {
    // The first episode held is a placement move: when the child entered care is not known.
    auto f = file(d(2019, 4, 1), {});
    f.episodes[0].reason_new_episode = "P";
    const auto nothing_timed = plan(f, d(2019, 5, 1));
    EXPECT_FALSE(has(nothing_timed, kReviewDue, "entry-2019-04-01"))
        << "no entry cycle: its due date is not known";
    f.reviews = {held("R1", d(2019, 6, 3))};
    const auto after = plan(f, d(2019, 6, 10));
    EXPECT_EQ(find(after, kReviewDue, "R1").due_on, d(2019, 12, 3)) << "6 months: no assumption";
    EXPECT_TRUE(has(after, kMidpointCheck, "R1"));
}

TEST(QuarterLabel, FinancialQuartersStartInApril) {
    EXPECT_EQ(quarter_label(d(2019, 4, 1)), "2019-20Q1");
    EXPECT_EQ(quarter_label(d(2019, 12, 31)), "2019-20Q3");
    EXPECT_EQ(quarter_label(d(2020, 3, 31)), "2019-20Q4");
    EXPECT_EQ(quarter_label(d(2009, 5, 1)), "2009-10Q1");
}

TEST_F(MidpointPlanTest, TheRevisionChangesWithWhatThePromptSays) {
    const auto f = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    const auto p = plan(f, d(2019, 5, 23));
    const auto& consult = find(p, kConsultation, "R1");
    EXPECT_EQ(revision_of(consult, settings),
              revision_of(find(plan(f, d(2019, 5, 24)), kConsultation, "R1"), settings))
        << "another day, the same words";
    EXPECT_EQ(revision_of(consult, settings).size(), 16U);
    // The detail names the configured notice, so another notice is another revision.
    PromptSettings longer = settings;
    longer.consultation_working_days_before = 20;
    EXPECT_NE(revision_of(consult, settings), revision_of(consult, longer));
    // Each kind says something else.
    EXPECT_NE(revision_of(consult, settings), revision_of(find(p, kSwReport, "R1"), settings));
    // The draft carries the body and its revision together.
    const auto draft = draft_of("C1", consult, settings, d(2019, 5, 23));
    EXPECT_EQ(draft.revision, revision_of(consult, settings));
    EXPECT_EQ(draft.body["review_id"], "R1");
    EXPECT_EQ(draft.visible_to, (std::vector<std::string>{"social_worker", "team_manager"}));
}

// Prompts kept in memory, counting writes: reconciling the same plan twice writes nothing.
class MemoryPrompts final : public plugin::Prompts {
  public:
    plugin::PromptRecord raise(const plugin::PromptDraft& draft, Date day) override {
        ++writes;
        auto& p = stored[draft.key];
        if (p.key.empty()) {
            p.opened_on = day;
        }
        p.key = draft.key;
        p.child_id = draft.child_id;
        p.kind = draft.kind;
        p.audience = draft.audience;
        p.visible_to = draft.visible_to;
        p.due_on = draft.due_on;
        p.overdue = draft.overdue;
        p.body = draft.body;
        p.revision = draft.revision;
        return p;
    }
    std::optional<Date> go_live() const override { return std::nullopt; }
    std::optional<plugin::PromptRecord> close(std::string_view key, plugin::PromptState outcome,
                                              const plugin::PromptClosure& closure) override {
        auto it = stored.find(std::string(key));
        if (it == stored.end() || it->second.closure) {
            return std::nullopt;
        }
        ++writes;
        it->second.state = outcome;
        it->second.closure = closure;
        return it->second;
    }
    std::vector<plugin::OpenPrompt> open_prompts(std::string_view) const override {
        std::vector<plugin::OpenPrompt> out;
        for (const auto& [key, p] : stored) {
            if (!p.closure) {
                out.push_back({p.prompt_id, p.key, p.child_id, p.kind, p.due_on, p.overdue,
                               p.opened_on, p.state, p.revision});
            }
        }
        return out;
    }
    std::map<std::string, plugin::PromptRecord> stored;
    int writes = 0;
};

TEST_F(MidpointPlanTest, ReconcilingTheSameDayTwiceWritesNothing) {
    const auto f = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    MemoryPrompts prompts;
    const auto reconcile_on = [&](const plugin::CaseFile& file, Date day, bool qaf, Tally& t) {
        reconcile("C1", plan(file, day, qaf), prompts.open_prompts({}),
                  {day, settings, qaf, prompts, std::nullopt}, t);
    };
    Tally tally;
    const Date day = d(2019, 6, 12);
    reconcile_on(f, day, true, tally);
    EXPECT_GT(tally.opened, 0);
    const int writes = prompts.writes;
    Tally again;
    reconcile_on(f, day, true, again);
    EXPECT_EQ(prompts.writes, writes);
    EXPECT_EQ(again.opened + again.updated + again.done + again.dismissed, 0);
    // The mid-point (due 10 June) is overdue on the 12th; the QAF (due 30 April) too.
    EXPECT_TRUE(prompts.stored.at("C1:midpoint_check:R1").overdue);
    // A prompt that says something else now (here: worded before a change of settings) is
    // brought up to date, and only that one.
    prompts.stored.at("C1:qaf_outstanding:R1").revision = "0000000000000000";
    Tally reworded;
    reconcile_on(f, day, true, reworded);
    EXPECT_EQ(reworded.updated, 1);
    EXPECT_EQ(prompts.writes, writes + 1);
    // A mid-point note arrives: the prompt closes as done, with the note.
    auto g = f;
    g.notes.push_back(note("M1", "midpoint", d(2019, 6, 13)));
    Tally closing;
    reconcile_on(g, d(2019, 6, 13), true, closing);
    const auto& closed = prompts.stored.at("C1:midpoint_check:R1");
    EXPECT_EQ(closed.state, plugin::PromptState::done);
    EXPECT_EQ(closed.closure->record_id, "M1");
    EXPECT_EQ(closed.closure->reason, "mid-point check recorded on 2019-06-13");
    // Switching the QAF module off withdraws its prompt with the reason.
    Tally off;
    reconcile_on(g, d(2019, 6, 13), false, off);
    const auto& qaf = prompts.stored.at("C1:qaf_outstanding:R1");
    EXPECT_EQ(qaf.state, plugin::PromptState::dismissed);
    EXPECT_EQ(qaf.closure->reason, "the QAF module is not enabled");
}

TEST_F(MidpointPlanTest, AnEvaluationAsOfAnEarlierDayLeavesWhatALaterOneOpened) {
    // As of 12 June the second cycle's prompts are open; an evaluation as of 1 May (an event
    // entered late) neither plans nor withdraws them.
    const auto f = file(d(2019, 4, 1), {held("R1", d(2019, 4, 29))});
    MemoryPrompts prompts;
    Tally later;
    reconcile("C1", plan(f, d(2019, 6, 12)), prompts.open_prompts({}),
              {d(2019, 6, 12), settings, true, prompts, std::nullopt}, later);
    const auto before = prompts.stored;
    auto earlier_file = f;
    earlier_file.reviews.clear();
    Tally earlier;
    reconcile("C1", plan(earlier_file, d(2019, 4, 20)), prompts.open_prompts({}),
              {d(2019, 4, 20), settings, true, prompts, std::nullopt}, earlier);
    EXPECT_EQ(earlier.dismissed, 0);
    EXPECT_FALSE(prompts.stored.at("C1:midpoint_check:R1").closure);
}

}  // namespace
}  // namespace iro::midpoint_prompts
