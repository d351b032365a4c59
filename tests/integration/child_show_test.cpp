// `iro-host child show` on the fixture council, as an IRO manager would run it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

using testing::HasSubstr;

class ChildShowTest : public testing::Test {
  protected:
    ChildShowTest() {
        for (const char* extract : {"march", "june"}) {
            const auto result = test::run_command(cli(
                {"import", "ssda903", std::string(IRO_TEST_FIXTURES_DIR) + "/ssda903/" + extract,
                 "--as-of", "2024-06-30"}));
            EXPECT_EQ(result.exit_code, 0) << result.err;
        }
    }
    std::vector<std::string> cli(std::vector<std::string> args) const {
        std::vector<std::string> argv{test::host_binary().string(), "--data-dir",
                                      sandbox.data_dir().string(), "--plugin-dir",
                                      sandbox.plugin_dir().string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    }
    test::PluginSandbox sandbox;
};

TEST_F(ChildShowTest, HistoryReviewsAndNextReviewDue) {
    const auto result = test::run_command(cli({"child", "show", "1001", "--as-of", "2024-06-30"}));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("Period of care 2023-01-05 to (still looked after)"));
    EXPECT_THAT(result.out, HasSubstr("2024-01-10 to open        RNE B  LS E1  PLACE U4"));
    EXPECT_THAT(result.out, HasSubstr("#1  held 2023-02-01  due by 2023-02-02  on time"));
    EXPECT_THAT(result.out, HasSubstr("#3  held 2023-10-25  due by 2023-10-28  on time"));
    EXPECT_THAT(result.out, HasSubstr("Next review due: 2024-04-25 (OVERDUE by 44 working days)"));

    // As of an earlier day, later reviews and moves are not seen.
    const auto earlier =
        test::run_command(cli({"--json", "child", "show", "1001", "--as-of", "2023-03-01"}));
    ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
    const auto json = nlohmann::json::parse(earlier.out);
    EXPECT_EQ(json["next_review_due"], "2023-05-01");
    EXPECT_EQ(json["periods"][0]["reviews"].size(), 1U);
}

TEST_F(ChildShowTest, LeftCareHasNoNextReviewAndShortBreaksFollowRegulation48) {
    const auto left = test::run_command(cli({"child", "show", "1002", "--as-of", "2024-06-30"}));
    EXPECT_THAT(left.out, HasSubstr("Period of care 2023-03-20 to 2024-05-15"));
    EXPECT_THAT(left.out, HasSubstr("Next review due: none"));
    // V3 from 1 April 2023: first review within 3 months of the first short break.
    const auto short_breaks =
        test::run_command(cli({"child", "show", "1003", "--as-of", "2024-06-30"}));
    EXPECT_THAT(
        short_breaks.out,
        HasSubstr("Short breaks 2023-04-01 to (still looked after)  reviewed under reg. 48"));
    EXPECT_THAT(short_breaks.out, HasSubstr("Next review due: 2023-07-01 (OVERDUE"));
}

TEST_F(ChildShowTest, BadAsOfDayIsRefusedByEveryCommandThatTakesOne) {
    const auto show = test::run_command(cli({"child", "show", "1001", "--as-of", "30/06/2024"}));
    EXPECT_EQ(show.exit_code, 3);
    EXPECT_THAT(show.err, HasSubstr("--as-of '30/06/2024' is not a date (YYYY-MM-DD)"));
    const auto import = test::run_command(
        cli({"import", "ssda903", std::string(IRO_TEST_FIXTURES_DIR) + "/ssda903/june", "--as-of",
             "2024-02-30"}));
    EXPECT_EQ(import.exit_code, 3);
    EXPECT_THAT(import.err, HasSubstr("--as-of '2024-02-30' is not a date (YYYY-MM-DD)"));
}

TEST_F(ChildShowTest, UnknownChildIsRefused) {
    const auto result = test::run_command(cli({"child", "show", "999"}));
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_THAT(result.err, HasSubstr("no child '999' in the case records"));
}

}  // namespace
}  // namespace iro
