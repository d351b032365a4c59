// The prompts table through the host service a module holds: opening, updating by revision,
// the lean listing, the history kept back to a unit's end, and what happens when a write fails
// partway through a hook's unit of work.

#include "midpoint_prompts/prompt_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "clock/fixed_clock.hpp"
#include "services/module_prompts.hpp"
#include "support/store_fixture.hpp"

namespace iro::prompts {
namespace {

using testing::HasSubstr;

plugin::Date day(int y, unsigned m, unsigned d) {
    return plugin::Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

class PromptStoreTest : public test::MigratedStoreTest {
  protected:
    static plugin::PromptDraft draft(const std::string& key, plugin::Date due,
                                     std::string revision = "r1") {
        return {key,
                "C1",
                "midpoint_check",
                "iro",
                {"social_worker"},
                due,
                false,
                {{"title", "Mid-point check due"}},
                std::move(revision)};
    }

    clock::FixedClock clock{day(2020, 3, 16)};
    services::WriteUnit work{db};
    services::ModulePrompts prompts{db, work, "midpoint-prompts", clock, true};
};

TEST_F(PromptStoreTest, AWriteOutsideAUnitOfWorkIsItsOwnTransaction) {
    // The service opens one when the host has not (a module's start()).
    const auto opened = prompts.raise(draft("C1:a", day(2020, 4, 1)), day(2020, 3, 16));
    EXPECT_EQ(opened.state, plugin::PromptState::open);
    EXPECT_EQ(rows("SELECT count(*) FROM prompts"), std::vector<std::string>{"1"});
    // The store itself never writes half a change outside one.
    EXPECT_THROW(raise_prompt(db, "midpoint-prompts", draft("C1:b", day(2020, 4, 1)),
                              {"module:midpoint-prompts", day(2020, 3, 16), "t"}),
                 std::logic_error);
    EXPECT_EQ(rows("SELECT count(*) FROM prompts"), std::vector<std::string>{"1"});
}

TEST_F(PromptStoreTest, ARevisionAloneIsBookkeepingAndADueDayIsAChange) {
    prompts.raise(draft("C1:a", day(2020, 4, 1), "r1"), day(2020, 3, 16));
    const auto history = [&] { return rows("SELECT action FROM prompt_history ORDER BY seq"); };
    prompts.raise(draft("C1:a", day(2020, 4, 1), "r1"), day(2020, 3, 17));
    EXPECT_EQ(history(), std::vector<std::string>{"opened"});
    prompts.raise(draft("C1:a", day(2020, 4, 1), "r2"), day(2020, 3, 17));
    EXPECT_EQ(history(), std::vector<std::string>{"opened"}) << "the same words, a new digest";
    prompts.raise(draft("C1:a", day(2020, 4, 3), "r3"), day(2020, 3, 17));
    EXPECT_EQ(history(), (std::vector<std::string>{"opened", "updated"}));
    const auto open = prompts.open_prompts("C1");
    ASSERT_EQ(open.size(), 1U);
    EXPECT_EQ(open[0].key, "C1:a");
    EXPECT_EQ(open[0].revision, "r3");
    EXPECT_EQ(open[0].due_on, day(2020, 4, 3));
    EXPECT_EQ(open[0].opened_on, day(2020, 3, 16));
    EXPECT_EQ(open[0].kind, "midpoint_check");
}

TEST_F(PromptStoreTest, ClosingReturnsTheClosedPromptAndItStaysClosed) {
    prompts.raise(draft("C1:a", day(2020, 4, 1)), day(2020, 3, 16));
    const auto closed = prompts.close("C1:a", plugin::PromptState::done,
                                      {"note", "N1", day(2020, 3, 18), "seen", {}});
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->state, plugin::PromptState::done);
    EXPECT_EQ(closed->closure->by, "module:midpoint-prompts");
    EXPECT_EQ(find_prompt(db, closed->prompt_id)->closure->record_id, "N1");
    EXPECT_TRUE(prompts.open_prompts({}).empty());
    EXPECT_FALSE(prompts.close("C1:a", plugin::PromptState::done, {"note", "N2", {}, {}, {}}));
    EXPECT_EQ(prompts.raise(draft("C1:a", day(2020, 5, 1)), day(2020, 3, 19)).state,
              plugin::PromptState::done)
        << "a key is never reopened";
}

TEST_F(PromptStoreTest, AWriteThatFailsPartwayMarksTheUnitOfWorkForRollback) {
    // The history table is made unwritable, so an update's prompt row changes and its history
    // row does not: the unit of work is now half-done.
    prompts.raise(draft("C1:a", day(2020, 4, 1)), day(2020, 3, 16));
    db.exec(
        "DROP TRIGGER prompt_history_no_update; DROP TRIGGER prompt_history_no_delete;"
        "ALTER TABLE prompt_history RENAME TO prompt_history_gone;");
    {
        store::Savepoint unit(db);
        EXPECT_THROW(prompts.raise(draft("C1:a", day(2020, 4, 9)), day(2020, 3, 16)),
                     store::SqliteError);
        const auto failed = work.take_failed_write();
        ASSERT_TRUE(failed);
        EXPECT_THAT(*failed, HasSubstr("prompt_history"));
        EXPECT_FALSE(work.take_failed_write()) << "asked once per unit";
    }
    EXPECT_EQ(rows("SELECT due_on FROM prompts"), std::vector<std::string>{"2020-04-01"});
}

TEST_F(PromptStoreTest, OpenedHistoryKeptBackToTheUnitsEndFailsTheUnitThere) {
    db.exec(
        "DROP TRIGGER prompt_history_no_update; DROP TRIGGER prompt_history_no_delete;"
        "ALTER TABLE prompt_history RENAME TO prompt_history_gone;");
    {
        store::Savepoint unit(db);
        prompts.raise(draft("C1:a", day(2020, 4, 1)), day(2020, 3, 16));
        EXPECT_THROW(prompts.finish_unit(), store::SqliteError);
    }
    EXPECT_EQ(rows("SELECT count(*) FROM prompts"), std::vector<std::string>{"0"});
}

TEST_F(PromptStoreTest, HistoryKeptBackStillRecordsWhatHappenedInOrder) {
    {
        store::Savepoint unit(db);
        prompts.raise(draft("C1:a", day(2020, 4, 1)), day(2020, 3, 16));
        prompts.raise(draft("C1:b", day(2020, 4, 2)), day(2020, 3, 16));
        EXPECT_EQ(rows("SELECT count(*) FROM prompt_history"), std::vector<std::string>{"0"})
            << "kept back while prompts are opened";
        // Anything else done to a prompt writes what was kept back first.
        prompts.close("C1:a", plugin::PromptState::dismissed,
                      {"module", {}, day(2020, 3, 16), "no longer needed", {}});
        prompts.raise(draft("C1:c", day(2020, 4, 3)), day(2020, 3, 16));
        prompts.raise(draft("C1:b", day(2020, 4, 9)), day(2020, 3, 16));
        prompts.raise(draft("C1:d", day(2020, 4, 4)), day(2020, 3, 16));
        prompts.finish_unit();
        unit.commit();
    }
    EXPECT_EQ(rows("SELECT p.prompt_key || ' ' || h.action || ' ' || h.detail || ' ' || h.actor "
                   "|| ' ' || h.as_of FROM prompt_history h JOIN prompts p USING (prompt_id) "
                   "ORDER BY h.seq"),
              (std::vector<std::string>{
                  "C1:a opened due 2020-04-01 module:midpoint-prompts 2020-03-16",
                  "C1:b opened due 2020-04-02 module:midpoint-prompts 2020-03-16",
                  "C1:a dismissed module : no longer needed module:midpoint-prompts 2020-03-16",
                  "C1:c opened due 2020-04-03 module:midpoint-prompts 2020-03-16",
                  "C1:b updated due 2020-04-02 -> 2020-04-09 module:midpoint-prompts 2020-03-16",
                  "C1:d opened due 2020-04-04 module:midpoint-prompts 2020-03-16"}));
}

TEST_F(PromptStoreTest, AFailedUnitForgetsTheHistoryItKeptBack) {
    {
        store::Savepoint unit(db);
        prompts.raise(draft("C1:a", day(2020, 4, 1)), day(2020, 3, 16));
        prompts.abandon_unit();
    }
    {
        store::Savepoint unit(db);
        prompts.raise(draft("C1:b", day(2020, 4, 1)), day(2020, 3, 16));
        prompts.finish_unit();
        unit.commit();
    }
    EXPECT_EQ(rows("SELECT p.prompt_key FROM prompt_history h JOIN prompts p USING (prompt_id)"),
              std::vector<std::string>{"C1:b"});
}

TEST_F(PromptStoreTest, ARefusedDraftLeavesTheUnitOfWorkAsItWas) {
    store::Savepoint unit(db);
    auto no_audience = draft("C1:a", day(2020, 4, 1));
    no_audience.audience.clear();
    EXPECT_THROW(prompts.raise(no_audience, day(2020, 3, 16)), plugin::HostError);
    EXPECT_THROW(prompts.close("C1:a", plugin::PromptState::dismissed, {"module", {}, {}, {}, {}}),
                 plugin::HostError);
    EXPECT_FALSE(work.take_failed_write());
    prompts.raise(draft("C1:b", day(2020, 4, 1)), day(2020, 3, 16));
    unit.commit();
    EXPECT_EQ(rows("SELECT prompt_key FROM prompts"), std::vector<std::string>{"C1:b"});
}

}  // namespace
}  // namespace iro::prompts
