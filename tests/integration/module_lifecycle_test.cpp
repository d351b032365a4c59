// Runtime behaviour of the registry with real plugin libraries: errored modules, live
// enable/disable/configure, persistence across restarts, and what modules may touch.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "clock/fixed_clock.hpp"
#include "host/host.hpp"
#include "module_store/module_kv_store.hpp"
#include "modules/module_admin.hpp"
#include "support/plugin_sandbox.hpp"

namespace iro {
namespace {

using modules::ModuleState;
using testing::HasSubstr;

const plugin::Date kDay{std::chrono::year{2024} / 3 / 14};

plugin::ReviewHeld review(const std::string& id) {
    return plugin::ReviewHeld{{"evt-" + id, "child-1", kDay}, id, "PN1", ""};
}

std::optional<std::string> kv(host::Host& host, const std::string& module, const std::string& key) {
    return store::ModuleKeyValueStore(host.database(), module).get(key);
}

int notes_of(host::Host& host, const std::string& module) {
    auto stmt = host.database().prepare("SELECT count(*) FROM notes WHERE module_id = ?");
    stmt.bind(1, module);
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

class ModuleLifecycleTest : public testing::Test {
  protected:
    ModuleLifecycleTest() { sandbox.add_probe("probe_good").add_probe("probe_hook_throws"); }

    std::unique_ptr<host::Host> start_host(int threshold = 3) {
        auto host = std::make_unique<host::Host>(sandbox.host_config(threshold), clock, true);
        host->load_modules();
        return host;
    }

    store::Change change(const std::string& actor = "admin-test") {
        return {actor, "2024-03-14T09:00:00Z"};
    }

    test::PluginSandbox sandbox;
    clock::FixedClock clock{kDay};
};

TEST_F(ModuleLifecycleTest, ModuleFailingOnConsecutiveEventsBecomesErroredOthersContinue) {
    auto host = start_host(3);
    auto& registry = host->registry();

    // A success in between resets the count: fail, fail, ok, fail, fail is still healthy.
    for (const char* id : {"fail-1", "fail-2", "ok-3", "fail-4", "fail-5"}) {
        registry.dispatch(review(id));
    }
    EXPECT_EQ(registry.status("probe-hook-throws")->state, ModuleState::enabled);
    EXPECT_EQ(registry.status("probe-hook-throws")->consecutive_failures, 2);

    const auto report = registry.dispatch(review("fail-6"));
    EXPECT_EQ(report.newly_errored, std::vector<std::string>{"probe-hook-throws"});
    const auto errored = registry.status("probe-hook-throws");
    EXPECT_EQ(errored->state, ModuleState::errored);
    EXPECT_THAT(errored->reason,
                HasSubstr("failed on 3 consecutive events; last error: review_held "
                          "evt-fail-6: probe hook failed on review fail-6"));

    // The errored module receives nothing more; the good one received everything.
    registry.dispatch(review("ok-7"));
    EXPECT_EQ(kv(*host, "probe-hook-throws", "review_held_count"), "1");
    EXPECT_EQ(kv(*host, "probe-good", "review_held_count"), "7");
    EXPECT_EQ(notes_of(*host, "probe-good"), 7);

    // The mark is in the audit trail, attributed to the host.
    const auto audit = store::ModuleSettingsStore(host->database()).audit("probe-hook-throws", 5);
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit.front().action, "errored");
    EXPECT_EQ(audit.front().actor, "iro-host");
}

TEST_F(ModuleLifecycleTest, ErroredSurvivesRestartUntilAnAdminReEnablesIt) {
    {
        auto host = start_host(1);
        host->registry().dispatch(review("fail-1"));
        ASSERT_EQ(host->registry().status("probe-hook-throws")->state, ModuleState::errored);
    }
    auto host = start_host(1);
    EXPECT_EQ(host->registry().status("probe-hook-throws")->state, ModuleState::errored);

    store::ModuleSettingsStore settings(host->database());
    const auto manifest = modules::find_manifest(sandbox.plugin_dir(), "probe-hook-throws");
    settings.set_enabled(manifest.id, true, change());
    const auto status = host->registry().apply_settings("probe-hook-throws");
    EXPECT_EQ(status->state, ModuleState::enabled) << status->reason;
    host->registry().dispatch(review("ok-2"));
    EXPECT_EQ(kv(*host, "probe-hook-throws", "review_held_count"), "1");
}

TEST_F(ModuleLifecycleTest, DisableStopsDeliveryAtOnceAndEnableResumesIt) {
    auto host = start_host();
    auto& registry = host->registry();
    store::ModuleSettingsStore settings(host->database());
    const auto manifest = modules::find_manifest(sandbox.plugin_dir(), "probe-good");

    registry.dispatch(review("ok-1"));
    settings.set_enabled(manifest.id, false, change());
    EXPECT_EQ(registry.apply_settings("probe-good")->state, ModuleState::disabled);
    EXPECT_THAT(registry.status("probe-good")->reason, HasSubstr("disabled by admin-test at"));
    registry.dispatch(review("ok-2"));
    EXPECT_EQ(kv(*host, "probe-good", "review_held_count"), "1");
    // Records written while enabled stay readable.
    EXPECT_EQ(notes_of(*host, "probe-good"), 1);

    settings.set_enabled(manifest.id, true, change());
    EXPECT_EQ(registry.apply_settings("probe-good")->state, ModuleState::enabled);
    registry.dispatch(review("ok-3"));
    EXPECT_EQ(kv(*host, "probe-good", "review_held_count"), "2");
}

TEST_F(ModuleLifecycleTest, ConfigurationChangeRestartsTheModuleWithTheNewValues) {
    auto host = start_host();
    EXPECT_EQ(kv(*host, "probe-good", "started"), "hello");  // the manifest's default

    store::ModuleSettingsStore settings(host->database());
    const auto manifest = modules::find_manifest(sandbox.plugin_dir(), "probe-good");
    modules::ConfigEdit edit;
    edit.set.emplace_back("greeting", "bonjour");
    const auto check = [&](const nlohmann::json& proposed) {
        return host->registry().check_settings("probe-good", proposed);
    };
    const auto effective = modules::configure_module(settings, manifest, edit, change(), check);
    EXPECT_EQ(effective, (nlohmann::json{{"greeting", "bonjour"}, {"batch_size", 50}}));
    host->registry().apply_settings("probe-good");
    EXPECT_EQ(kv(*host, "probe-good", "started"), "bonjour");
}

// The module's own rules (API 1.5) run before anything is saved, on an unstarted instance; a
// setting stored behind their back leaves the module failed_to_load with the field named.
TEST_F(ModuleLifecycleTest, TheModuleChecksItsSettingsBeforeTheyAreSaved) {
    auto host = start_host();
    store::ModuleSettingsStore settings(host->database());
    const auto manifest = modules::find_manifest(sandbox.plugin_dir(), "probe-good");
    modules::ConfigEdit edit;
    edit.set.emplace_back("greeting", "refuse-me");
    try {
        modules::configure_module(
            settings, manifest, edit, change(), [&](const nlohmann::json& proposed) {
                return host->registry().check_settings("probe-good", proposed);
            });
        FAIL() << "expected AdminRefused";
    } catch (const modules::AdminRefused& e) {
        EXPECT_THAT(e.what(), HasSubstr("configuration of probe-good refused by the module, "
                                        "nothing saved: /greeting: the probe refuses"));
    }
    EXPECT_FALSE(settings.get("probe-good"));
    EXPECT_EQ(host->registry().status("probe-good")->state, ModuleState::enabled)
        << "the running instance is untouched";
    settings.set_config("probe-good", {{"greeting", "refuse-me"}}, change());
    const auto now = host->registry().apply_settings("probe-good");
    EXPECT_EQ(now->state, ModuleState::failed_to_load);
    EXPECT_THAT(now->reason, HasSubstr("its settings are refused by the module: /greeting"));
}

TEST_F(ModuleLifecycleTest, InvalidConfigurationIsRefusedAndNothingIsStored) {
    auto host = start_host();
    store::ModuleSettingsStore settings(host->database());
    const auto manifest = modules::find_manifest(sandbox.plugin_dir(), "probe-good");
    modules::ConfigEdit edit;
    edit.set.emplace_back("batch_size", 0);
    edit.set.emplace_back("colour", "blue");
    try {
        modules::configure_module(settings, manifest, edit, change(), {});
        FAIL() << "expected AdminRefused";
    } catch (const modules::AdminRefused& e) {
        EXPECT_THAT(e.what(), HasSubstr("configuration of probe-good refused, nothing saved"));
        EXPECT_THAT(e.what(), HasSubstr("/batch_size"));
    }
    EXPECT_FALSE(settings.get("probe-good"));
    EXPECT_TRUE(settings.audit("probe-good", 10).empty());
}

TEST_F(ModuleLifecycleTest, EnableDisableAndConfigurationSurviveRestart) {
    {
        auto host = start_host();
        store::ModuleSettingsStore settings(host->database());
        settings.set_enabled(modules::find_manifest(sandbox.plugin_dir(), "probe-good").id, false,
                             change("alice"));
        modules::ConfigEdit edit;
        edit.set.emplace_back("batch_size", 200);
        modules::configure_module(settings,
                                  modules::find_manifest(sandbox.plugin_dir(), "probe-hook-throws"),
                                  edit, change("bob"), {});
    }
    auto host = start_host();
    const auto good = host->registry().status("probe-good");
    EXPECT_EQ(good->state, ModuleState::disabled);
    EXPECT_THAT(good->reason, HasSubstr("disabled by alice"));
    const auto other = host->registry().status("probe-hook-throws");
    EXPECT_EQ(other->state, ModuleState::enabled);
    EXPECT_EQ(other->config["batch_size"], 200);

    const auto audit = store::ModuleSettingsStore(host->database()).audit("probe-hook-throws", 5);
    ASSERT_EQ(audit.size(), 1U);
    EXPECT_EQ(audit[0].actor, "bob");
    EXPECT_EQ(audit[0].action, "configure");
    EXPECT_EQ(audit[0].old_value, nullptr);
    EXPECT_EQ(audit[0].new_value, (nlohmann::json{{"batch_size", 200}}));
}

TEST_F(ModuleLifecycleTest, EventsReachOnlySubscribedModules) {
    auto host = start_host();
    // Both probes subscribe to daily_tick but not to placement_changed.
    host->registry().dispatch(plugin::PlacementChanged{{"evt-p", "child-1", kDay}, "U1", "U3"});
    EXPECT_EQ(notes_of(*host, "probe-good"), 0);
    const auto report = host->registry().dispatch(plugin::DailyTick{{"tick-2024-03-14", "", kDay}});
    EXPECT_EQ(report.delivered, 2);
    EXPECT_EQ(kv(*host, "probe-good", "last_tick"), "2024-03-14");
}

TEST_F(ModuleLifecycleTest, OneOffCommandsLoadWithoutStartingModules) {
    host::Host host(sandbox.host_config(), clock, /*run_modules=*/false);
    host.load_modules();
    EXPECT_EQ(host.registry().status("probe-good")->state, ModuleState::enabled);
    EXPECT_FALSE(kv(host, "probe-good", "started"));  // start() never ran
    EXPECT_EQ(host.registry().dispatch(review("ok-1")).delivered, 0);
}

}  // namespace
}  // namespace iro
