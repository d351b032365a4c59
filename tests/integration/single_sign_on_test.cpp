// Single sign-on to the panel against a real OpenID provider: npm oidc-provider (pinned) started
// on loopback by the test (tests/e2e/oidc_provider.mjs), and `iro-host serve` configured to use
// it, driven in Debian's headless Chromium (tests/e2e/sso_sign_in.mjs) with JavaScript off.
//
// A social worker the host knows signs in and lands on the child's panel, signs out there and is
// offered the provider's own sign-out. Each check of OpenID Connect Core 3.1.3.7 is then met by a
// provider that gets it wrong (a token for another client, an expired one, one from another
// issuer, with another nonce, signed with a key the provider never published), by a user the
// host does not know, and by a state replayed, in the same browser and in another: each is
// refused with a page saying why, and none leaves a session behind.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

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
using testing::StartsWith;

class SingleSignOnTest : public testing::Test {
  protected:
    void SetUp() override {
        issuer = provider.issuer();
        sandbox.add_product_modules();
        cli = std::make_unique<test::HostCli>(
            sandbox, nlohmann::json{{"log_level", "warning"},
                                    {"go_live", "2000-01-01"},
                                    {"oidc",
                                     {{"issuer", issuer},
                                      {"client_id", "iro-panel"},
                                      {"display_name", "your council account"}}}});
        const fs::path events = sandbox.data_dir().parent_path() / "history.jsonl";
        std::ofstream(events) << test::panel_child_history();
        run_ok({"events", "ingest", events.string(), "--as-of", test::days_ago(0)});
        run_ok({"tick", "--as-of", test::days_ago(0)});
        run_ok({"users", "add", "SW1", "--role", "social_worker", "--worker", "SW1"});
        run_ok({"users", "add", "SW2", "--role", "social_worker", "--worker", "SW2"});
        run_ok({"users", "disable", "SW2"});
        served = cli->serve();

        // The provider learns the host's address (its port is only known now).
        provider.register_host(served.base);
    }

    void TearDown() override { test::stop_host_and_provider(served, provider); }

    void run_ok(const std::vector<std::string>& args) const {
        const auto r = cli->run(args, "it-admin");
        ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    }

    nlohmann::json browse(const nlohmann::json& cases, bool audit = false) {
        const nlohmann::json plan = {{"base", served.base},
                                     {"issuer", issuer},
                                     {"child", "C1"},
                                     {"cases", cases},
                                     {"audit", audit}};
        const fs::path plan_file = sandbox.data_dir().parent_path() / "sso-plan.json";
        std::ofstream(plan_file) << plan.dump();
        const auto browser = test::run_command(
            {"/usr/bin/env", "node", (fs::path(IRO_E2E_DIR) / "sso_sign_in.mjs").string(),
             plan_file.string()},
            std::chrono::seconds(180));
        EXPECT_EQ(browser.exit_code, 0) << browser.err << browser.out;
        auto result = nlohmann::json::parse(browser.out, nullptr, false);
        EXPECT_TRUE(result.is_object()) << browser.out << browser.err;
        sign_in_audit = result["sign_in_audit"];
        std::map<std::string, nlohmann::json> by_name;
        for (const auto& c : result["cases"]) {
            EXPECT_FALSE(c.contains("failure")) << c.dump(2);
            by_name[c["name"]] = c;
        }
        return by_name;
    }

    /// Sessions the store holds for `user`, begun through the provider.
    int sso_sessions(const std::string& user) const {
        const auto r = test::run_command(
            {"/usr/bin/env", "sqlite3", (sandbox.data_dir() / "iro-oversight.sqlite3").string(),
             "SELECT count(*) FROM panel_sessions WHERE signed_in_with = 'oidc' AND user_id = '" +
                 user + "'"});
        return std::stoi(r.out);
    }

    test::OidcProviderProcess provider;
    std::string issuer;
    test::PluginSandbox sandbox;
    std::unique_ptr<test::HostCli> cli;
    test::HostCli::Served served;
    nlohmann::json sign_in_audit;
};

TEST_F(SingleSignOnTest, AKnownUserSignsInThroughTheProviderAndSignsOutOfBoth) {
    auto seen = browse({{{"name", "sw"}, {"login", "SW1"}, {"sign_out", true}}}, true);
    // The sign-in page offering single sign-on meets WCAG 2.1 A and AA (axe-core).
    ASSERT_FALSE(sign_in_audit.contains("failure")) << sign_in_audit;
    EXPECT_EQ(sign_in_audit["url"], "/panel/sign-in");
    EXPECT_GT(sign_in_audit["passes"].get<int>(), 10);
    EXPECT_EQ(sign_in_audit["violations"], nlohmann::json::array()) << sign_in_audit;
    const auto& sw = seen["sw"];
    EXPECT_EQ(sw["sign_in_page"], "/panel/sign-in");
    EXPECT_EQ(sw["callback_status"], 200);
    EXPECT_EQ(sw["landed"]["url"], served.base + "/panel/children/C1");
    EXPECT_EQ(sw["landed"]["h1"], "IRO oversight: child C1");
    EXPECT_EQ(sw["signed_out"]["h1"], "You have signed out");
    EXPECT_THAT(sw["signed_out"]["provider_link"].get<std::string>(),
                StartsWith(issuer + "/session/end?client_id=iro-panel&id_token_hint="));
    EXPECT_EQ(sw["signed_out"]["panel_after"], "/panel/sign-in")
        << "the session outlived signing out";
    EXPECT_EQ(sw["signed_out"]["provider_returned_to"], "/panel/sign-in");

    const auto trail = cli->json({"audit", "search", "--actor", "SW1"}, "it-admin");
    EXPECT_THAT(trail.dump(), HasSubstr("session started for SW1 (oidc)"));
    EXPECT_THAT(trail.dump(), HasSubstr("session ended"));
}

TEST_F(SingleSignOnTest, EachCheckOfTheIdTokenAndOfTheStateRefusesTheSignIn) {
    const auto tampered = [](const std::string& name, nlohmann::json tamper) {
        return nlohmann::json{{"name", name}, {"login", "SW1"}, {"tamper", std::move(tamper)}};
    };
    auto seen =
        browse({tampered("wrong-audience", {{"claims", {{"aud", "another-client"}}}}),
                tampered("expired", {{"claims", {{"exp", -3600}, {"iat", -7200}}}}),
                tampered("wrong-issuer", {{"claims", {{"iss", "https://login.evil.example"}}}}),
                tampered("wrong-nonce", {{"claims", {{"nonce", "not-the-one-sent"}}}}),
                tampered("no-nonce", {{"claims", {{"nonce", nullptr}}}}),
                tampered("from-the-future", {{"claims", {{"iat", 3600}}}}),
                tampered("unpublished-key", {{"key", "foreign"}}),
                tampered("mixed-up-issuer", {{"callback_iss", "https://login.evil.example"}}),
                {{"name", "unknown-user"}, {"login", "stranger@council.example"}},
                {{"name", "disabled-user"}, {"login", "SW2"}},
                {{"name", "replayed-state"}, {"login", "SW1"}, {"replay", true}}});

    const std::map<std::string, std::pair<int, std::string>> refusals = {
        {"wrong-audience", {401, "(audience)"}},
        {"expired", {401, "(expired)"}},
        {"wrong-issuer", {401, "(issuer)"}},
        {"wrong-nonce", {401, "(nonce)"}},
        {"no-nonce", {401, "(nonce)"}},
        {"from-the-future", {401, "(iat)"}},
        {"unpublished-key", {401, "(signature)"}},
        {"mixed-up-issuer", {401, "came back from another service"}},
        {"unknown-user", {403, "there is no IRO Oversight account for stranger@council.example"}},
        {"disabled-user", {403, "is disabled"}},
    };
    for (const auto& [name, expected] : refusals) {
        const auto& c = seen[name];
        EXPECT_EQ(c["callback_status"], expected.first) << name << ": " << c.dump(2);
        EXPECT_EQ(c["landed"]["h1"], "Sign in to IRO Oversight") << name;
        EXPECT_THAT(c["landed"]["error"].get<std::string>(), HasSubstr(expected.second)) << name;
    }
    EXPECT_EQ(sso_sessions("SW2"), 0);

    // The state of a sign-in that worked, brought back: refused in the same browser, refused in
    // another, and the other browser is not signed in.
    const auto& replay = seen["replayed-state"];
    EXPECT_EQ(replay["landed"]["h1"], "IRO oversight: child C1");
    EXPECT_EQ(replay["replay"]["http_status"], 400);
    EXPECT_THAT(replay["replay"]["error"].get<std::string>(), HasSubstr("already been used"));
    EXPECT_EQ(replay["elsewhere"]["http_status"], 400);
    EXPECT_EQ(replay["elsewhere"]["panel_path"], "/panel/sign-in");
    // Only the one sign-in that passed every check began a session.
    EXPECT_EQ(sso_sessions("SW1"), 1);

    const auto refused = cli->json({"audit", "search", "--actor", "(unauthenticated)"}, "it-admin");
    EXPECT_THAT(refused.dump(), HasSubstr("single sign-on refused: audience"));
    EXPECT_THAT(refused.dump(), HasSubstr("single sign-on refused: replayed-state"));
}

}  // namespace
}  // namespace iro
