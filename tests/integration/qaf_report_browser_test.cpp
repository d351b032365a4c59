// The QAF HTML report in a real browser: Debian's headless Chromium driven by playwright-core
// (tests/e2e). The page must stand on its own (no request beyond its own file, no script error),
// show York's 2015/16 tables and a chart per question, fit the width it is read at, and be
// screenshotted (into the build tree; scripts/refresh-screenshots.sh copies it into docs/) as the
// page an annual report would carry.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;

TEST(QafReportBrowserTest, TheHtmlReportReadsLikeAnAnnualReportPage) {
    test::PluginSandbox sandbox;
    sandbox.add_product_module("qaf");
    const test::HostCli cli(sandbox, {{"worker_roles", {{"M1", "iro_manager"}}}});
    const fs::path fixtures = fs::path(IRO_TEST_FIXTURES_DIR) / "qaf";
    ASSERT_EQ(cli.run({"events", "ingest", (fixtures / "children.jsonl").string(), "--as-of",
                       "2016-04-30"},
                      "M1")
                  .exit_code,
              0);
    for (const char* year : {"2014-15", "2015-16"}) {
        const auto r =
            cli.run({"qaf", "submit", "--file",
                     (fixtures / ("responses-" + std::string(year) + ".jsonl")).string()},
                    "M1");
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const fs::path html = sandbox.data_dir().parent_path() / "qaf-2015-16.html";
    const auto report =
        cli.run({"report", "qaf", "--year", "2015-16", "--compare", "2014-15", "--questions",
                 "3,20,21,23,29,30,31", "--combine", "29:Good or outstanding=good+outstanding",
                 "--top", "3", "--format", "html", "--out", html.string()},
                "M1");
    ASSERT_EQ(report.exit_code, 0) << report.err;

    const fs::path screenshot = fs::path(IRO_SCREENSHOT_DIR) / "qaf-report-2015-16.png";
    fs::create_directories(screenshot.parent_path());
    fs::remove(screenshot);  // so the size check below sees what the browser wrote now
    const auto browser = test::run_command(
        {"/usr/bin/env", "node", (fs::path(IRO_E2E_DIR) / "qaf_report_page.mjs").string(),
         html.string(), screenshot.string()},
        std::chrono::seconds(120));
    ASSERT_EQ(browser.exit_code, 0) << browser.err << browser.out;
    const auto seen = nlohmann::json::parse(browser.out);
    EXPECT_EQ(seen["title"], "York IRO Quality Assurance Framework (QAF): 2015-16");
    EXPECT_EQ(seen["tables"], 7);
    EXPECT_EQ(seen["charts"], 7);
    EXPECT_GT(seen["bars"].get<int>(), 40);
    EXPECT_TRUE(seen["total_respondents_474"].get<bool>());
    EXPECT_TRUE(seen["q20_yes"].get<bool>());
    EXPECT_TRUE(seen["fits_viewport"].get<bool>());
    EXPECT_EQ(seen["outside_requests"], nlohmann::json::array());
    EXPECT_EQ(seen["errors"], nlohmann::json::array());
    ASSERT_TRUE(fs::exists(screenshot)) << "the browser wrote no " << screenshot;
    EXPECT_GT(fs::file_size(screenshot), 20000U);
}

}  // namespace
}  // namespace iro
