// SSDA903 import against a real SQLite file: every check, all-or-nothing, re-import, and the case
// events a later extract implies.

#include "importers/ssda903_import.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "store/migrations.hpp"
#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

namespace iro::importers {
namespace {

using testing::HasSubstr;
namespace fs = std::filesystem;

const plugin::Date kToday{std::chrono::year{2024} / 6 / 30};

// A tidy extract: child 1 (born 2012) in care since 2023 with two reviews; child 2 (born 2022,
// under 4) with one; child 3 in short-break care (V3) and no reviews.
const char* kHeader =
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "1001,1,15/03/2012,WBRI,A123456789012,,\n"
    "1002,2,01/02/2022,WBRI,,,\n"
    "1003,1,10/10/2015,MOTH,,,\n";
const char* kEpisodes =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
    "URN\n"
    "1001,05/01/2023,S,C2,N1,U1,PR1,01/06/2023,X1,CARPL,,,\n"
    "1001,01/06/2023,P,C2,N1,U3,PR1,,,,,,\n"
    "1002,20/03/2023,S,C1,N2,U1,PR1,,,,,,\n"
    "1003,01/04/2023,S,V3,N1,R1,PR1,,,,,,\n";
const char* kReviews =
    "CHILD,DOB,REVIEW,REVIEW_CODE\n"
    "1001,15/03/2012,01/02/2023,PN1\n"
    "1001,15/03/2012,28/04/2023,PN2\n"
    "1002,01/02/2022,10/04/2023,PN0\n";

class Ssda903ImportTest : public test::MigratedStoreTest {
  protected:
    fs::path extract(const std::string& header, const std::string& episodes,
                     const std::string& reviews, const std::string& name = "extract") {
        fs::path dir = root.path() / name;
        fs::create_directories(dir);
        std::ofstream(dir / "header.csv", std::ios::binary) << header;
        std::ofstream(dir / "episodes.csv", std::ios::binary) << episodes;
        std::ofstream(dir / "reviews.csv", std::ios::binary) << reviews;
        return dir;
    }

    ImportSummary run(const fs::path& dir, const Ssda903Options& options = {}) {
        return import_ssda903(db, dir, {"tester", "2024-06-30T09:00:00Z"}, kToday, options);
    }

    std::vector<ImportIssue> rejected(const fs::path& dir) {
        return refusal([&] { run(dir); });
    }

    std::string fingerprint() {
        return test::table_counts(db,
                                  {"children", "episodes", "reviews", "imports", "case_events"});
    }

    std::vector<std::string> rules(const ImportSummary& s) {
        std::vector<std::string> out;
        for (const auto& w : s.warnings) {
            out.push_back(format_issue(w));
        }
        return out;
    }

    std::vector<std::string> events() {
        auto stmt = db.prepare("SELECT kind, child_id, occurred_on FROM case_events ORDER BY seq");
        std::vector<std::string> out;
        while (stmt.step()) {
            out.push_back(stmt.text(0) + " " + stmt.text(1) + " " + stmt.text(2));
        }
        return out;
    }
};

TEST_F(Ssda903ImportTest, CleanExtractLoadsAsBaselineWithoutEventsOrWarnings) {
    const auto s = run(extract(kHeader, kEpisodes, kReviews));
    EXPECT_TRUE(s.baseline);
    EXPECT_TRUE(s.changed_anything);
    EXPECT_EQ(s.tables.at("children").added, 3);
    EXPECT_EQ(s.tables.at("episodes").added, 4);
    EXPECT_EQ(s.tables.at("reviews").added, 3);
    EXPECT_THAT(rules(s), testing::IsEmpty());
    EXPECT_THAT(events(), testing::IsEmpty());
}

TEST_F(Ssda903ImportTest, ReimportingTheSameExtractChangesNothing) {
    const auto dir = extract(kHeader, kEpisodes, kReviews);
    run(dir);
    const auto again = run(dir);
    EXPECT_FALSE(again.changed_anything);
    EXPECT_THAT(events(), testing::IsEmpty());
    // Only the import's own record is added.
    EXPECT_THAT(fingerprint(), HasSubstr("imports=2"));
    EXPECT_THAT(fingerprint(), HasSubstr("children=3 episodes=4 reviews=3"));
}

TEST_F(Ssda903ImportTest, ByteOrderMarkAndCrlfAreRead) {
    auto crlf = [](const std::string& text) {
        std::string out;
        for (char c : text) {
            if (c == '\n') {
                out += "\r\n";
            } else {
                out += c;
            }
        }
        return out;
    };
    const auto s = run(extract("\xEF\xBB\xBF" + crlf(kHeader), crlf(kEpisodes), crlf(kReviews)));
    EXPECT_EQ(s.tables.at("children").added, 3);
    EXPECT_THAT(rules(s), testing::IsEmpty());
}

TEST_F(Ssda903ImportTest, LaterExtractIsAppliedAsADifferenceAndQueuesItsEvents) {
    run(extract(kHeader, kEpisodes, kReviews, "march"));
    // Next extract: child 1 has a third review and moves placement (and legal status) in
    // January; child 2 leaves care; a new child 4 enters care.
    const std::string header = std::string(kHeader) + "1004,2,05/05/2010,WBRI,,,\n";
    const std::string episodes =
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
        "URN\n"
        "1001,05/01/2023,S,C2,N1,U1,PR1,01/06/2023,X1,CARPL,,,\n"
        "1001,01/06/2023,P,C2,N1,U3,PR1,10/01/2024,X1,,,,\n"
        "1001,10/01/2024,B,E1,N1,U4,PR1,,,,,,\n"
        "1002,20/03/2023,S,C1,N2,U1,PR1,15/05/2024,E11,,,,\n"
        "1003,01/04/2023,S,V3,N1,R1,PR1,,,,,,\n"
        "1004,02/06/2024,S,C2,N4,U1,PR1,,,,,,\n";
    const std::string reviews = std::string(kReviews) + "1001,15/03/2012,25/10/2023,PN1\n";
    const auto s = run(extract(header, episodes, reviews, "june"));
    EXPECT_FALSE(s.baseline);
    EXPECT_EQ(s.tables.at("children").added, 1);
    EXPECT_EQ(s.tables.at("episodes").added, 2);
    EXPECT_EQ(s.tables.at("episodes").changed, 2);
    EXPECT_EQ(s.tables.at("reviews").added, 1);
    EXPECT_THAT(events(),
                testing::UnorderedElementsAre(
                    "episode_changed 1001 2024-01-10", "legal_status_changed 1001 2024-01-10",
                    "placement_changed 1001 2024-01-10", "left_care 1002 2024-05-15",
                    "entered_care 1004 2024-06-02", "review_held 1001 2023-10-25"));
    // And once more: nothing new, no duplicate events.
    run(root.path() / "june");
    EXPECT_EQ(events().size(), 6U);
}

TEST_F(Ssda903ImportTest, RowLevelProblemsAreWarningsWithFileLineColumnAndRule) {
    const std::string reviews = std::string(kReviews) +
                                "1001,15/03/2012,,PN1\n"             // line 5: 166 blank date
                                "1001,15/03/2012,31/02/2024,PN1\n"   // line 6: 166 no such day
                                "1001,15/03/2012,01/03/2024,PN9\n"   // line 7: 167
                                "1001,15/03/2012,02/03/2024,PN0\n"   // line 8: 440 (PN0 at 11)
                                "1002,01/02/2022,03/03/2024,PN1\n"   // line 9: 441 (under 4)
                                "1003,10/10/2015,04/03/2024,PN1\n"   // line 10: 399 (V3)
                                "1009,01/01/2010,05/03/2024,PN1\n"   // line 11: INT08
                                "1001,16/03/2012,06/03/2024,PN1\n"   // line 12: INT17
                                "1001,15/03/2012,01/01/2020,PN1\n";  // line 13: outside care
    const std::string episodes =
        std::string(kEpisodes) +
        "1002,01/04/2023,L,ZZ,N1,U1,PR1,,,,,,\n"                // overlap, unknown LS
        "1003,01/05/2024,P,V3,N1,R1,PR1,01/04/2024,E11,,,,\n";  // end < start
    const auto s = run(extract(kHeader, episodes, reviews));
    const auto r = root.path() / "extract" / "reviews.csv";
    const auto e = root.path() / "extract" / "episodes.csv";
    EXPECT_THAT(
        rules(s),
        testing::IsSupersetOf({
            r.string() + ":5:17: 166: review date is blank; review ignored",
            r.string() +
                ":6:17: 166: review date '31/02/2024' is not a date in dd/mm/yyyy; review ignored",
            r.string() + ":7:28: 167: participation code 'PN9' is not PN0-PN7",
            r.string() +
                ":8:28: 440: PN0 (under 4) but the child was 11 at the review on 2024-03-02",
            r.string() + ":9:28: 441: PN1 but the child was under 4 (2) at the review on "
                         "2024-03-03; expected PN0",
            r.string() + ":10:17: 399: review on 2024-03-04 for a child in short-break care "
                         "(V3/V4), which is not reviewed under reg. 33",
            r.string() +
                ":11:1: INT08: child 1009 has reviews but is not in Header; review ignored",
            r.string() + ":12:6: INT17: DOB 2012-03-16 differs from Header's 2012-03-15",
            r.string() + ":13:17: review_outside_care: review on 2020-01-01 falls outside every "
                         "episode of care in the extract",
            e.string() + ":6:19: code: unknown LS code 'ZZ'",
            e.string() + ":7:32: end_before_start: episode ends (2024-04-01) before it starts "
                         "(2024-05-01); end date ignored",
        }));
    EXPECT_THAT(rules(s), testing::Contains(e.string() +
                                            ":6:6: overlap: episode starting 2023-04-01 overlaps "
                                            "the episode starting 2023-03-20 (still open)"));
    // Warnings are stored with the import.
    auto stmt = db.prepare("SELECT count(*) FROM import_warnings WHERE import_id = ?");
    stmt.bind(1, s.import_id);
    stmt.step();
    EXPECT_EQ(stmt.integer(0), s.warning_count);
}

TEST_F(Ssda903ImportTest, FatalProblemsLeaveTheStoreUntouched) {
    run(extract(kHeader, kEpisodes, kReviews, "good"));
    const auto before = fingerprint();

    // A missing column.
    auto problems = rejected(
        extract(kHeader, kEpisodes, "CHILD,DOB,REVIEW\n1001,15/03/2012,01/02/2023\n", "no_column"));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_THAT(
        format_issue(problems[0]),
        HasSubstr(
            "reviews.csv:1:1: header: missing column REVIEW_CODE (found: CHILD, DOB, REVIEW)"));

    // A missing file.
    const auto no_file = extract(kHeader, kEpisodes, kReviews, "no_file");
    fs::remove(no_file / "episodes.csv");
    problems = rejected(no_file);
    EXPECT_THAT(format_issue(problems.at(0)),
                HasSubstr("episodes.csv:0:0: file: required SSDA903 file is missing"));

    // An unterminated quoted field, after rows that would otherwise have loaded.
    problems = rejected(extract(std::string(kHeader) + "1005,1,\"01/01/2015,WBRI,,,\n", kEpisodes,
                                kReviews, "quote"));
    EXPECT_THAT(format_issue(problems.at(0)),
                HasSubstr("header.csv:5:8: csv: quoted field is never closed"));

    // An unreadable file.
    const auto unreadable = extract(kHeader, kEpisodes, kReviews, "unreadable");
    fs::remove(unreadable / "reviews.csv");
    fs::create_directory(unreadable / "reviews.csv");
    problems = rejected(unreadable);
    EXPECT_THAT(format_issue(problems.at(0)), HasSubstr("reviews.csv"));

    EXPECT_EQ(fingerprint(), before);
}

// A later extract without one of a child's episodes and reviews removes them only when told to,
// says so, and queues a record_removed event for each.
TEST_F(Ssda903ImportTest, RowsMissingFromALaterExtractAreRemovedOnlyWhenConfirmed) {
    run(extract(kHeader, kEpisodes, kReviews, "first"));
    std::string episodes = kEpisodes;
    episodes.erase(episodes.find("1001,01/06/2023"),
                   episodes.find("1002,20/03/2023") - episodes.find("1001,01/06/2023"));
    std::string reviews = kReviews;
    reviews.erase(reviews.find("1001,15/03/2012,28/04/2023"),
                  reviews.find("1002,01/02/2022") - reviews.find("1001,15/03/2012,28/04/2023"));
    const auto second = extract(kHeader, episodes, reviews, "second");
    const std::string before = fingerprint();
    const auto problems = rejected(second);
    ASSERT_EQ(problems.size(), 2U);
    EXPECT_EQ(problems[0].rule, "removals");
    EXPECT_THAT(problems[0].message,
                HasSubstr("the extract lacks 1 episodes the store holds (child 1001 episode "
                          "2023-06-01), so applying it would remove them: that is 25.0% of the 4 "
                          "stored, more than the 5% an import may remove unconfirmed"));
    EXPECT_THAT(problems[0].message, HasSubstr("--allow-removals"));
    EXPECT_THAT(problems[1].message, HasSubstr("1 reviews the store holds (child 1001 review "
                                               "903:1001:2023-04-28)"));
    EXPECT_EQ(fingerprint(), before);

    Ssda903Options confirmed;
    confirmed.removals.confirmed = true;
    const auto s = run(second, confirmed);
    EXPECT_EQ(s.tables.at("episodes").removed, 1);
    EXPECT_EQ(s.tables.at("reviews").removed, 1);
    EXPECT_EQ(s.events_by_kind.at("record_removed"), 2);
    EXPECT_THAT(events(), testing::IsSupersetOf({"record_removed 1001 2023-06-01",
                                                 "record_removed 1001 2023-04-28"}));
    EXPECT_THAT(fingerprint(), HasSubstr("children=3 episodes=3 reviews=2"));
    EXPECT_EQ(run(extract(kHeader, episodes, reviews, "third")).tables.at("reviews").removed, 0);
}

// A header line alone in episodes.csv would remove every episode of every child: refused, whatever
// the share allowed, because nothing is left in the extract's window.
TEST_F(Ssda903ImportTest, AnEmptyEpisodesFileRemovesNothing) {
    run(extract(kHeader, kEpisodes, kReviews, "first"));
    const std::string before = fingerprint();
    Ssda903Options lenient;
    lenient.removals.max_share = 1.0;
    const auto problems = refusal([&] {
        run(extract(kHeader,
                    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
                    "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n",
                    "CHILD,DOB,REVIEW,REVIEW_CODE\n", "empty"),
            lenient);
    });
    ASSERT_FALSE(problems.empty());
    EXPECT_THAT(problems[0].message, HasSubstr("4 of them lie outside the extract's window"));
    EXPECT_EQ(fingerprint(), before);
}

// Files need not be sorted by child: each row is checked against everything loaded before it.
TEST_F(Ssda903ImportTest, RowsOfAChildNeedNotBeTogether) {
    const std::string episodes =
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
        "URN\n"
        "1001,01/06/2023,P,C2,N1,U3,PR1,,,,,,\n"               // line 2
        "1002,20/03/2023,S,C1,N2,U1,PR1,,,,,,\n"               // line 3
        "1003,01/04/2023,S,V3,N1,R1,PR1,,,,,,\n"               // line 4
        "1001,05/01/2023,S,C2,N1,U1,PR1,01/07/2023,X1,,,,\n";  // line 5: overlaps line 2
    const std::string reviews =
        "CHILD,DOB,REVIEW,REVIEW_CODE\n"
        "1002,01/02/2022,10/04/2023,PN0\n"
        "1001,15/03/2012,01/02/2023,PN1\n"  // covered by line 5's episode
        "1002,01/02/2022,10/05/2023,PN0\n"
        "1001,15/03/2012,01/02/2020,PN1\n";  // line 5 of reviews: outside care
    const auto s = run(extract(kHeader, episodes, reviews));
    const auto e = root.path() / "extract" / "episodes.csv";
    const auto r = root.path() / "extract" / "reviews.csv";
    EXPECT_THAT(rules(s), testing::ElementsAre(
                              e.string() + ":5:6: overlap: episode starting 2023-01-05 overlaps "
                                           "the episode starting 2023-06-01 (still open)",
                              r.string() + ":5:17: review_outside_care: review on 2020-02-01 "
                                           "falls outside every episode of care in the extract"));
    EXPECT_EQ(s.tables.at("reviews").added, 4);
}

// The warnings a summary carries are the first by place, the same as reading them back from the
// store, however many there are and in whatever order the checks found them.
TEST_F(Ssda903ImportTest, SummaryCarriesTheFirstWarningsByPlace) {
    std::string reviews = "CHILD,DOB,REVIEW,REVIEW_CODE\n";
    for (int day = 1; day <= 28; ++day) {
        for (int month = 1; month <= 12; ++month) {
            for (const char* child : {"1001", "1002", "1009"}) {  // 1009: not in Header
                reviews += fmt::format("{},15/03/2012,{:02}/{:02}/2023,PN9\n", child, day, month);
            }
        }
    }
    const std::string episodes = std::string(kEpisodes) + "1002,01/04/2023,L,ZZ,N1,U1,PR1,,,,,,\n";
    const auto s = run(extract(kHeader, episodes, reviews));
    ASSERT_GT(s.warning_count, static_cast<int>(kShownWarnings));
    ASSERT_EQ(s.warnings.size(), kShownWarnings);
    std::vector<std::string> stored;
    for (const auto& w : stored_warnings(db, s.import_id, {})) {
        stored.push_back(format_issue(w));
    }
    EXPECT_EQ(rules(s), stored);
    EXPECT_THAT(stored.front(), HasSubstr("episodes.csv:6:"));
    // Filters read the same rows the import stored.
    EXPECT_EQ(stored_warnings(db, s.import_id, {"INT08", "", 5000}).size(), 28U * 12U);
    EXPECT_EQ(stored_warnings(db, s.import_id, {"", "1009", 5000}).size(), 2U * 28U * 12U);
}

TEST_F(Ssda903ImportTest, SampleCouncilLoadsAndItsNoiseIsFlagged) {
    const auto s = run(fs::path(IRO_SHARED_DIR) / "data" / "ssda903-sample");
    EXPECT_EQ(s.tables.at("children").added, 2675);
    EXPECT_EQ(s.tables.at("episodes").added, 5050);
    EXPECT_GT(s.warnings_by_rule.at("440"), 0);
    EXPECT_GT(s.warnings_by_rule.at("399"), 0);
    EXPECT_GT(s.warnings_by_rule.at("review_outside_care"), 0);
}

}  // namespace
}  // namespace iro::importers
