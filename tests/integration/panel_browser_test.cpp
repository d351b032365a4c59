// The child's panel in a real browser: `iro-host serve` on loopback and Debian's headless
// Chromium driven by playwright-core (tests/e2e/panel_walkthrough.mjs), 360 px wide. A social
// worker signs in with their token and acknowledges a prompt addressed to them; the child's IRO
// signs in and adds a note; both with JavaScript off and by keyboard. axe-core then checks every
// page each of them sees against WCAG 2.1 A and AA. The screenshots go to the build tree's
// screenshots/ (scripts/refresh-screenshots.sh copies them into docs/).

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <array>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/host_cli.hpp"
#include "support/panel_child.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

constexpr std::array kScreenshots = {"panel-social-worker.png", "panel-iro.png"};

constexpr const char* kNote =
    "Spoke with the social worker about the overdue review; a date is being booked for next week.";

class PanelBrowserTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_modules();
        // Live for years: the history's overdue review opens a prompt rather than joining the
        // go-live backlog.
        cli = std::make_unique<test::HostCli>(
            sandbox, nlohmann::json{{"log_level", "warning"}, {"go_live", "2000-01-01"}});
        const fs::path events = sandbox.data_dir().parent_path() / "history.jsonl";
        std::ofstream(events) << test::panel_child_history();
        run_ok({"events", "ingest", events.string(), "--as-of", test::days_ago(0)}, "it-admin");
        run_ok({"tick", "--as-of", test::days_ago(0)}, "it-admin");
        run_ok({"alerts", "raise", "--child", "C1", "--category", "practice_care_plan",
                "--description", "The care plan has not been updated since the first review"},
               "IRO1");
        for (const auto& [user, role] : std::vector<std::pair<std::string, std::string>>{
                 {"SW1", "social_worker"}, {"IRO1", "iro"}}) {
            run_ok({"users", "add", user, "--role", role, "--worker", user}, "it-admin");
            tokens[user] = cli->json({"tokens", "create", "--user", user}, "it-admin")["token"];
        }
        served = cli->serve();
        base = served.base;
    }

    void TearDown() override { test::HostCli::expect_graceful_stop(served); }

    void run_ok(const std::vector<std::string>& args, const std::string& actor) const {
        const auto r = cli->run(args, actor);
        ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    }

    nlohmann::json walkthrough() const {
        const fs::path screenshots = IRO_SCREENSHOT_DIR;
        fs::create_directories(screenshots);
        // Gone before the browser runs, so what the size check finds is what it wrote now.
        for (const char* shot : kScreenshots) {
            fs::remove(screenshots / shot);
        }
        const nlohmann::json plan = {
            {"base", base},
            {"child", "C1"},
            {"screenshot_dir", screenshots.string()},
            {"users",
             {{{"name", "social-worker"}, {"token", tokens.at("SW1")}, {"action", "acknowledge"}},
              {{"name", "iro"},
               {"token", tokens.at("IRO1")},
               {"action", "add_note"},
               {"note", kNote}}}}};
        const fs::path plan_file = sandbox.data_dir().parent_path() / "panel-plan.json";
        std::ofstream(plan_file) << plan.dump();
        const auto browser = test::run_command(
            {"/usr/bin/env", "node", (fs::path(IRO_E2E_DIR) / "panel_walkthrough.mjs").string(),
             plan_file.string()},
            std::chrono::seconds(180));
        EXPECT_EQ(browser.exit_code, 0) << browser.err << browser.out;
        return nlohmann::json::parse(browser.out, nullptr, false);
    }

    test::PluginSandbox sandbox;
    std::unique_ptr<test::HostCli> cli;
    std::map<std::string, std::string> tokens;
    test::HostCli::Served served;
    std::string base;
};

// What every user's panel must be, whoever they are.
void expect_a_well_formed_panel(const nlohmann::json& seen) {
    EXPECT_EQ(seen["h1"], nlohmann::json::array({"IRO oversight: child C1"}));
    EXPECT_EQ(seen["landmarks"], nlohmann::json({{"banner", 1}, {"main", 1}, {"contentinfo", 1}}));
    EXPECT_THAT(seen["h2"].dump(), HasSubstr("Open prompts"));
    EXPECT_THAT(seen["h2"].dump(), HasSubstr("Open alerts (1)"));
    EXPECT_THAT(seen["h2"].dump(), HasSubstr("Latest IRO notes"));
    EXPECT_EQ(seen["scripts"], 0);
    EXPECT_LE(seen["scrollWidth"].get<int>(), 360) << "the panel scrolls sideways at 360 px";
    EXPECT_EQ(seen["alerts"], 1);
    EXPECT_THAT(seen["text"].get<std::string>(), HasSubstr("Stage: Informal"));
    EXPECT_THAT(seen["text"].get<std::string>(), HasSubstr("Response due"));
}

// One user's walk: it ran to the end, began at the sign-in form, and the panel before and after
// the action was well formed, with the skip link first, nothing fetched from elsewhere and no
// console error.
void expect_a_clean_walk(const nlohmann::json& walk) {
    ASSERT_FALSE(walk.contains("failure")) << walk["name"] << ": " << walk["failure"];
    EXPECT_TRUE(walk["signIn"]["redirectedToSignIn"].get<bool>()) << walk["name"];
    EXPECT_TRUE(walk["skipLinkFirst"].get<bool>()) << walk["name"];
    expect_a_well_formed_panel(walk["before"]);
    expect_a_well_formed_panel(walk["after"]);
    EXPECT_EQ(walk["outside_requests"], nlohmann::json::array()) << walk["name"];
    EXPECT_EQ(walk["errors"], nlohmann::json::array()) << walk["name"];
}

TEST_F(PanelBrowserTest, ASocialWorkerAcknowledgesAPromptAndAnIroAddsANoteByKeyboard) {
    const auto result = walkthrough();
    ASSERT_TRUE(result.is_object()) << "the walkthrough printed no result";
    ASSERT_EQ(result["walks"].size(), 2U);

    const auto& sw = result["walks"][0];
    expect_a_clean_walk(sw);
    if (HasFatalFailure()) {
        return;
    }
    EXPECT_GE(sw["before"]["acknowledgeButtons"].get<int>(), 1);
    EXPECT_GT(sw["tabPresses"].get<int>(), 0) << "the Acknowledge button is not reachable by Tab";
    EXPECT_EQ(sw["after"]["status"], "Prompt acknowledged.");
    EXPECT_EQ(sw["after"]["acknowledgeButtons"].get<int>(),
              sw["before"]["acknowledgeButtons"].get<int>() - 1);
    EXPECT_EQ(sw["before"]["respondForms"], 1) << "a social worker answers the alert";
    EXPECT_EQ(sw["before"]["addNoteForm"], 0) << "only IROs add notes";
    EXPECT_EQ(sw["before"]["qafLinks"], 0) << "only IROs complete the QAF";

    const auto& iro = result["walks"][1];
    expect_a_clean_walk(iro);
    if (HasFatalFailure()) {
        return;
    }
    EXPECT_EQ(iro["before"]["addNoteForm"], 1);
    EXPECT_EQ(iro["before"]["respondForms"], 0) << "the IRO raised the alert; social care answers";
    EXPECT_EQ(iro["before"]["qafLinks"], 1) << "the first review has no QAF yet";
    EXPECT_GT(iro["tabPresses"].get<int>(), 0) << "the note field is not reachable by Tab";
    EXPECT_TRUE(iro["submitFollowsNote"].get<bool>());
    EXPECT_EQ(iro["after"]["status"], "Note added to the child's file.");
    EXPECT_EQ(iro["before"]["notes"].size() + 1, iro["after"]["notes"].size());
    EXPECT_THAT(iro["after"]["notes"][0].get<std::string>(), HasSubstr(kNote));
    EXPECT_THAT(iro["after"]["notes"][0].get<std::string>(), HasSubstr("By IRO1 (IRO)"));

    // The store agrees with what the browser showed, and the audit log holds both users' actions.
    const auto prompts =
        cli->json({"prompts", "list", "--child", "C1", "--state", "acknowledged"}, "it-admin");
    ASSERT_EQ(prompts.size(), 1U);
    EXPECT_EQ(prompts[0]["body"]["title"], sw["acted_on"]);
    const auto notes = cli->json({"notes", "list", "--child", "C1"}, "it-admin");
    EXPECT_THAT(notes.dump(), HasSubstr(kNote));
    const auto sw_trail = cli->json({"audit", "search", "--actor", "SW1"}, "it-admin");
    EXPECT_THAT(sw_trail.dump(), HasSubstr("/panel/children/{id}/prompts/{prompt_id}/acknowledge"));
    const auto iro_trail = cli->json({"audit", "search", "--actor", "IRO1"}, "it-admin");
    EXPECT_THAT(iro_trail.dump(), HasSubstr("/panel/children/{id}/notes"));

    // axe-core: no WCAG 2.1 A/AA violation of any impact on any page either user sees.
    std::set<std::string> audited;
    for (const auto& user : result["audits"]) {
        for (const auto& page : user["pages"]) {
            ASSERT_FALSE(page.contains("failure")) << page["failure"];
            audited.insert(user["name"].get<std::string>() + ":" + page["page"].get<std::string>());
            EXPECT_GT(page["passes"].get<int>(), 10);
            for (const auto& v : page["violations"]) {
                ADD_FAILURE() << "axe (" << v["impact"] << ") on " << user["name"] << " "
                              << page["page"] << ": " << v.dump();
            }
        }
    }
    EXPECT_EQ(audited, (std::set<std::string>{"social-worker:sign-in", "social-worker:panel",
                                              "iro:sign-in", "iro:panel", "iro:qaf-form"}));
    for (const char* shot : kScreenshots) {
        const fs::path file = fs::path(IRO_SCREENSHOT_DIR) / shot;
        ASSERT_TRUE(fs::exists(file)) << "the browser wrote no " << file;
        EXPECT_GT(fs::file_size(file), 10000U) << shot;
    }
}

}  // namespace
}  // namespace iro
