// Modules built from each earlier plugin API minor's headers as they shipped (tests/abi) load and
// run in today's host: they read case records, keep state, raise and list prompts (1.2) and answer
// requests (1.1) with the values the host holds. A struct changed under a released minor would
// show here as a wrong value, a refused load or (in the asan preset) a sanitizer report.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "clock/fixed_clock.hpp"
#include "host/host.hpp"
#include "importers/ssda903_import.hpp"
#include "module_store/module_kv_store.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/store_queries.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;

const plugin::Date kToday{std::chrono::year{2024} / 6 / 30};

class AbiCompatibilityTest : public testing::TestWithParam<int> {
  protected:
    int minor() const { return GetParam(); }
    std::string module_id() const { return "abi-probe-1-" + std::to_string(minor()); }

    std::optional<std::string> kept(host::Host& host, const std::string& key) const {
        return store::ModuleKeyValueStore(host.database(), module_id()).get(key);
    }

    test::PluginSandbox sandbox;
    clock::FixedClock clock{kToday};
};

TEST_P(AbiCompatibilityTest, AModuleBuiltFromThatMinorsHeadersRunsInTodaysHost) {
    sandbox.add_module_from(IRO_ABI_PROBE_DIR, "abi_probe_1_" + std::to_string(minor()));
    host::Host host(sandbox.host_config(), clock, /*run_modules=*/true);
    host.load_modules();
    const auto status = host.registry().status(module_id());
    ASSERT_TRUE(status);
    ASSERT_EQ(status->state, modules::ModuleState::enabled) << status->reason;

    importers::import_ssda903(host.database(),
                              fs::path(IRO_TEST_FIXTURES_DIR) / "ssda903" / "march",
                              {"tester", "2024-06-30T09:00:00Z"}, kToday);

    // 1.0: the records as the module's own layout of Child, Episode and Review reads them.
    const auto review = host.registry().dispatch(
        plugin::ReviewHeld{{"evt-abi-review", "1001", kToday}, "R-abi", "PN3", ""});
    EXPECT_TRUE(review.failures.empty());
    EXPECT_EQ(review.delivered, 1);
    EXPECT_EQ(kept(host, "review:R-abi"),
              "1001,1,2012-03-15"
              ";2023-01-05,2023-06-01,C2,U1;2023-06-01,-,C2,U3"
              ";review 903:1001:2023-02-01,2023-02-01,PN1"
              ";review 903:1001:2023-04-28,2023-04-28,PN2"
              "|PN3");

    const auto tick = host.registry().dispatch(plugin::DailyTick{{"tick-2024-06-30", "", kToday}});
    EXPECT_TRUE(tick.failures.empty());
    EXPECT_EQ(tick.delivered, 1);
    if (minor() >= 2) {
        // 1.2: PromptDraft, PromptRecord and OpenPrompt in the layout 1.2 shipped with, both
        // ways across the boundary, and what the host stored from them.
        EXPECT_EQ(kept(host, "tick"),
                  "abi-probe:1001,abi_probe,iro,r1,2024-06-30,ABI probe"
                  ";abi-probe:1001,abi_probe,r1,2024-06-30,open");
        EXPECT_EQ(
            test::query_rows(host.database(),
                             "SELECT prompt_key || ' ' || kind || ' ' || audience || ' ' || "
                             "visible_to || ' ' || due_on || ' ' || state || ' ' || body "
                             "FROM prompts WHERE module_id = '" +
                                 module_id() + "'"),
            std::vector<std::string>{
                R"(abi-probe:1001 abi_probe iro ["iro_manager"] 2024-06-30 open {"title":"ABI probe"})"});
    } else {
        EXPECT_EQ(kept(host, "tick"), "2024-06-30");
    }

    if (minor() >= 1) {
        // 1.1: Request and RequestOutcome.
        const auto answer = host.registry().handle_request(
            {"abi_probe_report", {"IRO1001", "iro"}, {{"asked", "everything"}}});
        EXPECT_EQ(answer.module_id, module_id());
        ASSERT_EQ(answer.outcome.status, plugin::RequestStatus::ok) << answer.outcome.message;
        EXPECT_EQ(answer.outcome.reply["minor"], minor());
        EXPECT_EQ(answer.outcome.reply["actor"], "IRO1001/iro");
        EXPECT_EQ(answer.outcome.reply["input"], (nlohmann::json{{"asked", "everything"}}));
        EXPECT_TRUE(answer.outcome.reply["kept"].contains("review:R-abi"));
    }
}

INSTANTIATE_TEST_SUITE_P(EarlierMinors, AbiCompatibilityTest, testing::Values(0, 1, 2, 3, 4, 5),
                         [](const testing::TestParamInfo<int>& minor) {
                             return "Api1_" + std::to_string(minor.param);
                         });

}  // namespace
}  // namespace iro
