// Statutory dates count the regulations' working days whatever closure days a council configures:
// the host's child record, its reports and the mid-point module's review prompt give the reg. 33
// date, while the module's own lead times (the consultation before a review) skip the closure
// days. Hand-worked in review_schedule_test.cpp (ClosureDaysNeverMoveAStatutoryDate).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

class StatutoryDatesTest : public testing::Test {
  protected:
    StatutoryDatesTest() {
        std::ofstream(dir.path() / "host.json")
            << R"({"closure_days": ["2020-12-29", "2020-12-30", "2020-12-31"],)"
            << R"( "go_live": "2020-12-01"})";
        // Entered care on Friday 18 December 2020.
        std::ofstream(dir.path() / "events.jsonl")
            << R"({"event_id":"cms-1","kind":"entered_care","child_id":"X1","occurred_on":"2020-12-18","data":{"legal_status":"C2","placement":"U1","date_of_birth":"2012-05-01","sex":"1"}})"
            << "\n";
    }

    test::CommandResult host(std::vector<std::string> args) const {
        args.insert(args.begin(),
                    {test::host_binary().string(), "--config", (dir.path() / "host.json").string(),
                     "--data-dir", (dir.path() / "data").string()});
        return test::run_command(args);
    }

    test::TempDir dir;
};

TEST_F(StatutoryDatesTest, ClosureDaysShapeLeadTimesButNeverTheReviewDate) {
    const auto ingest =
        host({"events", "ingest", (dir.path() / "events.jsonl").string(), "--as-of", "2020-12-18"});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    const auto shown = host({"--json", "child", "show", "X1", "--as-of", "2021-01-04"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_EQ(nlohmann::json::parse(shown.out)["next_review_due"], "2021-01-20");

    const auto tick = host({"tick", "--as-of", "2021-01-04"});
    ASSERT_EQ(tick.exit_code, 0) << tick.out << tick.err;
    const auto listed = host(
        {"--json", "prompts", "list", "--child", "X1", "--as-of", "2021-01-04", "--state", "all"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    std::map<std::string, std::string> due;
    for (const auto& p : nlohmann::json::parse(listed.out)) {
        due[p["kind"].get<std::string>()] = p["due_on"].get<std::string>();
    }
    EXPECT_EQ(due["review_due"], "2021-01-20") << listed.out;
    // 15 of the council's working days before 20 January: 19 Jan back to 4 Jan is 12, then
    // 31-29 December are closed and 28 December a bank holiday: 24, 23, 22 December.
    EXPECT_EQ(due["consultation"], "2020-12-22") << listed.out;
}

}  // namespace
}  // namespace iro
