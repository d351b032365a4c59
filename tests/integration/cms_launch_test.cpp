// The panel opened from the case-management system: a launch URL the CMS signs for one user and
// one child (auth/signed_requests.hpp), against `iro-host serve` on loopback.
//
// LaunchTest (no single sign-on): a good launch signs the user in and shows the child's panel;
// a launch used twice, come too late or too early, for a child the user may not see, with a bad
// signature, for another child than it was signed for, from a revoked integration or for an
// unknown user is refused with a page saying so, and starts no session.
//
// CmsLaunchBrowserTest: in Debian's headless Chromium, a CMS page on another origin frames the
// panel through a launch; single sign-on is required, so the launch hands over to the council's
// OpenID provider (npm oidc-provider on loopback, tests/e2e/oidc_provider.mjs). The social worker
// signs in there, acknowledges their prompt in the frame and signs out; the IRO adds a note and
// completes the QAF. At 360 and 1280 px, with JavaScript off and on; axe-core finds no WCAG 2.1
// A/AA violation; screenshots go to the build tree.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "auth/signed_requests.hpp"
#include "support/host_cli.hpp"
#include "support/oidc_provider_process.hpp"
#include "support/panel_child.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/raw_http.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The child's case history, the users and the CMS integration every launch test has.
struct LaunchSetup {
    explicit LaunchSetup(const nlohmann::json& extra_config) {
        sandbox.add_product_modules();
        nlohmann::json config = {{"log_level", "warning"}, {"go_live", "2000-01-01"}};
        config.update(extra_config);
        cli = std::make_unique<test::HostCli>(sandbox, config);
        const fs::path events = sandbox.data_dir().parent_path() / "history.jsonl";
        std::ofstream(events) << test::panel_child_history();
        run_ok({"events", "ingest", events.string(), "--as-of", test::days_ago(0)});
        run_ok({"tick", "--as-of", test::days_ago(0)});
        run_ok({"users", "add", "SW1", "--role", "social_worker", "--worker", "SW1"});
        run_ok({"users", "add", "IRO1", "--role", "iro", "--worker", "IRO1"});
        secret = cli->json({"integrations", "add", "cms-main"}, "it-admin")["secret"];
    }

    void run_ok(const std::vector<std::string>& args) const {
        const auto r = cli->run(args, "it-admin");
        ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    }

    test::PluginSandbox sandbox;
    std::unique_ptr<test::HostCli> cli;
    std::string secret;
};

class LaunchTest : public testing::Test {
  protected:
    void SetUp() override { served = setup.cli->serve(); }
    void TearDown() override { test::HostCli::expect_graceful_stop(served); }

    /// The launch URL's path and query, signed for `signed_child`, asking for `child`.
    std::string launch(const std::string& user, const std::string& child, std::int64_t ts,
                       const std::string& nonce, const std::string& signed_child = "") const {
        auth::PanelLaunch l{signed_child.empty() ? child : signed_child,
                            user,
                            "cms-main",
                            std::to_string(ts),
                            nonce,
                            ""};
        const auto sig = auth::sign(auth::launch_request(l), setup.secret);
        return "/panel/launch?child=" + child + "&user=" + user +
               "&client=cms-main&ts=" + std::to_string(ts) + "&nonce=" + nonce + "&sig=" + sig;
    }

    std::string get(const std::string& target, const std::string& cookie = "") const {
        return test::raw_http(
            served.base, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n" +
                             (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") +
                             "Connection: close\r\n\r\n");
    }

    static std::string session_cookie(const std::string& response) {
        const auto at = response.find("iro_panel=");
        return at == std::string::npos ? "" : response.substr(at, response.find(';', at) - at);
    }

    int launch_sessions() const {
        const auto r = test::run_command(
            {"/usr/bin/env", "sqlite3",
             (setup.sandbox.data_dir() / "iro-oversight.sqlite3").string(),
             "SELECT count(*) FROM panel_sessions WHERE signed_in_with = 'launch'"});
        return std::stoi(r.out);
    }

    LaunchSetup setup{nlohmann::json::object()};
    test::HostCli::Served served;
};

TEST_F(LaunchTest, AGoodLaunchSignsTheUserInOnceAndShowsTheChildsPanel) {
    const auto url = launch("SW1", "C1", unix_now(), "launch-nonce-000001");
    const auto first = get(url);
    ASSERT_EQ(test::raw_status(first), 200) << first;
    EXPECT_THAT(first, HasSubstr("url=/panel/children/C1"));
    const auto cookie = session_cookie(first);
    ASSERT_FALSE(cookie.empty()) << first;
    const auto panel = get("/panel/children/C1", cookie);
    EXPECT_EQ(test::raw_status(panel), 200) << panel;
    EXPECT_THAT(panel, HasSubstr("Signed in as SW1"));

    const auto again = get(url);
    EXPECT_EQ(test::raw_status(again), 401) << "a launch URL worked twice";
    EXPECT_THAT(again, HasSubstr("has expired or has already been used"));
    EXPECT_TRUE(session_cookie(again).empty());
    EXPECT_EQ(launch_sessions(), 1);

    const auto trail = setup.cli->json({"audit", "search", "--actor", "SW1"}, "it-admin");
    EXPECT_THAT(trail.dump(),
                HasSubstr("session started for SW1 (launch) by launch from cms-main"));
}

TEST_F(LaunchTest, EveryOtherLaunchIsRefusedAndStartsNoSession) {
    const auto now = unix_now();
    struct Case {
        std::string name;
        std::string target;
        int status;
        std::string says;
    };
    std::string tampered = launch("SW1", "C1", now, "launch-nonce-000009");
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    const std::vector<Case> cases = {
        {"expired", launch("SW1", "C1", now - 120, "launch-nonce-000002"), 401, "expired"},
        {"from the future", launch("SW1", "C1", now + 120, "launch-nonce-000003"), 401, "expired"},
        {"a child the user may not see", launch("SW1", "C2", now, "launch-nonce-000004"), 403,
         "a child you are not allocated to"},
        {"an unknown child", launch("SW1", "C404", now, "launch-nonce-000005"), 403,
         "a child you are not allocated to"},
        {"signed for another child", launch("SW1", "C1", now, "launch-nonce-000006", "C2"), 401,
         "expired"},
        {"an unknown user", launch("SW9", "C1", now, "launch-nonce-000007"), 401, "expired"},
        {"a bad signature", tampered, 401, "expired"},
        {"no signature", "/panel/launch?child=C1&user=SW1&client=cms-main", 401, "expired"},
        {"a hostile child id", "/panel/launch?child=%3Cscript%3E&user=SW1", 401, "expired"},
    };
    for (const auto& c : cases) {
        const auto response = get(c.target);
        EXPECT_EQ(test::raw_status(response), c.status) << c.name << "\n" << response;
        EXPECT_THAT(response, HasSubstr(c.says)) << c.name;
        EXPECT_THAT(response, HasSubstr("<!DOCTYPE html>")) << c.name << ": a page for a person";
        EXPECT_TRUE(session_cookie(response).empty()) << c.name;
    }
    // A revoked integration's launches stop at once.
    setup.run_ok({"integrations", "revoke", "cms-main"});
    EXPECT_EQ(test::raw_status(get(launch("SW1", "C1", unix_now(), "launch-nonce-000008"))), 401);
    EXPECT_EQ(launch_sessions(), 0);

    const auto trail = setup.cli->json({"audit", "search", "--child", "C2"}, "it-admin");
    EXPECT_THAT(trail.dump(), HasSubstr("launch refused: no allocation gives access"));
}

class CmsLaunchBrowserTest : public testing::Test {
  protected:
    void SetUp() override {
        issuer = provider.issuer();
        setup = std::make_unique<LaunchSetup>(nlohmann::json{
            {"oidc", {{"issuer", issuer}, {"client_id", "iro-panel"}, {"required", true}}},
            // The CMS page's origin: loopback on a port only its server knows.
            {"http", {{"frame_ancestors", {"http://127.0.0.1:*"}}}}});
        served = setup->cli->serve();
        // The provider learns the host's address (its port is only known now).
        provider.register_host(served.base);
    }

    void TearDown() override { test::stop_host_and_provider(served, provider); }

    test::OidcProviderProcess provider;
    std::string issuer;
    std::unique_ptr<LaunchSetup> setup;
    test::HostCli::Served served;
};

constexpr const char* kNote =
    "Spoke with the social worker about the overdue review; a date is being booked for next week.";

TEST_F(CmsLaunchBrowserTest, StaffOpenThePanelFromTheCmsSignInThroughTheProviderAndDoTheirJobs) {
    const fs::path screenshots = IRO_SCREENSHOT_DIR;
    fs::create_directories(screenshots);
    // The first does what can be done once (acknowledge, the QAF), with axe watching.
    const nlohmann::json variants = {{{"width", 360}, {"js", true}},
                                     {{"width", 360}, {"js", false}},
                                     {{"width", 1280}, {"js", false}},
                                     {{"width", 1280}, {"js", true}}};
    const nlohmann::json plan = {
        {"base", served.base},
        {"issuer", issuer},
        {"child", "C1"},
        {"client", "cms-main"},
        {"secret", setup->secret},
        {"screenshot_dir", screenshots.string()},
        {"variants", variants},
        {"users",
         {{{"name", "social-worker"}, {"user", "SW1"}, {"action", "acknowledge"}},
          {{"name", "iro"},
           {"user", "IRO1"},
           {"action", "note_and_qaf"},
           {"note", kNote},
           // The child is 12 and took part in their first review (PN1, as the CMS recorded);
           // the questions about a second review's plans are not asked at all: a form that
           // offered them would be refused, as the first option of each is picked.
           {"qaf", {{"participation", "pn1"}}}}}}};
    const fs::path plan_file = setup->sandbox.data_dir().parent_path() / "launch-plan.json";
    std::ofstream(plan_file) << plan.dump();
    const auto browser =
        test::run_command({"/usr/bin/env", "node",
                           (fs::path(IRO_E2E_DIR) / "cms_launch.mjs").string(), plan_file.string()},
                          std::chrono::seconds(300));
    ASSERT_EQ(browser.exit_code, 0) << browser.err << browser.out;
    const auto result = nlohmann::json::parse(browser.out, nullptr, false);
    ASSERT_TRUE(result.is_object()) << browser.out;
    ASSERT_EQ(result["runs"].size(), 8U);

    int audited = 0;
    for (const auto& run : result["runs"]) {
        const std::string label = run["name"].get<std::string>() + " at " +
                                  std::to_string(run["width"].get<int>()) +
                                  (run["js"].get<bool>() ? " px, JavaScript on" : " px");
        ASSERT_FALSE(run.contains("failure")) << label << ": " << run.dump(2);
        EXPECT_EQ(run["before"]["h1"], "IRO oversight: child C1") << label;
        EXPECT_EQ(run["before"]["url"], served.base + "/panel/children/C1") << label;
        EXPECT_LE(run["before"]["scrollWidth"].get<int>(), run["width"].get<int>()) << label;
        EXPECT_EQ(run["outside_requests"], nlohmann::json::array()) << label;
        for (const auto& page : run["pages"]) {
            ++audited;
            EXPECT_GT(page["passes"].get<int>(), 10) << label;
            for (const auto& v : page["violations"]) {
                ADD_FAILURE() << "axe on " << label << ", " << page["page"] << ": " << v.dump();
            }
        }
        EXPECT_EQ(run["signed_out"]["h1"], "You have signed out") << label;
        EXPECT_THAT(run["signed_out"]["provider_link"].get<std::string>(),
                    HasSubstr("/session/end?client_id=iro-panel&id_token_hint="))
            << label;
        if (run["name"] == "iro") {
            EXPECT_EQ(run["after_note"]["status"], "Note added to the child's file.") << label;
            EXPECT_THAT(run["after_note"]["notes"][0].get<std::string>(), HasSubstr(kNote))
                << label;
        }
        const std::string shot = "launch-" + run["name"].get<std::string>() + "-" +
                                 std::to_string(run["width"].get<int>()) +
                                 (run["js"].get<bool>() ? "-js" : "") + ".png";
        EXPECT_GT(fs::file_size(screenshots / shot), 10000U) << shot;
    }
    EXPECT_EQ(audited, 4 + 4 + 1)
        << "the panel and the signed-out page in each JavaScript run, and the QAF form";

    const auto& sw = result["runs"][0];
    EXPECT_EQ(sw["before"]["acknowledgeButtons"], 1);
    EXPECT_EQ(sw["after"]["status"], "Prompt acknowledged.");
    EXPECT_EQ(sw["after"]["acknowledgeButtons"], 0);
    const auto& iro = result["runs"][4];
    EXPECT_EQ(iro["after_qaf"]["status"], "QAF submitted. Thank you.");
    EXPECT_EQ(iro["after_qaf"]["qafLinks"], 0) << "the review still asks for a QAF";

    // The store agrees with what the browser showed; each sign-in went through the provider.
    const auto acknowledged = setup->cli->json(
        {"prompts", "list", "--child", "C1", "--state", "acknowledged"}, "it-admin");
    ASSERT_EQ(acknowledged.size(), 1U);
    EXPECT_EQ(acknowledged[0]["body"]["title"], sw["acted_on"]);
    const auto sw_trail = setup->cli->json({"audit", "search", "--actor", "SW1"}, "it-admin");
    EXPECT_THAT(sw_trail.dump(), HasSubstr("launch handed to single sign-on for SW1"));
    EXPECT_THAT(sw_trail.dump(), HasSubstr("session started for SW1 (oidc)"));
}

}  // namespace
}  // namespace iro
