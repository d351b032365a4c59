// SSD import against a real SQLite file: allocations, the review merge with an SSDA903 return,
// every row check, all-or-nothing, re-import, and the events a later extract implies.

#include "importers/ssd_import.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "importers/ssda903_import.hpp"
#include "store/migrations.hpp"
#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

namespace iro::importers {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
namespace fs = std::filesystem;

const plugin::Date kToday{std::chrono::year{2024} / 6 / 30};

using Files = std::map<std::string, std::string>;

// Child 1001 in care since January 2023 with IRO 10 then IRO 11; child 1002 with IRO 10.
Files tidy() {
    return {
        {"ssd_person.csv",
         "pers_person_id,pers_sex,pers_dob,pers_ethnicity,pers_upn,pers_forename\n"
         "1001,M,2012-03-15,WBRI,A123456789012,Never-Stored\n"
         "1002,F,2022-02-01 00:00:00.000,WBRI,,Never-Stored\n"},
        {"ssd_professionals.csv",
         "prof_professional_id,prof_professional_name,prof_professional_job_title,"
         "prof_professional_department\n"
         "10,Alex Example,Independent Reviewing Officer,IRO Service\n"
         "11,Sam Example,Independent Reviewing Officer,IRO Service\n"
         "20,Kim Example,Social Worker,Children in Care North\n"},
        {"ssd_involvements.csv",
         "invo_involvements_id,invo_professional_id,invo_professional_role_id,"
         "invo_professional_team,invo_involvement_start_date,invo_involvement_end_date,"
         "invo_person_id\n"
         "1,10,IRO,IRO Service,2023-01-05,2023-09-30,1001\n"
         "2,11,Independent Reviewing Officer,IRO Service,2023-09-30,,1001\n"
         "3,20,SW,Children in Care North,05/01/2023,,1001\n"
         "4,10,iro,IRO Service,2023-03-20,,1002\n"},
        {"ssd_cla_episodes.csv",
         "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_id,"
         "clae_cla_episode_ceased_date,clae_cla_episode_start_reason,"
         "clae_cla_episode_ceased_reason\n"
         "E1,1001,2023-01-05,CLA1,,S,\n"
         "E2,1002,2023-03-20,CLA2,,S,\n"},
        {"ssd_cla_reviews.csv",
         "clar_cla_review_id,clar_cla_id,clar_cla_review_date,clar_cla_review_due_date,"
         "clar_cla_review_cancelled,clar_cla_review_participation\n"
         "R1,CLA1,2023-02-01,2023-02-02,N,PN1\n"
         "R2,CLA2,,2023-04-17,Y,\n"},
    };
}

class SsdImportTest : public test::MigratedStoreTest {
  protected:
    fs::path extract(const Files& files, const std::string& name = "ssd") {
        fs::path dir = root.path() / name;
        fs::remove_all(dir);
        fs::create_directories(dir);
        for (const auto& [file, text] : files) {
            std::ofstream(dir / file, std::ios::binary) << text;
        }
        return dir;
    }

    ImportSummary run(const fs::path& dir) {
        return import_ssd(db, dir, {"tester", "2024-06-30T09:00:00Z"}, kToday);
    }

    std::vector<ImportIssue> rejected(const fs::path& dir) {
        return refusal([&] { run(dir); });
    }

    std::string fingerprint() {
        return test::table_counts(db, {"children", "workers", "teams", "allocations", "episodes",
                                       "reviews", "imports", "import_warnings", "case_events"});
    }

    static std::vector<std::string> issues(const ImportSummary& s) {
        std::vector<std::string> out;
        for (const auto& w : s.warnings) {
            out.push_back(format_issue(w));
        }
        return out;
    }
};

TEST(SsdFormats, DatesInEitherLayoutWithOrWithoutATime) {
    const plugin::Date day{std::chrono::year{2023} / 1 / 5};
    EXPECT_EQ(parse_ssd_date("2023-01-05"), day);
    EXPECT_EQ(parse_ssd_date("2023-01-05 00:00:00.000"), day);
    EXPECT_EQ(parse_ssd_date("2023-01-05T10:00:00"), day);
    EXPECT_EQ(parse_ssd_date("05/01/2023"), day);
    EXPECT_FALSE(parse_ssd_date("2023-02-30"));
    EXPECT_FALSE(parse_ssd_date("5 Jan 2023"));
    EXPECT_FALSE(parse_ssd_date(""));
}

TEST(SsdFormats, RolesMapToAllocationRoles) {
    EXPECT_EQ(allocation_role("IRO"), "iro");
    EXPECT_EQ(allocation_role("independent reviewing officer"), "iro");
    EXPECT_EQ(allocation_role("Allocated Social Worker"), "social_worker");
    EXPECT_EQ(allocation_role("TM"), "team_manager");
    EXPECT_FALSE(allocation_role("Personal Adviser"));
}

TEST_F(SsdImportTest, TidyExtractLoadsAllocationsAsBaselineWithoutNamesOrEvents) {
    const auto s = run(extract(tidy()));
    EXPECT_TRUE(s.baseline);
    EXPECT_THAT(issues(s), testing::IsEmpty());
    EXPECT_EQ(s.tables.at("children").added, 2);
    EXPECT_EQ(s.tables.at("workers").added, 3);
    EXPECT_EQ(s.tables.at("allocations").added, 4);
    EXPECT_EQ(s.tables.at("episodes").added, 2);
    EXPECT_EQ(s.tables.at("reviews").added, 2);
    EXPECT_THAT(rows("SELECT child_id, role, worker_id, team_id, start_date, end_date FROM "
                     "allocations ORDER BY child_id, role, start_date",
                     6),
                ElementsAre("1001|iro|10|IRO Service|2023-01-05|2023-09-30",
                            "1001|iro|11|IRO Service|2023-09-30|-",
                            "1001|social_worker|20|Children in Care North|2023-01-05|-",
                            "1002|iro|10|IRO Service|2023-03-20|-"));
    EXPECT_THAT(rows("SELECT child_id, sex, date_of_birth FROM children ORDER BY child_id", 3),
                ElementsAre("1001|1|2012-03-15", "1002|2|2022-02-01"));
    EXPECT_THAT(rows("SELECT review_id, held_on, due_on, cancelled, participation FROM reviews "
                     "ORDER BY review_id",
                     5),
                ElementsAre("ssd:R1|2023-02-01|2023-02-02|0|PN1", "ssd:R2|-|2023-04-17|1|"));
    EXPECT_THAT(rows("SELECT team_id FROM teams ORDER BY team_id"),
                ElementsAre("Children in Care North", "IRO Service"));
    EXPECT_THAT(rows("SELECT count(*) FROM case_events"), ElementsAre("0"));
    // Person names are recognised as SSD columns but never stored anywhere.
    auto stmt = db.prepare(
        "SELECT count(*) FROM children WHERE child_id || sex || ethnicity LIKE "
        "'%Never-Stored%'");
    stmt.step();
    EXPECT_EQ(stmt.integer(0), 0);
}

TEST_F(SsdImportTest, ReimportChangesNothingAndALaterExtractQueuesAllocationChanges) {
    const auto dir = extract(tidy());
    run(dir);
    const auto again = run(dir);
    EXPECT_FALSE(again.changed_anything);
    EXPECT_FALSE(again.baseline);
    EXPECT_THAT(rows("SELECT count(*) FROM case_events"), ElementsAre("0"));

    Files later = tidy();
    later["ssd_involvements.csv"] +=
        "5,11,IRO,IRO Service,2024-05-01,,1002\n";  // a second IRO for 1002 from May
    later["ssd_involvements.csv"].replace(later["ssd_involvements.csv"].find("2023-03-20,,1002"),
                                          16, "2023-03-20,2024-05-01,1002");
    later["ssd_cla_reviews.csv"] += "R3,CLA1,2023-04-28,2023-05-05,N,PN2\n";
    const auto s = run(extract(later, "later"));
    EXPECT_EQ(s.tables.at("allocations").added, 1);
    EXPECT_EQ(s.tables.at("allocations").changed, 1);
    EXPECT_EQ(s.tables.at("reviews").added, 1);
    EXPECT_THAT(
        rows("SELECT kind, child_id, occurred_on, payload FROM case_events ORDER BY seq", 4),
        ElementsAre("allocation_changed|1002|2024-05-01|{\"role\":\"iro\",\"team_id\":"
                    "\"IRO Service\",\"worker_id\":\"11\"}",
                    "review_held|1001|2023-04-28|{\"participation\":\"PN2\",\"rag\":\"\","
                    "\"review_id\":\"ssd:R3\"}"));
}

TEST_F(SsdImportTest, ContactColumnsAreKeptWhenPlainAndABlankNeverErasesOne) {
    Files files = tidy();
    files["ssd_professionals.csv"] =
        "prof_professional_id,prof_professional_name,prof_professional_email,"
        "prof_professional_phone\n"
        "10,Alex Example,alex.example@council.gov.uk,01904 555010\n"
        "11,Sam Example,\"sam@council.gov.uk?cc=someone@elsewhere.example\",call me\n"
        "20,Kim Example,,+44 1904 555 020\n";
    const auto s = run(extract(files));
    EXPECT_THAT(issues(s),
                ElementsAre(HasSubstr("prof_professional_email is not an email address"),
                            HasSubstr("prof_professional_phone is not a telephone number")));
    EXPECT_THAT(
        rows("SELECT worker_id, email, phone FROM workers ORDER BY worker_id", 3),
        ElementsAre("10|alex.example@council.gov.uk|01904 555010", "11||", "20||+44 1904 555 020"));

    // An extract without the columns (or with them blank) keeps what the earlier one gave.
    const auto again = run(extract(tidy(), "plain"));
    EXPECT_THAT(
        rows("SELECT worker_id, email, phone FROM workers ORDER BY worker_id", 3),
        ElementsAre("10|alex.example@council.gov.uk|01904 555010", "11||", "20||+44 1904 555 020"));
    EXPECT_EQ(again.tables.at("workers").changed, 3);  // job titles and teams, not contacts
}

TEST_F(SsdImportTest, FullTimeEquivalenceIsAShareOfFullTime) {
    Files files = tidy();
    files["ssd_professionals.csv"] =
        "prof_professional_id,prof_professional_name,prof_full_time_equivalency\n"
        "10,Alex Example,0.5\n"
        "11,Sam Example,37\n"  // hours, not a share: refused
        "20,Kim Example,\n";
    const auto s = run(extract(files));
    EXPECT_THAT(issues(s), ElementsAre(HasSubstr("prof_full_time_equivalency '37' is not a share "
                                                 "of full time")));
    EXPECT_THAT(rows("SELECT worker_id, coalesce(fte, '-') FROM workers ORDER BY worker_id", 2),
                ElementsAre("10|0.5", "11|-", "20|-"));
}

TEST_F(SsdImportTest, AReviewAlreadyInTheSsda903ReturnIsCompletedNotDuplicated) {
    const fs::path dir = root.path() / "903";
    fs::create_directories(dir);
    std::ofstream(dir / "header.csv") << "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                                         "1001,1,15/03/2012,WBRI,,,\n";
    std::ofstream(dir / "episodes.csv")
        << "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
           "PL_POST,URN\n"
           "1001,05/01/2023,S,C2,N1,U1,PR1,,,,,,\n";
    std::ofstream(dir / "reviews.csv") << "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                                          "1001,15/03/2012,01/02/2023,PN1\n";
    import_ssda903(db, dir, {"tester", "2024-06-30T08:00:00Z"}, kToday);
    Files files = tidy();
    files["ssd_person.csv"] =
        "pers_person_id,pers_dob\n"
        "1001,2012-03-16\n"
        "1002,2022-02-01\n";
    const auto s = run(extract(files));
    EXPECT_THAT(issues(s), ElementsAre(HasSubstr("ssd_person.csv:2:6: dob_differs: pers_dob "
                                                 "2012-03-16 differs from the stored 2012-03-15")));
    EXPECT_EQ(s.tables.at("episodes").added, 1);  // 1002's; 1001's episode is the 903's
    EXPECT_THAT(
        rows("SELECT review_id, held_on, due_on, participation FROM reviews ORDER BY "
             "review_id",
             4),
        ElementsAre("903:1001:2023-02-01|2023-02-01|2023-02-02|PN1", "ssd:R2|-|2023-04-17|"));
    EXPECT_THAT(rows("SELECT legal_status FROM episodes WHERE child_id = '1001'"),
                ElementsAre("C2"));
}

TEST_F(SsdImportTest, RowProblemsAreWarningsWithTheirPlaceAndRule) {
    Files files = tidy();
    files["ssd_person.csv"] += "1003,X,2030-01-01,,,\n1001,M,2012-03-15,,,\n";
    files["ssd_involvements.csv"] +=
        "5,99,IRO,IRO Service,2023-01-05,,1001\n"    // unknown professional
        "6,10,IRO,IRO Service,2023-01-05,,4242\n"    // unknown person
        "7,20,Personal Adviser,,2023-01-05,,1001\n"  // a role oversight does not use
        "8,11,IRO,IRO Service,2023-06-01,,1001\n"    // overlaps IRO 10's allocation
        "9,20,SW,,2023-13-01,,1002\n"                // impossible date
        "10,20,SW,,2023-05-01,2023-04-01,1002\n";    // ends before it starts
    files["ssd_cla_reviews.csv"] +=
        "R9,CLA9,2023-02-01,,N,PN1\n"   // no such CLA
        "R10,CLA1,2023-03-01,,N,PN9\n"  // bad participation code
        "R11,CLA1,,,N,\n";              // neither held nor due
    const auto s = run(extract(files));
    const auto found = issues(s);
    const std::string dir = (root.path() / "ssd").string();
    EXPECT_THAT(
        found,
        testing::UnorderedElementsAre(
            dir + "/ssd_cla_reviews.csv:4:1: unknown_cla: CLA id CLA9 is in no row of "
                  "ssd_cla_episodes; review ignored",
            HasSubstr("ssd_cla_reviews.csv:5:24: 167: participation code 'PN9' is not PN0-PN7"),
            HasSubstr("ssd_cla_reviews.csv:6:10: 166: review R11 has neither a date held nor a "
                      "due date; ignored"),
            HasSubstr("ssd_involvements.csv:6:1: unknown_professional: professional 99"),
            HasSubstr("ssd_involvements.csv:7:1: unknown_person: person 4242"),
            HasSubstr("ssd_involvements.csv:8:6: other_role: role 'Personal Adviser'"),
            HasSubstr("ssd_involvements.csv:9:1: overlap: iro allocation starting 2023-06-01 "
                      "overlaps the one on line 2"),
            HasSubstr("ssd_involvements.csv:3:1: overlap: iro allocation starting 2023-09-30 "
                      "overlaps the one on line 9"),
            HasSubstr("ssd_involvements.csv:10:10: date: invo_involvement_start_date "
                      "'2023-13-01' is not a date"),
            HasSubstr("ssd_involvements.csv:11:22: end_before_start: ends (2023-04-01) before "
                      "it starts (2023-05-01)"),
            HasSubstr("ssd_person.csv:4:6: code: unknown pers_sex 'X'"),
            HasSubstr("ssd_person.csv:4:8: date: pers_dob 2030-01-01 is in the future"),
            HasSubstr("ssd_person.csv:5:1: duplicate: person 1001 appears twice")));
    EXPECT_EQ(s.warnings_by_rule.at("overlap"), 2);
}

TEST_F(SsdImportTest, FatalProblemsLeaveTheStoreExactlyAsItWas) {
    run(extract(tidy(), "first"));
    const std::string before = fingerprint();

    Files no_person = tidy();
    no_person.erase("ssd_person.csv");
    EXPECT_THAT(format_issue(rejected(extract(no_person)).at(0)),
                HasSubstr("ssd_person.csv:0:0: file: required SSD file is missing"));

    Files no_episodes = tidy();
    no_episodes.erase("ssd_cla_episodes.csv");
    EXPECT_THAT(format_issue(rejected(extract(no_episodes)).at(0)),
                HasSubstr("ssd_cla_episodes.csv is required (it links each review's"));

    Files missing_column = tidy();
    missing_column["ssd_involvements.csv"] =
        "invo_person_id,invo_professional_id,invo_involvement_start_date\n1001,10,2023-01-05\n";
    EXPECT_THAT(format_issue(rejected(extract(missing_column)).at(0)),
                HasSubstr("ssd_involvements.csv:1:1: header: missing column "
                          "invo_professional_role_id (found: invo_person_id, "
                          "invo_professional_id, invo_involvement_start_date)"));

    // A broken file late in the extract: the earlier files were staged, and none of it lands.
    Files broken = tidy();
    broken["ssd_person.csv"] += "1003,M,2010-01-01,WBRI,,\n";
    broken["ssd_cla_reviews.csv"] += "R3,CLA1,\"2023-04-28,,N,PN2\n";
    EXPECT_THAT(format_issue(rejected(extract(broken)).at(0)),
                HasSubstr("ssd_cla_reviews.csv:4:9: csv: quoted field is never closed"));

    EXPECT_THAT(format_issue(rejected(root.path() / "nowhere").at(0)),
                HasSubstr("nowhere:0:0: file: is not a readable directory"));
    EXPECT_EQ(fingerprint(), before);
}

}  // namespace
}  // namespace iro::importers
