// A person in the panel who is refused reads a page that says so in words and offers a way on; an
// API client asking the same gets problem+json. Before, a child outside the caseload or an
// unknown child showed raw JSON in the browser.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/sqlite.hpp"
#include "support/council_data.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/raw_http.hpp"

namespace iro {
namespace {

using testing::HasSubstr;
using testing::Not;

class PanelErrorPagesTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_modules();
        cli = std::make_unique<test::HostCli>(sandbox, nlohmann::json{{"log_level", "warning"}});
        ASSERT_EQ(cli->run({"users", "list"}, "it-admin").exit_code, 0);  // makes the store
        store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3")
            .exec(test::two_children_case_records());
        tokens = cli->add_users(test::council_people(), "it-admin");
        served = cli->serve();
    }
    void TearDown() override { test::HostCli::expect_graceful_stop(served); }

    // GET `target` as IRO1 (C1's IRO, nothing to do with C2), as a browser or an API client.
    std::string get(const std::string& target, const std::string& accept) const {
        return test::raw_http(served.base, "GET " + target +
                                               " HTTP/1.1\r\nHost: localhost\r\nConnection: "
                                               "close\r\nAccept: " +
                                               accept + "\r\nAuthorization: Bearer " +
                                               tokens.at("IRO1") + "\r\n\r\n");
    }

    test::PluginSandbox sandbox;
    std::unique_ptr<test::HostCli> cli;
    std::map<std::string, std::string> tokens;
    test::HostCli::Served served;
};

constexpr const char* kBrowser = "text/html,application/xhtml+xml,*/*;q=0.8";

// A row of the page's summary list (the GOV.UK summary list's markup).
std::string row(const std::string& key, const std::string& value) {
    return "<dt class=\"govuk-summary-list__key\">" + key +
           "</dt>\n<dd class=\"govuk-summary-list__value\">" + value + "</dd>";
}

TEST_F(PanelErrorPagesTest, AChildOutsideTheCaseloadIsAPageForAPersonAndAProblemForAClient) {
    const auto page = get("/panel/children/C2", kBrowser);
    EXPECT_EQ(test::raw_status(page), 403) << page;
    EXPECT_THAT(test::raw_header(page, "Content-Type"), HasSubstr("text/html"));
    EXPECT_THAT(page, HasSubstr(">You do not have access to this page</h1>"));
    EXPECT_THAT(page, HasSubstr("IRO1 has no business with child C2"));
    EXPECT_THAT(page, HasSubstr("href=\"/panel/sign-in?child=C2\""));
    EXPECT_THAT(test::raw_header(page, "Content-Security-Policy"),
                HasSubstr("frame-ancestors 'self'"));
    EXPECT_THAT(page, Not(HasSubstr("\"type\"")));

    const auto problem = get("/panel/children/C2", "application/json");
    EXPECT_EQ(test::raw_status(problem), 403);
    EXPECT_THAT(test::raw_header(problem, "Content-Type"), HasSubstr("application/problem+json"));
}

TEST_F(PanelErrorPagesTest, AnUnknownPageIsPageNotFoundAndAnUnknownChildRevealsNothing) {
    const auto page = get("/panel/nowhere", kBrowser);
    EXPECT_EQ(test::raw_status(page), 404) << page;
    EXPECT_THAT(test::raw_header(page, "Content-Type"), HasSubstr("text/html"));
    EXPECT_THAT(page, HasSubstr(">Page not found</h1>"));
    // To someone with no business with it, a child the records do not hold looks like one they
    // may not see: whether a child is in care is itself private.
    const auto unknown = get("/panel/children/C9", kBrowser);
    EXPECT_EQ(test::raw_status(unknown), 403) << unknown;
    EXPECT_THAT(unknown, HasSubstr(">You do not have access to this page</h1>"));
    EXPECT_THAT(unknown, Not(HasSubstr("href=\"/panel/children/C9\"")));
}

TEST_F(PanelErrorPagesTest, ThePanelOffersSignOut) {
    const auto page = get("/panel/children/C1", kBrowser);
    EXPECT_EQ(test::raw_status(page), 200) << page;
    EXPECT_THAT(page, HasSubstr("Signed in as IRO1 (IRO)."));
    EXPECT_THAT(page, HasSubstr("<form method=\"post\" action=\"/panel/sign-out\">"));
}

TEST_F(PanelErrorPagesTest, ThePanelSaysWhoTheChildIsInCareAsAndWhoWorksWithThem) {
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3")
        .exec(
            "INSERT INTO episodes (child_id, start_date, legal_status, placement) VALUES "
            "('C1', '2020-01-01', 'C1', 'U1'), ('C1', '2021-03-04', 'C2', 'U4');"
            "UPDATE workers SET name = 'Alex Smith', job_title = 'Senior social worker', "
            "email = 'alex.smith@council.gov.uk', phone = '01904 555010' WHERE worker_id = 'SW1';");
    const auto page = get("/panel/children/C1", kBrowser);
    EXPECT_EQ(test::raw_status(page), 200) << page;
    EXPECT_THAT(page, HasSubstr("id=\"child-h\">About the child</h2>"));
    // The episode open today, not the first.
    EXPECT_THAT(page, HasSubstr(row("Legal status", "C2: Full care order")));
    EXPECT_THAT(page, HasSubstr(row("Placement", "U4")));
    EXPECT_THAT(page, HasSubstr(">4 March 2021</time>"));
    // Who they are, and how to reach them: the records' contact details, else their team.
    EXPECT_THAT(page,
                HasSubstr(row("Social worker",
                              "Alex Smith (SW1), Senior social worker, North, since <time "
                              "datetime=\"2020-01-01\">1 January 2020</time><br><a "
                              "class=\"govuk-link\" href=\"mailto:alex.smith@council.gov.uk\">"
                              "alex.smith@council.gov.uk</a><br><a class=\"govuk-link\" "
                              "href=\"tel:01904555010\">01904 555010</a>")));
    EXPECT_THAT(page, HasSubstr("IRO1, IRO Service, since"));
    EXPECT_THAT(page, HasSubstr("</time><br>Contact through IRO Service</dd>"));
    // The IRO first, then the social worker, then the team manager.
    EXPECT_LT(page.find(">IRO</dt>"), page.find(">Social worker</dt>"));
    EXPECT_LT(page.find(">Social worker</dt>"), page.find(">Team manager</dt>"));
}

TEST_F(PanelErrorPagesTest, ThePanelsStylesheetIsTheHostsOwnAndCachedForGood) {
    const auto page = get("/panel/children/C1", kBrowser);
    EXPECT_THAT(test::raw_header(page, "Content-Security-Policy"), HasSubstr("style-src 'self';"));
    const auto at = page.find("<link rel=\"stylesheet\" href=\"");
    ASSERT_NE(at, std::string::npos) << page;
    const auto start = at + 29;
    const std::string path = page.substr(start, page.find('"', start) - start);
    EXPECT_THAT(path, testing::MatchesRegex("/panel/assets/panel-[0-9a-f]{12}\\.css"));
    // Without signing in: the sign-in page needs it too.
    const auto sheet = test::raw_http(
        served.base, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(test::raw_status(sheet), 200);
    EXPECT_THAT(test::raw_header(sheet, "Content-Type"), HasSubstr("text/css"));
    EXPECT_THAT(test::raw_header(sheet, "Cache-Control"), HasSubstr("immutable"));
    EXPECT_THAT(sheet, HasSubstr(".govuk-summary-list"));
    // Arial, never the GOV.UK typeface, and no font files to fetch.
    EXPECT_THAT(sheet, HasSubstr("font-family:arial,sans-serif"));
    EXPECT_THAT(sheet, Not(HasSubstr("GDS Transport")));
    EXPECT_THAT(sheet, Not(HasSubstr("@font-face")));
    // Another build's name is not served as this one.
    EXPECT_EQ(test::raw_status(get("/panel/assets/panel-000000000000.css", "text/css")), 404);
}

TEST_F(PanelErrorPagesTest, TheApiAnswersProblemsWhateverTheAcceptHeader) {
    const auto api = get("/api/v1/children/C2/prompts", kBrowser);
    EXPECT_EQ(test::raw_status(api), 403);
    EXPECT_THAT(test::raw_header(api, "Content-Type"), HasSubstr("application/problem+json"));
}

}  // namespace
}  // namespace iro
