// The shared sample council's IRO annual report, as its Board would get it: made by `iro-host
// report annual` from the sample's SSDA903 extract and its generated SSD allocations, opened in
// Debian's headless Chromium (tests/e2e/annual_report_page.mjs), printed on A4 portrait with no
// table or chart cut, checked by axe-core, and written as XLSX with its charts. The screenshot
// goes into the build tree; scripts/refresh-screenshots.sh copies it into docs/.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

TEST(AnnualReportBrowserTest, TheSampleCouncilsReportReadsPrintsAndOpens) {
    test::PluginSandbox sandbox;
    const test::HostCli cli(sandbox, nlohmann::json{{"log_level", "warning"}});
    const fs::path work = sandbox.data_dir().parent_path();
    const fs::path sample = fs::path(IRO_SHARED_DIR) / "data" / "ssda903-sample";
    test::run_succeeding({IRO_SAMPLE_COUNCIL_BINARY, "--from", sample.string(), "--out",
                          (work / "ssd").string(), "--seed", "903"});
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"import", "ssda903", sample.string(), "--as-of", "2018-06-30"},
             {"import", "ssd", (work / "ssd").string(), "--as-of", "2018-06-30"}}) {
        const auto r = cli.run(args, "it-admin");
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const fs::path html = work / "annual-2017-18.html";
    const fs::path book = work / "annual-2017-18.xlsx";
    for (const auto& [format, file] : {std::pair{"html", html}, std::pair{"xlsx", book}}) {
        const auto r =
            cli.run({"report", "annual", "--year", "2017-18", "--compare", "2016-17", "--as-of",
                     "2018-06-30", "--council", "Sample Council", "--suppress-below", "5",
                     "--format", format, "--out", file.string()},
                    "manager");
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    const fs::path screenshot = fs::path(IRO_SCREENSHOT_DIR) / "annual-report-2017-18.png";
    const fs::path pdf = fs::path(IRO_SCREENSHOT_DIR) / "annual-report-2017-18.pdf";
    fs::create_directories(screenshot.parent_path());
    fs::remove(screenshot);  // so the checks below see what the browser wrote now
    fs::remove(pdf);
    const auto browser = test::run_command(
        {"/usr/bin/env", "node", (fs::path(IRO_E2E_DIR) / "annual_report_page.mjs").string(),
         html.string(), screenshot.string(), pdf.string()},
        std::chrono::seconds(120));
    ASSERT_EQ(browser.exit_code, 0) << browser.err << browser.out;
    const auto seen = nlohmann::json::parse(browser.out);
    EXPECT_EQ(seen["title"], "Sample Council: IRO annual report 2017-18");
    EXPECT_GE(seen["tables"].get<int>(), 12);
    EXPECT_THAT(seen["captions"].dump(), HasSubstr("Table 1: IRO caseload"));
    EXPECT_GE(seen["charts"].get<int>(), 9);
    EXPECT_TRUE(seen["charts_labelled"].get<bool>()) << "each chart names the table of its figures";
    // Printed on A4 portrait: nothing wider than the page's text, so nothing is cut.
    EXPECT_LE(seen["printed"]["page_width"].get<int>(), 680);
    EXPECT_EQ(seen["printed"]["wider"], nlohmann::json::array());
    EXPECT_EQ(seen["axe"], nlohmann::json::array());
    EXPECT_EQ(seen["outside_requests"], nlohmann::json::array());
    EXPECT_EQ(seen["errors"], nlohmann::json::array());
    ASSERT_TRUE(fs::exists(screenshot)) << "the browser wrote no " << screenshot;
    EXPECT_GT(fs::file_size(screenshot), 20000U);
    ASSERT_TRUE(fs::exists(pdf));
    EXPECT_GT(fs::file_size(pdf), 20000U);

    // The workbook opens as the zip an XLSX is, with a native chart per charted table.
    const std::string count_charts =
        "import sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "assert z.testzip() is None\n"
        "print(sum(n.startswith('xl/charts/chart') for n in z.namelist()))\n";
    const auto listing =
        test::run_command({"/usr/bin/env", "python3", "-c", count_charts, book.string()});
    ASSERT_EQ(listing.exit_code, 0) << listing.err;
    EXPECT_GE(std::stoi(listing.out), 9);
}

}  // namespace
}  // namespace iro
