// The main job's path, as real processes: the seeded SSD generator, both imports, event intake
// and the review report through the iro-host command line.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

fs::path sample_dir() {
    return fs::path(IRO_SHARED_DIR) / "data" / "ssda903-sample";
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

test::CommandResult generate(const fs::path& out, const std::string& seed) {
    return test::run_command({IRO_SAMPLE_COUNCIL_BINARY, "--from", sample_dir().string(), "--out",
                              out.string(), "--seed", seed});
}

test::CommandResult host(const fs::path& data, std::vector<std::string> args) {
    args.insert(args.begin(), {test::host_binary().string(), "--data-dir", data.string()});
    return test::run_command(args);
}

TEST(SampleCouncil, TheGeneratorIsDeterministicForASeed) {
    test::TempDir dir;
    ASSERT_EQ(generate(dir.path() / "a", "903").exit_code, 0);
    ASSERT_EQ(generate(dir.path() / "b", "903").exit_code, 0);
    ASSERT_EQ(generate(dir.path() / "c", "904").exit_code, 0);
    for (const char* file : {"ssd_person.csv", "ssd_professionals.csv", "ssd_involvements.csv"}) {
        EXPECT_EQ(slurp(dir.path() / "a" / file), slurp(dir.path() / "b" / file)) << file;
    }
    EXPECT_NE(slurp(dir.path() / "a" / "ssd_involvements.csv"),
              slurp(dir.path() / "c" / "ssd_involvements.csv"));
}

TEST(SampleCouncil, LoadsCleanlyAndReportsThroughTheCommandLine) {
    test::TempDir dir;
    const fs::path data = dir.path() / "data";
    ASSERT_EQ(generate(dir.path() / "ssd", "903").exit_code, 0);
    const auto first =
        host(data, {"import", "ssda903", sample_dir().string(), "--as-of", "2019-03-31"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_THAT(first.out, HasSubstr("applied as the baseline"));

    // Stored warnings read back with their whole paths, filtered by rule; a child's own show up
    // on its record.
    const auto listed = host(
        data, {"--json", "import", "warnings", "--import", "1", "--rule", "440", "--limit", "3"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const auto warnings = nlohmann::json::parse(listed.out);
    ASSERT_EQ(warnings.size(), 3U);
    for (const auto& w : warnings) {
        EXPECT_EQ(w["file"], (sample_dir() / "reviews.csv").string());
        EXPECT_EQ(w["rule"], "440");
    }
    const std::string child_id = warnings[0]["child"];
    const auto shown = host(data, {"child", "show", child_id, "--as-of", "2019-03-31"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_THAT(shown.out, HasSubstr(fmt::format(
                               "{}:{}:{}: 440: {}", warnings[0]["file"].get<std::string>(),
                               warnings[0]["line"].get<int>(), warnings[0]["column"].get<int>(),
                               warnings[0]["message"].get<std::string>())));
    const auto ssd = host(
        data, {"--json", "import", "ssd", (dir.path() / "ssd").string(), "--as-of", "2019-03-31"});
    ASSERT_EQ(ssd.exit_code, 0) << ssd.err;
    const auto summary = nlohmann::json::parse(ssd.out);
    EXPECT_EQ(summary["warnings"].size(), 0U) << ssd.out.substr(0, 2000);
    EXPECT_GT(summary["tables"]["allocations"]["added"].get<int>(), 2675);
    EXPECT_EQ(summary["tables"]["workers"]["added"].get<int>(), 119);

    // Every child in care has an IRO; nobody has two at once.
    const auto child = host(data, {"child", "show", "566910", "--as-of", "2018-01-01"});
    ASSERT_EQ(child.exit_code, 0) << child.err;
    EXPECT_THAT(child.out, testing::ContainsRegex("iro +IRO1[0-9]+"));

    const auto report = host(data, {"report", "reviews", "--year", "2017-18", "--by", "quarter",
                                    "--format", "json", "--as-of", "2019-03-31"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const auto rows = nlohmann::json::parse(report.out);
    ASSERT_EQ(rows.size(), 5U);
    int quarter_reviews = 0;
    for (int q = 0; q < 4; ++q) {
        quarter_reviews += rows[static_cast<std::size_t>(q)]["reviews_held"].get<int>();
    }
    EXPECT_EQ(quarter_reviews, rows[4]["reviews_held"].get<int>());
    EXPECT_GT(rows[4]["children_looked_after"].get<int>(), 0);

    const auto bad_year = host(data, {"report", "reviews", "--year", "2017-19"});
    EXPECT_EQ(bad_year.exit_code, 3);
    EXPECT_THAT(bad_year.err, HasSubstr("--year '2017-19' is not a financial year"));
}

TEST(SampleCouncil, APlausibleCouncilIsSeededAndLoadsWithoutWarnings) {
    test::TempDir dir;
    auto plausible = [&](const std::string& name) {
        return test::run_command({IRO_SAMPLE_COUNCIL_BINARY, "--plausible", "300", "--as-of",
                                  "2026-11-23", "--out", (dir.path() / name).string()});
    };
    ASSERT_EQ(plausible("a").exit_code, 0);
    ASSERT_EQ(plausible("b").exit_code, 0);
    for (const char* file : {"header.csv", "episodes.csv", "reviews.csv", "ssd_involvements.csv"}) {
        EXPECT_EQ(slurp(dir.path() / "a" / file), slurp(dir.path() / "b" / file)) << file;
    }
    const fs::path data = dir.path() / "data";
    const fs::path extract = dir.path() / "a";
    for (const char* kind : {"ssda903", "ssd"}) {
        const auto run =
            host(data, {"--json", "import", kind, extract.string(), "--as-of", "2026-11-23"});
        ASSERT_EQ(run.exit_code, 0) << run.err;
        EXPECT_EQ(nlohmann::json::parse(run.out)["warning_count"], 0) << kind;
    }
    const auto report = host(data, {"report", "reviews", "--year", "2025-26", "--format", "json",
                                    "--as-of", "2026-11-23"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const auto year = nlohmann::json::parse(report.out).at(0);
    EXPECT_GT(year["reviews_held"].get<int>(), 300);
    EXPECT_GT(year["reviews_on_time_pct"].get<double>(), 80.0);
    EXPECT_LT(year["reviews_on_time_pct"].get<double>(), 100.0);  // some are late, as in life
}

TEST(SampleCouncil, EventsIngestedTwiceAreAppliedOnce) {
    test::TempDir dir;
    const fs::path data = dir.path() / "data";
    const fs::path events = dir.path() / "events.jsonl";
    std::ofstream(events)
        << R"({"event_id":"cms-1","kind":"entered_care","child_id":"X1","occurred_on":"2024-01-05","data":{"legal_status":"C2","placement":"U1"}})"
        << "\n"
        << R"({"event_id":"cms-2","kind":"review_held","child_id":"X1","occurred_on":"2024-02-01","data":{"review_id":"R1","participation":"PN1"}})"
        << "\n";
    const auto first = host(data, {"events", "ingest", events.string(), "--as-of", "2024-06-30"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_THAT(first.out, HasSubstr("2 event(s) read, 2 applied, 0 already received"));
    const auto again = host(data, {"events", "ingest", events.string(), "--as-of", "2024-06-30"});
    EXPECT_THAT(again.out, HasSubstr("2 event(s) read, 0 applied, 2 already received"));

    std::ofstream(events, std::ios::app) << "{\"event_id\": 7}\n";
    const auto bad = host(data, {"events", "ingest", events.string(), "--as-of", "2024-06-30"});
    EXPECT_EQ(bad.exit_code, 3);
    EXPECT_THAT(bad.err, HasSubstr("events.jsonl:3:1: schema: event: "));
}

}  // namespace
}  // namespace iro
