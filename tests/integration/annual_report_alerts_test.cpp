// The annual report's quality alerts and disputes, with the real quality-alerts plugin: North
// Yorkshire's 2014/15 tracker (seed 003, T003-13) by category and quarter, and a Cheshire East year
// built to its published stages (seed 002, T7: 147 practice alerts, 117 resolved informally, 18 at
// Level 1, 9 at Stage 2 with the Head of Service, 3 at Stage 3; 54 good practice notifications),
// published with small counts withheld.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "store/sqlite.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/report_tables.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::ElementsAre;

class AnnualReportAlertsTest : public testing::Test {
  protected:
    void SetUp() override { sandbox.add_product_module("quality_alerts"); }

    nlohmann::json annual(const std::string& year, std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"report", "annual", "--year", year, "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = cli.run(args, "M1");
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }

    static std::vector<std::string> rows(const nlohmann::json& report, const std::string& title,
                                         const std::vector<std::size_t>& columns) {
        return test::report_rows(report, title, columns);
    }

    test::PluginSandbox sandbox;
    test::HostCli cli{sandbox,
                      {{"worker_roles", {{"M1", "iro_manager"}}}, {"go_live", "2000-01-01"}}};
};

TEST_F(AnnualReportAlertsTest, NorthYorkshiresIssuesByCategoryAndQuarter) {
    const fs::path fixtures = fs::path(IRO_TEST_FIXTURES_DIR) / "alerts";
    ASSERT_EQ(cli.run({"events", "ingest", (fixtures / "children.jsonl").string(), "--as-of",
                       "2014-03-31"},
                      "M1")
                  .exit_code,
              0);
    const auto imported = cli.run(
        {"alerts", "import", (fixtures / "tracker-2014-15.csv").string(), "--as-of", "2015-06-30"},
        "M1");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto r = annual("2014-15", {"--as-of", "2015-06-30"});
    // T003-13: 110 raised, 10 of them exceptional practice, the rest challenges.
    const auto raised = rows(r, "Quality alerts and disputes", {4});
    EXPECT_EQ(raised.at(0), "Alerts raised: 110");
    EXPECT_EQ(raised.at(1), "of which exceptional practice: 10");
    EXPECT_EQ(raised.at(2), "Challenges raised: 100");
    // The five published reasons for the year (column 4), each quarter beside it.
    const auto issues = rows(r, "Issues raised in challenges, by category", {4});
    EXPECT_THAT(issues, ElementsAre(testing::StartsWith("Decisions of review not acted on"),
                                    testing::StartsWith("Other (please specify)"),
                                    testing::StartsWith("Pre meeting report not available"),
                                    testing::StartsWith("Assessment and progress records"),
                                    testing::StartsWith("Life story work not being progressed"),
                                    "All issues raised: 100"));
    EXPECT_THAT(issues.at(0), testing::EndsWith(": 35"));
    EXPECT_THAT(issues.at(1), testing::EndsWith(": 23"));
    EXPECT_THAT(issues.at(2), testing::EndsWith(": 15"));
    EXPECT_THAT(issues.at(3), testing::EndsWith(": 14"));
    EXPECT_THAT(issues.at(4), testing::EndsWith(": 13"));
    // The quarters add up to the year, row by row.
    const auto* table = test::report_table(r, "Issues raised in challenges, by category");
    ASSERT_NE(table, nullptr);
    for (const auto& row : (*table)["rows"]) {
        double quarters = 0;
        for (std::size_t q = 0; q < 4; ++q) {
            quarters += row["cells"][q]["value"].get<double>();
        }
        EXPECT_EQ(quarters, row["cells"][4]["value"].get<double>()) << row["label"];
    }
}

// Cheshire East 2017/18: children CE001-CE201; 147 challenges, then 54 good practice alerts.
std::string cheshire_east_tracker() {
    std::string csv =
        "ref,action,on,actor,child_id,kind,categories,description,comment,outcome,to_stage\n";
    for (int i = 0; i < 147; ++i) {
        const std::string ref = fmt::format("CE-{:03}", i);
        csv += fmt::format(
            "{},raise,2017-05-{:02},CEIRO1,CE{:03},quality_issue,"
            "practice_care_plan,The care plan is out of date,,,\n",
            ref, 1 + i % 28, i);
        const int stage = i < 117 ? 0 : i < 135 ? 1 : i < 144 ? 2 : 3;
        for (int s = 1; s <= stage; ++s) {
            csv += fmt::format("{},escalate,2017-06-{:02},CEIRO1,,,,,Not resolved,,stage_{}\n", ref,
                               s * 5, s);
        }
        csv += fmt::format("{},resolve,2017-07-{:02},CEIRO1,,,,,Put right,resolved,\n", ref,
                           3 + i % 25);
    }
    for (int i = 0; i < 54; ++i) {
        csv += fmt::format(
            "CE-GP{:02},raise,2017-09-{:02},CEIRO1,CE{:03},exceptional_practice,,Exceptional "
            "life story work,,,\n",
            i, 1 + i % 28, 147 + i);
    }
    return csv;
}

TEST_F(AnnualReportAlertsTest, CheshireEastsStagesWithSmallCountsWithheld) {
    ASSERT_EQ(cli.run({"users", "list"}, "it-admin").exit_code, 0);  // makes the store
    std::string sql;
    for (int i = 0; i < 201; ++i) {
        sql += fmt::format(
            "INSERT INTO children (child_id, sex, date_of_birth) VALUES ('CE{0:03}', '1', "
            "'2010-01-01'); INSERT INTO episodes (child_id, start_date, reason_new_episode, "
            "legal_status, placement) VALUES ('CE{0:03}', '2016-01-04', 'S', 'C2', 'U1');\n",
            i);
    }
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3").exec(sql);
    const fs::path tracker = sandbox.data_dir().parent_path() / "cheshire-east-2017-18.csv";
    std::ofstream(tracker) << cheshire_east_tracker();
    const auto imported =
        cli.run({"alerts", "import", tracker.string(), "--as-of", "2018-06-30"}, "M1");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;

    const auto plain = annual("2017-18", {"--as-of", "2018-06-30"});
    EXPECT_THAT(
        rows(plain, "Challenges by the stage they reached", {0, 1}),
        ElementsAre("Informal Dispute Resolution (quality alert): 117 79.6%",
                    "Stage 1 Formal Dispute Resolution: 18 12.2%",
                    "Stage 2 Formal Dispute Resolution: 9 6.1%",
                    "Stage 3 Formal Dispute Resolution: 3 2.0%", "All challenges: 147 100.0%"));
    const auto raised = rows(plain, "Quality alerts and disputes", {4});
    EXPECT_EQ(raised.at(0), "Alerts raised: 201");
    EXPECT_EQ(raised.at(1), "of which exceptional practice: 54");
    EXPECT_EQ(raised.at(3), "Children the challenges were about: 147");

    // Published with counts below 5 withheld: the 3 at Stage 3, and the 9 at Stage 2 that would
    // give them away from the total; their shares with them.
    const auto withheld = annual("2017-18", {"--as-of", "2018-06-30", "--suppress-below", "5"});
    EXPECT_THAT(
        rows(withheld, "Challenges by the stage they reached", {0, 1}),
        ElementsAre("Informal Dispute Resolution (quality alert): 117 79.6%",
                    "Stage 1 Formal Dispute Resolution: 18 12.2%",
                    "Stage 2 Formal Dispute Resolution: c c",
                    "Stage 3 Formal Dispute Resolution: c c", "All challenges: 147 100.0%"));
}

// Leicester 2020/21 (seed 004, L206-208, T004-1): 11 formal escalations in Liquid Logic about
// 11 children, with 22 areas of concern, all resolved at social worker or manager level, none
// with the Director or Cafcass.
TEST_F(AnnualReportAlertsTest, LeicestersFormalEscalationsTheirChildrenAndAreasOfConcern) {
    ASSERT_EQ(cli.run({"users", "list"}, "it-admin").exit_code, 0);  // makes the store
    std::string sql;
    std::string csv =
        "ref,action,on,actor,child_id,kind,categories,description,comment,outcome,stage\n";
    for (int i = 0; i < 11; ++i) {
        sql += fmt::format(
            "INSERT INTO children (child_id, sex, date_of_birth) VALUES ('LE{0:02}', '2', "
            "'2011-01-01'); INSERT INTO episodes (child_id, start_date, reason_new_episode, "
            "legal_status, placement) VALUES ('LE{0:02}', '2019-01-07', 'S', 'C2', 'U1');\n",
            i);
        // Two areas each: statutory work drifted, and a safeguarding requirement not in place.
        csv += fmt::format(
            "LE-{0:02},raise,2020-{1:02}-10,LEIRO1,LE{0:02},quality_issue,"
            "practice_statutory_visits;practice_care_plan,Statutory work has drifted,,,stage_1\n"
            "LE-{0:02},resolve,2020-{1:02}-20,LEIRO1,,,,,Resolved with the manager,resolved,\n",
            i, 4 + i % 9);
    }
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3").exec(sql);
    const fs::path tracker = sandbox.data_dir().parent_path() / "leicester-2020-21.csv";
    std::ofstream(tracker) << csv;
    const auto imported =
        cli.run({"alerts", "import", tracker.string(), "--as-of", "2021-06-30"}, "M1");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;

    const auto r = annual("2020-21", {"--as-of", "2021-06-30"});
    const auto raised = rows(r, "Quality alerts and disputes", {4});
    EXPECT_EQ(raised.at(0), "Alerts raised: 11");
    EXPECT_EQ(raised.at(2), "Challenges raised: 11");
    EXPECT_EQ(raised.at(3), "Children the challenges were about: 11");
    EXPECT_EQ(rows(r, "Issues raised in challenges, by category", {4}).back(),
              "All issues raised: 22");
    // All resolved at social worker or manager level: nothing went past stage 1.
    EXPECT_THAT(rows(r, "Challenges by the stage they reached", {0}),
                ElementsAre("Stage 1 Formal Dispute Resolution: 11", "All challenges: 11"));
    EXPECT_THAT(rows(r, "How challenges ended", {0}), testing::Contains("resolved: 11"));
}

}  // namespace
}  // namespace iro
