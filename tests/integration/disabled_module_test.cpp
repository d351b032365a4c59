// A disabled module's features are gone from every face: its commands, its routes and its part of
// the child's panel say the module is disabled rather than read or write its records, and come
// back when it is enabled again. One store, served, with each product module disabled in turn
// while the host serves it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/sqlite.hpp"
#include "support/council_data.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/raw_http.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

using testing::HasSubstr;
using testing::Not;

// A module, one of its commands, one of its routes, and how the panel names it.
struct ModuleFace {
    std::string id;
    std::vector<std::string> command;
    std::string route;
    std::string panel_words;  ///< what the panel says in the module's place; empty: it has no part
};

const std::vector<ModuleFace>& product_modules() {
    static const std::vector<ModuleFace> modules{
        {"oversight-notes",
         {"notes", "list", "--child", "C1"},
         "/api/v1/children/C1/notes",
         "The oversight notes module is disabled."},
        // Prompts are the host's (any module raises them); this module's own feature is its report.
        {"midpoint-prompts",
         {"report", "midpoint", "--year", "2017-18"},
         "/api/v1/reports/midpoint?year=2017-18",
         ""},
        {"quality-alerts",
         {"alerts", "list", "--child", "C1"},
         "/api/v1/children/C1/alerts",
         "The quality alerts module is disabled."},
        {"qaf",
         {"qaf", "questionnaires"},
         "/api/v1/children/C1/qaf",
         "The QAF module is disabled."},
    };
    return modules;
}

std::string get(const std::string& base, const std::string& token, const std::string& target) {
    return test::raw_http(base, "GET " + target +
                                    " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                    "Authorization: Bearer " +
                                    token + "\r\n\r\n");
}

TEST(DisabledModuleTest, ItsCommandsRoutesAndPanelPartSayItIsDisabledUntilItIsEnabledAgain) {
    test::PluginSandbox sandbox;
    sandbox.add_product_modules();
    const test::HostCli cli(sandbox, nlohmann::json{{"log_level", "warning"}});
    ASSERT_EQ(cli.run({"users", "list"}, "it-admin").exit_code, 0);  // makes the store
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3")
        .exec(test::two_children_case_records());
    const auto tokens = cli.add_users(test::council_people(), "it-admin");
    // C1's IRO, who has business with the child; the IRO manager for the reports.
    const auto token_for = [&](const ModuleFace& module) {
        return tokens.at(module.route.rfind("/api/v1/reports/", 0) == 0 ? "MGR" : "IRO1");
    };
    const auto& iro = tokens.at("IRO1");
    auto served = cli.serve();

    for (const auto& module : product_modules()) {
        SCOPED_TRACE(module.id);
        // Enabled: each face does the work.
        const auto before = cli.run(module.command, "IRO1");
        EXPECT_EQ(before.exit_code, 0) << before.err;
        EXPECT_EQ(test::raw_status(get(served.base, token_for(module), module.route)), 200);

        const auto disabled = cli.run({"modules", "disable", module.id}, "it-admin");
        ASSERT_EQ(disabled.exit_code, 0) << disabled.err;

        const auto command = cli.run(module.command, "IRO1");
        EXPECT_EQ(command.exit_code, 3) << command.out;
        EXPECT_THAT(command.err, HasSubstr("the " + module.id + " module is disabled"));
        EXPECT_EQ(command.out, "");

        const auto route = get(served.base, token_for(module), module.route);
        EXPECT_EQ(test::raw_status(route), 404) << route;
        EXPECT_THAT(route, HasSubstr("the " + module.id + " module is disabled"));

        const auto panel = get(served.base, iro, "/panel/children/C1");
        EXPECT_EQ(test::raw_status(panel), 200) << panel;
        if (!module.panel_words.empty()) {
            EXPECT_THAT(panel, HasSubstr(module.panel_words));
        }

        ASSERT_EQ(cli.run({"modules", "enable", module.id}, "it-admin").exit_code, 0);
        const auto again = cli.run(module.command, "IRO1");
        EXPECT_EQ(again.exit_code, 0) << again.err;
        EXPECT_EQ(test::raw_status(get(served.base, token_for(module), module.route)), 200);
        if (!module.panel_words.empty()) {
            EXPECT_THAT(get(served.base, iro, "/panel/children/C1"),
                        Not(HasSubstr(module.panel_words)));
        }
    }
    test::HostCli::expect_graceful_stop(served);
}

}  // namespace
}  // namespace iro
