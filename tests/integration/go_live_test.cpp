// Go-live: the first tick over a council's history opens only what falls due from that day on.
// What fell due before is the go-live backlog: counted by kind and IRO, reported once by the tick
// that recorded it, and never opened by a later tick.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

// C1 enters care on Mon 1 Apr 2019 with IRO W10; first review held 29 April. Its QAF was due
// 30 April and its mid-point in June; the second review is due 29 July.
constexpr const char* kHistory =
    R"({"event_id":"e1","kind":"entered_care","child_id":"C1","occurred_on":"2019-04-01","data":{"legal_status":"C2","placement":"U1","date_of_birth":"2010-05-01","sex":"2"}})"
    "\n"
    R"({"event_id":"e2","kind":"allocation_changed","child_id":"C1","occurred_on":"2019-04-01","data":{"role":"iro","worker_id":"W10","team_id":"IRO Service"}})"
    "\n"
    R"({"event_id":"e3","kind":"review_held","child_id":"C1","occurred_on":"2019-04-29","data":{"review_id":"R1","participation":"PN1"}})"
    "\n";

class GoLiveTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_module("midpoint_prompts").add_product_module("oversight_notes");
        const fs::path file = sandbox.data_dir().parent_path() / "history.jsonl";
        std::ofstream(file) << kHistory;
        ASSERT_EQ(run({"events", "ingest", file.string(), "--as-of", "2019-12-31"}).exit_code, 0);
    }

    test::CommandResult run(const std::vector<std::string>& args) const {
        return test::run_command(sandbox.host_argv("W10", args));
    }

    nlohmann::json prompts() const {
        const auto r = run({"--json", "prompts", "list", "--child", "C1", "--state", "all"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }

    test::PluginSandbox sandbox;
};

TEST_F(GoLiveTest, TheFirstTickOpensWhatIsDueFromGoLiveOnAndCountsTheRestOnce) {
    const auto first = run({"tick", "--as-of", "2019-07-15"});
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    EXPECT_THAT(first.out,
                HasSubstr("fell due before go-live on 2019-07-15; recorded, not opened"));
    EXPECT_THAT(first.out, testing::ContainsRegex("midpoint_check +1\n"));
    EXPECT_THAT(first.out, testing::ContainsRegex("BY IRO +PROMPTS\nW10 +[1-9]"));
    for (const auto& p : prompts()) {
        EXPECT_GE(p["due_on"].get<std::string>(), "2019-07-15") << p.dump();
    }
    const auto open = prompts();
    EXPECT_TRUE(std::any_of(open.begin(), open.end(), [](const nlohmann::json& p) {
        return p["kind"] == "review_due" && p["due_on"] == "2019-07-29";
    })) << open.dump(2);

    // Reported once; the backlog stays unopened on later days.
    const auto second = run({"tick", "--as-of", "2019-07-16"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_THAT(second.out, testing::Not(HasSubstr("Go-live backlog")));
    for (const auto& p : prompts()) {
        EXPECT_GE(p["due_on"].get<std::string>(), "2019-07-15") << p.dump();
    }
}

}  // namespace
}  // namespace iro
