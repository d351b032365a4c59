// The notes table and the oversight measure over it: versions, refusals, the note_recorded event
// in the same unit of work, and who counts as overseen in a quarter.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "oversight_notes/note_store.hpp"
#include "oversight_notes/oversight_measures.hpp"
#include "support/store_fixture.hpp"

namespace iro::notes {
namespace {

using testing::HasSubstr;

plugin::Date day(int y, unsigned m, unsigned d) {
    return plugin::Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

class NotesStoreTest : public test::MigratedStoreTest {
  protected:
    void SetUp() override {
        db.exec(
            "INSERT INTO children (child_id) VALUES ('C1'), ('C2'), ('C3');"
            "INSERT INTO episodes (child_id, start_date, end_date) VALUES "
            "('C1', '2018-01-01', NULL), ('C2', '2018-05-01', '2018-06-15'), "
            "('C3', '2019-01-10', NULL);");
    }

    plugin::NoteRecord note(const std::string& child, plugin::Date on,
                            std::optional<std::string> amends = std::nullopt,
                            std::string reason = {}) {
        return store_note(db, {"oversight-notes",
                               {child, "general", on, {{"text", "seen"}}},
                               "IRO1001",
                               "iro",
                               "2026-11-23T10:00:00Z",
                               std::move(amends),
                               std::move(reason)});
    }
};

TEST_F(NotesStoreTest, AmendmentsAreNewVersionsOfTheSameNote) {
    const auto first = note("C1", day(2018, 5, 2));
    const auto second = note("C1", day(2018, 5, 3), first.note_id, "date corrected");
    const auto third = note("C1", day(2018, 5, 4), first.note_id, "again");
    EXPECT_EQ(second.root_id, first.note_id);
    EXPECT_EQ(third.version, 3);
    const auto versions = note_versions(db, third.note_id);
    ASSERT_EQ(versions.size(), 3U);
    EXPECT_EQ(versions[0].reason, "");
    EXPECT_EQ(versions[1].reason, "date corrected");
    const auto latest = latest_notes(db, {"C1", {}});
    ASSERT_EQ(latest.size(), 1U);
    EXPECT_EQ(latest[0].note_id, third.note_id);
    // Each version queued its event, in the same unit of work as the note.
    EXPECT_EQ(rows("SELECT count(*) FROM case_events WHERE kind = 'note_recorded'"),
              std::vector<std::string>{"3"});
}

TEST_F(NotesStoreTest, RefusalsNameTheProblemAndStoreNothing) {
    const auto first = note("C1", day(2018, 5, 2));
    const auto refused = [&](auto&& attempt, const std::string& why) {
        try {
            attempt();
            ADD_FAILURE() << "not refused: " << why;
        } catch (const plugin::HostError& e) {
            EXPECT_THAT(e.what(), HasSubstr(why));
        }
    };
    refused([&] { note("C9", day(2018, 5, 2)); }, "child 'C9' is not in the case records");
    refused([&] { note("C1", day(2018, 5, 2), "99"); }, "there is no note 99");
    refused([&] { note("C2", day(2018, 5, 2), first.note_id, "x"); },
            "an amendment keeps its child and kind");
    refused([&] { note("C1", day(2018, 5, 2), first.note_id, ""); }, "give the reason");
    EXPECT_EQ(rows("SELECT count(*) FROM notes"), std::vector<std::string>{"1"});
    EXPECT_EQ(rows("SELECT count(*) FROM case_events"), std::vector<std::string>{"1"});
}

TEST_F(NotesStoreTest, OversightMeasureCountsChildrenLookedAfterWithANoteInTheQuarter) {
    note("C1", day(2018, 5, 2));
    note("C1", day(2018, 6, 1));
    note("C2", day(2018, 7, 1));  // after C2 left care: counts as a note, not as oversight of Q1
    const reports::ReportPeriod q1{"2018-19 Q1", day(2018, 4, 1), day(2018, 6, 30)};
    const auto m = reports::measure_oversight(db, q1);
    EXPECT_EQ(m.looked_after, 2);  // C1 and C2; C3 came later
    EXPECT_EQ(m.looked_after_with_oversight, 1);
    EXPECT_EQ(m.looked_after_throughout, 1);  // C2 entered and left within the quarter
    EXPECT_EQ(m.throughout_with_oversight, 1);
    EXPECT_EQ(m.notes, 2);
    EXPECT_EQ(m.notes_by_kind.at("general"), 2);
    const reports::ReportPeriod q2{"2018-19 Q2", day(2018, 7, 1), day(2018, 9, 30)};
    const auto later = reports::measure_oversight(db, q2);
    EXPECT_EQ(later.looked_after, 1);
    EXPECT_EQ(later.looked_after_with_oversight, 0);
    EXPECT_EQ(later.notes, 1);
}

}  // namespace
}  // namespace iro::notes
