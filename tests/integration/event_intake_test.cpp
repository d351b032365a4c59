// Event intake against a real SQLite file: schema checks with their line, all-or-nothing batches,
// the case records each kind changes, derived events, and idempotence by event id.

#include "intake/event_intake.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "store/migrations.hpp"
#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

namespace iro::intake {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

const plugin::Date kToday{std::chrono::year{2024} / 6 / 30};

std::string event(const std::string& id, const std::string& kind, const std::string& child,
                  const std::string& day, const std::string& data) {
    return R"({"event_id":")" + id + R"(","kind":")" + kind + R"(","child_id":")" + child +
           R"(","occurred_on":")" + day + R"(","data":)" + data + "}\n";
}

// Child C1 from entering care to leaving it, one event of every kind.
std::string history() {
    return event(
               "e1", "entered_care", "C1", "2024-01-05",
               R"({"legal_status":"C2","placement":"U1","date_of_birth":"2014-05-01","sex":"1"})") +
           event("e2", "allocation_changed", "C1", "2024-01-05",
                 R"({"role":"iro","worker_id":"W10","team_id":"IRO Service"})") +
           event("e3", "review_held", "C1", "2024-01-30",
                 R"({"review_id":"R1","participation":"PN1","rag":"green"})") +
           event("e4", "episode_changed", "C1", "2024-03-01",
                 R"({"reason_new_episode":"T","legal_status":"C1","placement":"U3"})") +
           event("e5", "allocation_changed", "C1", "2024-04-01",
                 R"({"role":"iro","worker_id":"W11"})") +
           event("e6", "significant_change", "C1", "2024-04-02",
                 R"({"description":"Placement at risk of breakdown"})") +
           event("e7", "left_care", "C1", "2024-06-01", R"({"reason_ceased":"E4A"})");
}

class EventIntakeTest : public test::MigratedStoreTest {
  protected:
    IntakeSummary ingest(const std::string& lines) {
        std::istringstream in(lines);
        return ingest_events(db, in, "batch.jsonl", {"cms", "2024-06-30T10:00:00Z"}, kToday);
    }

    std::vector<std::string> refused(const std::string& lines) {
        std::vector<std::string> out;
        for (const auto& p : refusal([&] { ingest(lines); })) {
            out.push_back(importers::format_issue(p));
        }
        return out;
    }

    std::string fingerprint() {
        return test::table_counts(
            db, {"children", "episodes", "reviews", "allocations", "workers", "case_events"});
    }
};

TEST_F(EventIntakeTest, EachKindUpdatesTheCaseRecordsAndIsQueued) {
    const auto s = ingest(history());
    EXPECT_EQ(s.record.tables.at("events").added, 7);
    EXPECT_EQ(s.replayed, 0);
    EXPECT_THAT(
        rows("SELECT start_date, end_date, reason_new_episode, legal_status, placement, "
             "reason_ceased FROM episodes ORDER BY start_date",
             6),
        ElementsAre("2024-01-05|2024-03-01|S|C2|U1|X1", "2024-03-01|2024-06-01|T|C1|U3|E4A"));
    EXPECT_THAT(rows("SELECT review_id, held_on, participation FROM reviews", 3),
                ElementsAre("event:R1|2024-01-30|PN1"));
    EXPECT_THAT(rows("SELECT worker_id, role, team_id, start_date, end_date FROM allocations "
                     "ORDER BY start_date",
                     5),
                ElementsAre("W10|iro|IRO Service|2024-01-05|2024-04-01", "W11|iro||2024-04-01|-"));
    EXPECT_THAT(
        rows("SELECT event_id, kind, occurred_on, source FROM case_events ORDER BY seq", 4),
        ElementsAre("e1|entered_care|2024-01-05|intake", "e2|allocation_changed|2024-01-05|intake",
                    "e3|review_held|2024-01-30|intake",
                    "e4/legal_status_changed|legal_status_changed|2024-03-01|intake",
                    "e4/placement_changed|placement_changed|2024-03-01|intake",
                    "e4|episode_changed|2024-03-01|intake",
                    "e5|allocation_changed|2024-04-01|intake",
                    "e6|significant_change|2024-04-02|intake", "e7|left_care|2024-06-01|intake"));
}

TEST_F(EventIntakeTest, ReplayedEventsAreAcknowledgedAndIgnored) {
    ingest(history());
    const std::string before = fingerprint();
    const auto again = ingest(history());
    EXPECT_EQ(again.replayed, 7);
    EXPECT_EQ(again.record.tables.at("events").added, 0);
    EXPECT_EQ(fingerprint(), before);

    // A replay inside a new batch is ignored while the rest applies.
    const auto mixed = ingest(event("e3", "review_held", "C1", "2024-01-30",
                                    R"({"review_id":"R1","participation":"PN1","rag":"green"})") +
                              event("e8", "entered_care", "C1", "2024-06-10",
                                    R"({"legal_status":"V2","placement":"U1"})"));
    EXPECT_EQ(mixed.replayed, 1);
    EXPECT_EQ(mixed.record.tables.at("events").added, 1);
}

TEST_F(EventIntakeTest, MalformedLinesAreAllReportedWithTheirLineAndNothingIsApplied) {
    ingest(history().substr(0, history().find('\n') + 1));  // C1 in care
    const std::string before = fingerprint();
    EXPECT_THAT(
        refused(
            event("n1", "review_held", "C1", "2024-05-01",
                  R"({"review_id":"R2","participation":"PN1"})") +  // fine on its own
            "not json\n" +
            R"({"event_id":"n2","kind":"adopted","child_id":"C1","occurred_on":"2024-05-01","data":{}})"
            "\n" +
            event("n3", "review_held", "C1", "2024-05-01", R"({"review_id":"R3"})") +
            event("n4", "review_held", "C1", "2024-02-30",
                  R"({"review_id":"R4","participation":"PN2"})") +
            event("n5", "review_held", "C1", "2024-07-01",
                  R"({"review_id":"R5","participation":"PN2"})") +
            event("n6", "entered_care", "C9", "2024-05-01",
                  R"({"legal_status":"Z9","placement":"U1"})") +
            "\n"),
        ElementsAre(HasSubstr("batch.jsonl:2:2: json: not a JSON object"),
                    HasSubstr("batch.jsonl:3:1: schema: event: /kind: "),
                    HasSubstr("batch.jsonl:4:1: schema: review_held data: "),
                    "batch.jsonl:5:1: date: occurred_on 2024-02-30 is not a day of the calendar",
                    "batch.jsonl:6:1: date: occurred_on 2024-07-01 is after today (2024-06-30)",
                    "batch.jsonl:7:1: code: unknown legal_status code 'Z9'"));
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(EventIntakeTest, AnEventIdLongEnoughToHaveOverflowedTheStackIsRefusedWithItsLine) {
    // 250,000 characters: within the per-line limit, and once enough for std::regex's matcher
    // to overflow the stack while checking the id's pattern.
    const std::string before = fingerprint();
    EXPECT_THAT(refused(event(std::string(250'000, 'e'), "significant_change", "C1", "2024-05-01",
                              R"({"description":"x"})")),
                ElementsAre(HasSubstr("batch.jsonl:1:1: schema: event: /event_id: ")));
    EXPECT_EQ(fingerprint(), before);
}

TEST_F(EventIntakeTest, EventsThatContradictTheCaseRecordsRefuseTheWholeBatch) {
    ingest(history().substr(0, history().find('\n') + 1));  // C1 in care from 2024-01-05
    const std::string before = fingerprint();
    EXPECT_THAT(
        refused(event("a1", "review_held", "C1", "2024-02-01",
                      R"({"review_id":"R2","participation":"PN1"})") +
                event("a2", "review_held", "NOBODY", "2024-02-01",
                      R"({"review_id":"R3","participation":"PN1"})") +
                event("a3", "entered_care", "C1", "2024-02-01",
                      R"({"legal_status":"C2","placement":"U1"})") +
                event("a4", "left_care", "C1", "2024-01-01", R"({"reason_ceased":"E4A"})") +
                event("e1", "entered_care", "C1", "2024-01-06",
                      R"({"legal_status":"C2","placement":"U1"})") +
                event("a5", "review_held", "C1", "2024-03-01",
                      R"({"review_id":"R2","participation":"PN1"})")),
        ElementsAre(HasSubstr("batch.jsonl:2:1: unknown_child: child NOBODY is not in the case "
                              "records"),
                    HasSubstr("batch.jsonl:3:1: already_in_care: child C1 is already looked "
                              "after (episode open since 2024-01-05)"),
                    HasSubstr("batch.jsonl:4:1: before_episode: left_care on 2024-01-01 is not "
                              "after the open episode's start (2024-01-05)"),
                    "batch.jsonl:5:1: conflict: event_id e1 was already received with "
                    "different content",
                    HasSubstr("batch.jsonl:6:1: conflict: review_id R2 is already recorded")));
    EXPECT_EQ(fingerprint(), before);
}

}  // namespace
}  // namespace iro::intake
