// iro-host as a council's IT team runs it: `serve` in one process, `modules ...` from another.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

class ServeProcessTest : public testing::Test {
  protected:
    std::vector<std::string> cli(const std::vector<std::string>& args) const {
        return sandbox.host_argv("it-admin", args);
    }

    std::unique_ptr<test::BackgroundProcess> serve() {
        auto process =
            std::make_unique<test::BackgroundProcess>(cli({"serve", "--listen", "127.0.0.1:0"}));
        process->wait_for_output("Serving. Press Ctrl-C to stop.");
        return process;
    }

    nlohmann::json list_json() const {
        const auto result = test::run_command(cli({"--json", "modules", "list"}));
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out);
    }

    static std::string state_of(const nlohmann::json& list, const std::string& id) {
        for (const auto& m : list) {
            if (m["id"] == id) {
                return m["state"];
            }
        }
        return "missing";
    }

    test::PluginSandbox sandbox;
};

TEST_F(ServeProcessTest, MainJobShowsTheFourProductModulesAndWhereDataLives) {
    sandbox.add_product_modules();
    auto host = serve();
    const std::string out = host->wait_for_output("Serving.");
    EXPECT_THAT(out, HasSubstr("data directory   " + sandbox.data_dir().string()));
    EXPECT_THAT(out, HasSubstr("database         " + sandbox.data_dir().string() +
                               "/iro-oversight.sqlite3"));
    EXPECT_THAT(out, HasSubstr("Modules (4 of 4 enabled)"));
    for (const char* id : {"oversight-notes", "midpoint-prompts", "quality-alerts", "qaf"}) {
        EXPECT_THAT(out,
                    testing::ContainsRegex(std::string(id) + " +[0-9]+\\.[0-9]+\\.0 +enabled"));
    }
    struct stat info {};
    ASSERT_EQ(stat(sandbox.data_dir().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700U) << "the data directory holds children's records";
    EXPECT_EQ(host->stop(SIGTERM), 0) << host->stderr_text();
}

TEST_F(ServeProcessTest, RunningHostAppliesAdminChangesWithoutRestart) {
    sandbox.add_probe("probe_good").add_probe("probe_second");
    auto host = serve();

    const auto disabled = test::run_command(cli({"modules", "disable", "probe-good"}));
    ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
    EXPECT_THAT(disabled.out, HasSubstr("Disabled probe-good (recorded by it-admin at"));
    EXPECT_THAT(disabled.out,
                HasSubstr("Applied by the running host (pid " + std::to_string(host->pid()) +
                          "): probe-good is now disabled"));
    auto list = list_json();
    EXPECT_EQ(state_of(list, "probe-good"), "disabled");
    EXPECT_EQ(state_of(list, "probe-second"), "enabled");

    const auto configured =
        test::run_command(cli({"modules", "config", "probe-second", "--set", "greeting=hi"}));
    ASSERT_EQ(configured.exit_code, 0) << configured.err;
    EXPECT_THAT(configured.out, HasSubstr("probe-second is now enabled"));

    const auto refused =
        test::run_command(cli({"modules", "config", "probe-second", "--set", "batch_size=9999"}));
    EXPECT_EQ(refused.exit_code, 3);
    EXPECT_THAT(refused.err, HasSubstr("/batch_size"));
    EXPECT_THAT(refused.err, HasSubstr("nothing saved"));

    const auto enabled = test::run_command(cli({"modules", "enable", "probe-good"}));
    ASSERT_EQ(enabled.exit_code, 0) << enabled.err;
    EXPECT_THAT(enabled.out, HasSubstr("probe-good is now enabled"));
    EXPECT_EQ(state_of(list_json(), "probe-good"), "enabled");

    const auto show = test::run_command(cli({"modules", "show", "probe-good"}));
    EXPECT_THAT(show.out, HasSubstr("enable     by it-admin: \"disabled\" -> \"enabled\""));
    EXPECT_THAT(show.out, HasSubstr("disable    by it-admin: \"default\" -> \"disabled\""));

    EXPECT_EQ(host->stop(SIGTERM), 0) << host->stderr_text();
}

TEST_F(ServeProcessTest, SettingsSurviveARestartOfTheService) {
    sandbox.add_probe("probe_good").add_probe("probe_second");
    {
        auto host = serve();
        ASSERT_EQ(test::run_command(cli({"modules", "disable", "probe-second"})).exit_code, 0);
        ASSERT_EQ(
            test::run_command(cli({"modules", "config", "probe-good", "--set", "batch_size=7"}))
                .exit_code,
            0);
        EXPECT_EQ(host->stop(SIGTERM), 0);
    }
    auto host = serve();
    const auto list = list_json();
    EXPECT_EQ(state_of(list, "probe-second"), "disabled");
    EXPECT_EQ(state_of(list, "probe-good"), "enabled");
    for (const auto& m : list) {
        if (m["id"] == "probe-good") {
            EXPECT_EQ(m["config"]["batch_size"], 7);
        }
    }
    EXPECT_EQ(host->stop(SIGINT), 0);
}

TEST_F(ServeProcessTest, BrokenPluginsDoNotStopTheHostAndAreListedWithTheirReasons) {
    sandbox.add_product_modules()
        .add_probe("probe_api_major")
        .add_probe("probe_unresolved")
        .add_probe("probe_bad_json");
    auto host = serve();
    const auto result = test::run_command(cli({"modules", "list"}));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, testing::ContainsRegex("probe-api-major +1\\.0\\.0 +incompatible +the "
                                                   "library was built for plugin API 2\\.0"));
    EXPECT_THAT(
        result.out,
        testing::ContainsRegex(
            "probe-unresolved +1\\.0\\.0 +failed_to_load +cannot load probe_unresolved\\.so"));
    EXPECT_THAT(result.out,
                testing::ContainsRegex(
                    "probe_bad_json +- +failed_to_load +manifest .*probe_bad_json\\.json:4:"));
    EXPECT_THAT(result.out, testing::ContainsRegex("qaf +1\\.0\\.0 +enabled"));
    EXPECT_THAT(result.out, testing::Not(HasSubstr("No iro-host is serving")));
    EXPECT_EQ(host->stop(SIGTERM), 0);
}

TEST_F(ServeProcessTest, SecondHostOnTheSameDataDirectoryIsRefused) {
    sandbox.add_probe("probe_good");
    auto host = serve();
    const auto second = test::run_command(cli({"serve", "--listen", "127.0.0.1:0"}));
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_THAT(second.err, HasSubstr("another iro-host (pid " + std::to_string(host->pid()) +
                                      ") is already serving"));
    EXPECT_EQ(host->stop(SIGTERM), 0);
}

TEST_F(ServeProcessTest, StaleSocketFromAKilledHostIsReplaced) {
    sandbox.add_probe("probe_good");
    {
        auto host = serve();
        EXPECT_EQ(host->stop(SIGKILL), 128 + SIGKILL);
    }
    auto host = serve();  // would throw if the stale socket blocked it
    EXPECT_EQ(state_of(list_json(), "probe-good"), "enabled");
    EXPECT_EQ(host->stop(SIGTERM), 0);
}

TEST_F(ServeProcessTest, ChangesWithoutARunningHostSayWhenTheyApply) {
    sandbox.add_probe("probe_good");
    const auto result = test::run_command(cli({"modules", "disable", "probe-good"}));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("No iro-host is serving"));
    EXPECT_THAT(result.out, HasSubstr("the change takes effect when it starts"));
    const auto list = test::run_command(cli({"modules", "list"}));
    EXPECT_THAT(list.out,
                testing::ContainsRegex("probe-good +1\\.0\\.0 +disabled +disabled by it-admin"));
    EXPECT_THAT(list.out,
                HasSubstr("states are from loading the modules now, without starting them"));
    const auto unknown = test::run_command(cli({"modules", "enable", "no-such-module"}));
    EXPECT_EQ(unknown.exit_code, 3);
    EXPECT_THAT(unknown.err, HasSubstr("no module 'no-such-module'"));
    EXPECT_THAT(unknown.err, HasSubstr("known modules: probe-good"));
}

TEST_F(ServeProcessTest, AModuleWhoseStartKillsTheProcessIsErroredAtTheNextStartNotRetried) {
    sandbox.add_probe("probe_good").add_probe("probe_start_crashes");
    // Its start() aborts: the service never says it is serving (systemd would restart it).
    {
        test::BackgroundProcess crashing(cli({"serve", "--listen", "127.0.0.1:0"}));
        EXPECT_THROW(crashing.wait_for_output("Serving."), std::runtime_error);
        EXPECT_NE(crashing.stop(SIGTERM), 0);
    }

    // The next process finds the marker the dead one left: errored, with why, and not started.
    auto list = list_json();
    EXPECT_EQ(state_of(list, "probe-start-crashes"), "errored");
    for (const auto& m : list) {
        if (m["id"] == "probe-start-crashes") {
            EXPECT_THAT(m["reason"].get<std::string>(),
                        HasSubstr("crashed while starting: the process loading it ended at "));
            EXPECT_THAT(m["reason"].get<std::string>(), HasSubstr("enable the module to retry"));
        }
    }
    {
        const auto served = serve();
        EXPECT_EQ(state_of(list_json(), "probe-good"), "enabled");
        EXPECT_EQ(served->stop(SIGTERM), 0) << served->stderr_text();
    }
    EXPECT_TRUE(fs::is_empty(sandbox.data_dir() / "module-starts"))
        << "a start that returned leaves no marker";

    // An administrator enabling it again clears the mark; the next start tries it, as asked.
    EXPECT_EQ(test::run_command(cli({"modules", "enable", "probe-start-crashes"})).exit_code, 0);
    EXPECT_EQ(state_of(list_json(), "probe-start-crashes"), "enabled");
    test::BackgroundProcess again(cli({"serve", "--listen", "127.0.0.1:0"}));
    EXPECT_THROW(again.wait_for_output("Serving."), std::runtime_error);
}

}  // namespace
}  // namespace iro
