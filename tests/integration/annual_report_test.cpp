// The IRO annual report from synthetic case records built to match York's published 2019/20
// figures (../shared/domain/research/seeds-000-003-004.md, T000-1, T000-2, T000-4, T000-5):
// checked number for number through `iro-host report annual`, with disclosure control, and in
// each published form (JSON, CSV with its byte-order mark, HTML, XLSX with native charts).

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/sqlite.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/report_tables.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;
using testing::Not;

// York at 31 March 2020: 262 children in care (224 at the end of Q1, 235 of Q2, 240 of Q3);
// legal status 63 interim care orders, 162 full care orders, 11 placement orders, 26 section
// 20; 135 boys and 127 girls (51.53%); ages 21 under 1, 52 aged 1-4, 58 aged 5-9, 79 aged 10-15,
// 52 aged 16 or over. Of the 249 children with a review due in the year, 212 had every review
// on time and 37 had one late (85.1%). The service had 6 FTE IROs, 8 from January 2020.
std::string york_2019_20() {
    std::string sql;
    const auto legal = [](int i) { return i < 63 ? "C1" : i < 225 ? "C2" : i < 236 ? "E1" : "V2"; };
    const auto born = [](int i) {
        // The under-ones are the last to come into care, in 2020; each band otherwise.
        return i >= 241  ? "2019-06-01"
               : i < 52  ? "2017-01-01"
               : i < 110 ? "2013-01-01"
               : i < 189 ? "2007-01-01"
                         : "2003-01-01";
    };
    for (int i = 0; i < 262; ++i) {
        // 224 in care since May 2018; 11 from August 2019, 5 from November 2019; 9 from January
        // 2020; 13 from 16 March 2020, whose first review falls due after the year.
        const char* start = i < 224   ? "2018-05-01"
                            : i < 235 ? "2019-08-01"
                            : i < 240 ? "2019-11-01"
                            : i < 249 ? "2020-01-15"
                                      : "2020-03-16";
        const std::string child = fmt::format("Y{:03}", i);
        sql += fmt::format(
            "INSERT INTO children (child_id, sex, date_of_birth, ethnicity) VALUES ('{}', '{}', "
            "'{}', 'WBRI');\n",
            child, i < 135 ? "1" : "2", born(i));
        sql += fmt::format(
            "INSERT INTO episodes (child_id, start_date, reason_new_episode, legal_status, "
            "placement) VALUES ('{}', '{}', 'S', '{}', 'U1');\n",
            child, start, legal(i));
        sql += fmt::format(
            "INSERT OR IGNORE INTO workers (worker_id) VALUES ('IRO{0}');\n"
            "INSERT INTO allocations (child_id, worker_id, role, team_id, start_date) VALUES "
            "('{1}', 'IRO{0}', 'iro', 'IRO Service', '{2}');\n",
            i % 8, child, start);
        // Reviews as held: each on time (reg. 33), except one in the year for 37 children.
        std::vector<std::string> held;
        if (i < 224) {
            held = {"2018-05-20", "2018-08-01", "2019-01-01", i < 37 ? "2019-07-15" : "2019-06-01",
                    "2019-11-01", "2020-04-01"};
        } else if (i < 235) {
            held = {"2019-08-20", "2019-11-01", "2020-04-15"};
        } else if (i < 240) {
            held = {"2019-11-20", "2020-02-01"};
        } else if (i < 249) {
            held = {"2020-02-05"};
        }
        for (std::size_t r = 0; r < held.size(); ++r) {
            sql += fmt::format(
                "INSERT INTO reviews (review_id, child_id, held_on, participation) VALUES "
                "('{0}-{1}', '{0}', '{2}', '{3}');\n",
                child, r, held[r], born(i) == std::string("2003-01-01") ? "PN1" : "PN0");
        }
    }
    return sql;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class AnnualReportTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_modules();  // the other reports are their modules'
        ASSERT_EQ(cli.run({"users", "list"}, "it-admin").exit_code, 0);  // makes the store
        store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3").exec(york_2019_20());
    }

    nlohmann::json report(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"report",  "annual",     "--year",   "2019-20",
                                      "--as-of", "2020-06-30", "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = cli.run(args, "M1");
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }

    static std::vector<std::string> rows(const nlohmann::json& report, const std::string& title) {
        return test::report_rows(report, title);
    }

    test::PluginSandbox sandbox;
    test::HostCli cli{
        sandbox,
        {{"iro_service",
          {{"caseload_cap", 80},
           {"fte",
            {{{"from", "2019-04-01"}, {"fte", 6}}, {{"from", "2020-01-01"}, {"fte", 8}}}}}}}};
};

TEST_F(AnnualReportTest, YorksCaseloadAndReviewTablesFor2019To20NumberForNumber) {
    const auto r = report();
    EXPECT_EQ(r["year"], "2019-20");
    // T000-1: children in care at each quarter's end, and the FTE.
    EXPECT_THAT(
        rows(r, "IRO caseload"),
        testing::ElementsAre("Children looked after: 224 235 240 262",
                             "of whom with an IRO allocated: 224 235 240 262",
                             "IROs (full-time equivalent): 6.0 6.0 6.0 8.0",
                             "Children with an IRO per full-time IRO: 37.3 39.2 40.0 32.8",
                             "Against the Handbook's 50 to 70: below below below below",
                             "Against the council's ceiling of 80: within within within within"));
    // T000-2: children whose reviews were all in timescale.
    const auto reviews = rows(r, "Timeliness of reviews");
    EXPECT_EQ(reviews.at(0), "Children who had all reviews in timescale: 212");
    EXPECT_EQ(reviews.at(1), "Children who had any review out of timescale: 37");
    EXPECT_EQ(reviews.at(2), "Children with a review due: 249");
    EXPECT_EQ(reviews.at(3), "% of children who had all reviews in timescale: 85.1%");
    // Reviews per child, hand-counted: 224 children with 2 reviews in the year, 11 with 2, 5 with
    // 2 and 9 with 1; 489 reviews of 249 children.
    EXPECT_EQ(reviews.at(7), "Reviews held: 489");
    EXPECT_EQ(reviews.at(8), "Children with a review held: 249");
    EXPECT_EQ(reviews.at(9), "Reviews per child reviewed: 2.0");
}

TEST_F(AnnualReportTest, YorksProfileOfTheChildrenAt31March2020) {
    const auto r = report();
    // T000-4: legal status (the youth justice and detention rows are 0 in 2019/20).
    EXPECT_THAT(rows(r, "Legal status at 31 March"),
                testing::ElementsAre(
                    "Interim care order (C1): 63 24.0%", "Full care order (C2): 162 61.8%",
                    "Placement order granted (E1): 11 4.2%", "Freeing order granted (D1): 0 0.0%",
                    "Accommodated under section 20 (V2): 26 9.9%",
                    "Youth justice legal statuses (J1, J2, J3): 0 0.0%",
                    "Detained for child protection (L1, L2, L3): 0 0.0%", "All: 262 100.0%"));
    // T000-5: gender and age as published (51.53% male; 8.02%, 19.85%, 22.14%, 30.15%, 19.85%).
    EXPECT_THAT(rows(r, "Gender at 31 March"),
                testing::ElementsAre("Male: 135 51.5%", "Female: 127 48.5%", "All: 262 100.0%"));
    EXPECT_THAT(
        rows(r, "Age at 31 March"),
        testing::ElementsAre("Under 1: 21 8.0%", "1 to 4: 52 19.8%", "5 to 9: 58 22.1%",
                             "10 to 15: 79 30.2%", "16 and over: 52 19.8%", "All: 262 100.0%"));
    EXPECT_THAT(rows(r, "Children who started and ceased to be looked after, by month"),
                testing::Contains("August: 11 0"));
}

// Leicester 2020/21 (seed 004, T004-1): RAG ratings green 1,244, amber 278, red 25, and 3,604
// oversight records. One amber rating is amended to green: it counts as amended.
// York's long-term stability (T000-8, 68% in 2019/20), hand-built beside the York children (none
// of whom has been looked after for 2.5 years by 31 March 2020): 25 children under 16 in care since
// April 2016, of whom 15 never moved, 1 changed legal status only (June 2019), 1 was placed for
// adoption in June 2019 from the placement they had had since 2016, and 8 moved in January 2019.
// Left out: a 16-year-old, a child in care only since 2018, one on short breaks, and one who left.
TEST_F(AnnualReportTest, LongTermStabilityAsTheDfeCountsIt) {
    std::string sql;
    const auto child = [&](const std::string& id, const char* born) {
        sql += fmt::format(
            "INSERT INTO children (child_id, sex, date_of_birth, ethnicity) VALUES ('{}', '2', "
            "'{}', 'WBRI');\n",
            id, born);
    };
    const auto episode = [&](const std::string& id, const char* start, const char* end,
                             const char* rne, const char* legal, const char* place) {
        sql += fmt::format(
            "INSERT INTO episodes (child_id, start_date, end_date, reason_new_episode, "
            "legal_status, placement, reason_ceased) VALUES ('{}', '{}', {}, '{}', '{}', '{}', "
            "{});\n",
            id, start, end == nullptr ? "NULL" : fmt::format("'{}'", end), rne, legal, place,
            end == nullptr ? "''" : "'X1'");
    };
    for (int i = 0; i < 25; ++i) {
        const std::string id = fmt::format("LT{:02}", i);
        child(id, "2010-01-01");
        if (i < 15) {
            episode(id, "2016-04-01", nullptr, "S", "C2", "U1");
        } else if (i == 15) {
            episode(id, "2016-04-01", "2019-06-01", "S", "C1", "U1");
            episode(id, "2019-06-01", nullptr, "L", "C2", "U1");
        } else if (i == 16) {
            episode(id, "2016-04-01", "2019-06-01", "S", "E1", "U1");
            episode(id, "2019-06-01", nullptr, "P", "E1", "A3");
        } else {
            episode(id, "2016-04-01", "2019-01-15", "S", "C2", "U1");
            episode(id, "2019-01-15", nullptr, "P", "C2", "U3");
        }
    }
    child("LT90", "2003-06-01");  // 16 at 31 March 2020
    episode("LT90", "2016-04-01", nullptr, "S", "C2", "U1");
    child("LT91", "2010-01-01");  // 2 years 3 months
    episode("LT91", "2018-01-01", nullptr, "S", "C2", "U1");
    child("LT92", "2010-01-01");  // short breaks
    episode("LT92", "2016-04-01", nullptr, "S", "V3", "U1");
    child("LT93", "2010-01-01");  // left in February 2020
    sql +=
        "INSERT INTO episodes (child_id, start_date, end_date, reason_new_episode, "
        "legal_status, placement, reason_ceased) VALUES ('LT93', '2016-04-01', '2020-02-01', "
        "'S', 'C2', 'U1', 'E11');\n";
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3").exec(sql);
    EXPECT_THAT(rows(report(), "Long-term placement stability"),
                testing::ElementsAre(
                    "In the same placement for two years or more, or placed for adoption: 17 68.0%",
                    "Under 16, looked after for two and a half years or more: 25 100.0%"));
}

TEST_F(AnnualReportTest, LeicestersRagRatingsAndOversightRecords) {
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3").exec(R"sql(
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3604)
INSERT INTO notes (note_id, root_id, version, module_id, kind, child_id, occurred_on, author_id,
                   author_role, reason, body, recorded_at)
SELECT 100000 + i, 100000 + i, 1, 'oversight_notes', CASE WHEN i <= 1547 THEN 'rag' ELSE 'general' END,
       printf('Y%03d', i % 262), date('2020-04-01', '+' || (i % 365) || ' days'), 'IRO1', 'iro',
       NULL,
       CASE WHEN i <= 1243 THEN '{"rating":"green","rationale":"r"}'
            WHEN i <= 1522 THEN '{"rating":"amber","rationale":"r"}'
            WHEN i <= 1547 THEN '{"rating":"red","rationale":"r"}'
            ELSE '{"text":"Oversight"}' END,
       '2020-04-01T09:00:00Z'
FROM n;
INSERT INTO notes (note_id, root_id, version, module_id, kind, child_id, occurred_on, author_id,
                   author_role, reason, body, recorded_at)
VALUES (200000, 101244, 2, 'oversight_notes', 'rag', 'Y196', '2020-11-02', 'IRO1', 'iro',
        'rated amber in error', '{"rating":"green","rationale":"r"}', '2020-11-03T09:00:00Z');
)sql");
    const auto r = cli.run(
        {"report", "annual", "--year", "2020-21", "--as-of", "2021-06-30", "--format", "json"},
        "M1");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(r.out);
    EXPECT_THAT(rows(report, "RAG ratings of reviews"),
                testing::ElementsAre("Green: 1,244 80.4%", "Amber: 278 18.0%", "Red: 25 1.6%",
                                     "All rated: 1,547 100.0%"));
    // The year's column (after the four quarters): every original note, amendments not again.
    EXPECT_THAT(rows(report, "IRO oversight between reviews").back(), testing::EndsWith(" 3,604"));
}

// Consultation before the review, hand-worked: Y000's late review (15 July 2019) was prepared
// by a visit to the child and a parent 20 working days before; Y050's (1 June 2019) by a phone
// call 3 working days before; Y100's consultation predates its previous review; Y200's carer
// alone was consulted.
TEST_F(AnnualReportTest, ConsultationBeforeTheReviewFromTheIrosNotes) {
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3").exec(R"sql(
INSERT INTO notes (note_id, root_id, version, module_id, kind, child_id, occurred_on, author_id,
                   author_role, reason, body, recorded_at) VALUES
 (300001, 300001, 1, 'oversight_notes', 'consultation', 'Y000', '2019-06-17', 'IRO0', 'iro', NULL,
  '{"date":"2019-06-17","consulted":[{"who":"child","how":"visit"},{"who":"parent","how":"phone"}],"summary":"s"}',
  '2019-06-17T12:00:00Z'),
 (300002, 300002, 1, 'oversight_notes', 'consultation', 'Y050', '2019-05-28', 'IRO2', 'iro', NULL,
  '{"date":"2019-05-28","consulted":[{"who":"child","how":"phone"}],"summary":"s"}',
  '2019-05-28T12:00:00Z'),
 (300003, 300003, 1, 'oversight_notes', 'consultation', 'Y100', '2018-12-01', 'IRO4', 'iro', NULL,
  '{"date":"2018-12-01","consulted":[{"who":"child","how":"visit"}],"summary":"s"}',
  '2018-12-01T12:00:00Z'),
 (300004, 300004, 1, 'oversight_notes', 'consultation', 'Y200', '2019-10-01', 'IRO0', 'iro', NULL,
  '{"date":"2019-10-01","consulted":[{"who":"carer","how":"visit"}],"summary":"s"}',
  '2019-10-01T12:00:00Z');
)sql");
    // Columns: the four quarters of 2019-20, then the year.
    EXPECT_THAT(rows(report(), "Consultation before the review"),
                testing::ElementsAre(
                    "Reviews held: 187 48 240 14 489", "with the child consulted before: 1 1 0 0 2",
                    "% with the child consulted: 0.5% 2.1% 0.0% 0.0% 0.4%",
                    "with the child visited before: 0 1 0 0 1",
                    "with the child consulted 15 or more working days before: 0 1 0 0 1",
                    "with a parent consulted before: 0 1 0 0 1",
                    "% with a parent consulted: 0.0% 2.1% 0.0% 0.0% 0.2%",
                    "Visits to children recorded: 1 0 0 0 1"));
}

TEST_F(AnnualReportTest, SmallCountsAreWithheldWithWhateverWouldRevealThem) {
    const auto r = report({"--suppress-below", "12"});
    EXPECT_EQ(r["suppress_below"], 12);
    // 11 placement orders are withheld; alone they could be worked out from the total, so the
    // next smallest count (26 under section 20) goes too, and each share with its count.
    EXPECT_THAT(rows(r, "Legal status at 31 March"),
                testing::ElementsAre(
                    "Interim care order (C1): 63 24.0%", "Full care order (C2): 162 61.8%",
                    "Placement order granted (E1): c c", "Freeing order granted (D1): 0 0.0%",
                    "Accommodated under section 20 (V2): c c",
                    "Youth justice legal statuses (J1, J2, J3): 0 0.0%",
                    "Detained for child protection (L1, L2, L3): 0 0.0%", "All: 262 100.0%"));
    // The caseload table's counts are all large: nothing withheld there.
    EXPECT_THAT(rows(r, "IRO caseload").at(0), "Children looked after: 224 235 240 262");
}

TEST_F(AnnualReportTest, EachPublishedFormHoldsTheSameTables) {
    const fs::path dir = sandbox.data_dir().parent_path();
    const auto run = [&](const std::string& format, const std::string& file) {
        const auto out = cli.run({"report", "annual", "--year", "2019-20", "--compare", "2018-19",
                                  "--as-of", "2020-06-30", "--council", "City of York", "--format",
                                  format, "--out", (dir / file).string()},
                                 "M1");
        EXPECT_EQ(out.exit_code, 0) << out.err;
        return slurp(dir / file);
    };
    const auto csv = run("csv", "annual.csv");
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << "Excel on Windows needs the byte-order mark";
    EXPECT_THAT(csv, HasSubstr("Table 1: IRO caseload\r\n"));
    EXPECT_THAT(csv, HasSubstr("Interim care order (C1),63,24.0%,"));

    const auto html = run("html", "annual.html");
    EXPECT_THAT(html, HasSubstr("<h1>City of York: IRO annual report 2019-20</h1>"));
    EXPECT_THAT(html, HasSubstr("<h3>Table 2: Legal status at 31 March</h3>"));
    EXPECT_THAT(html, HasSubstr(">Table 2: Legal status at 31 March</caption>"));
    EXPECT_THAT(html, HasSubstr("measured to 31 March 2020"));
    EXPECT_THAT(html, HasSubstr("<svg role=\"img\" aria-labelledby=\"chart-2\""));
    EXPECT_THAT(html, HasSubstr("@page{size:A4 portrait"));
    EXPECT_THAT(html, Not(HasSubstr("<script")));
    EXPECT_THAT(html, Not(HasSubstr("src=")));

    const fs::path book = dir / "annual.xlsx";
    const auto xlsx = cli.run({"report", "annual", "--year", "2019-20", "--as-of", "2020-06-30",
                               "--format", "xlsx", "--out", book.string()},
                              "M1");
    ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
    // Opened as the zip an XLSX is: a sheet per table after the contents, and native charts
    // whose series point at the table's own cells.
    const std::string read_book =
        "import sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "names = z.namelist()\n"
        "print(len([n for n in names if n.startswith('xl/worksheets/sheet')]))\n"
        "print(len([n for n in names if n.startswith('xl/charts/chart')]))\n"
        "print(z.read('xl/workbook.xml').decode())\n"
        "print(z.read('xl/charts/chart2.xml').decode())\n";
    const auto listing =
        test::run_command({"/usr/bin/env", "python3", "-c", read_book, book.string()});
    ASSERT_EQ(listing.exit_code, 0) << listing.err;
    std::istringstream lines(listing.out);
    int sheets = 0;
    int charts = 0;
    lines >> sheets >> charts;
    EXPECT_EQ(sheets, 27);  // the contents and 26 tables
    EXPECT_GE(charts, 9);
    EXPECT_THAT(listing.out, HasSubstr("name=\"Table 2\""));
    EXPECT_THAT(listing.out, HasSubstr("'Table 2'!$A$6:$A$"));  // the chart reads the sheet
}

// The other reports publish the same way: `report reviews --format csv|html|xlsx` with disclosure
// control, CSV with its byte-order mark, and a working view that is not for publication refused
// small-count withholding.
TEST_F(AnnualReportTest, TheOtherReportsPublishTheSameWay) {
    const fs::path dir = sandbox.data_dir().parent_path();
    const auto csv = cli.run({"report", "reviews", "--year", "2019-20", "--as-of", "2020-06-30",
                              "--format", "csv", "--suppress-below", "40"},
                             "M1");
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(csv.out.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_THAT(csv.out, HasSubstr("Table 1: Timeliness of reviews"));
    // 37 children with a review late are withheld; the 212 would give them away from the 249.
    EXPECT_THAT(csv.out, HasSubstr("Children who had all reviews in timescale,c\r\n"));
    EXPECT_THAT(csv.out, HasSubstr("Children who had any review out of timescale,c\r\n"));
    EXPECT_THAT(csv.out, HasSubstr("Children with a review due,249\r\n"));

    for (const std::string report : {"reviews", "midpoint", "oversight", "alerts"}) {
        const auto html = cli.run({"report", report, "--year", "2019-20", "--format", "html",
                                   "--out", (dir / (report + ".html")).string()},
                                  "M1");
        EXPECT_EQ(html.exit_code, 0) << report << ": " << html.err;
        EXPECT_THAT(slurp(dir / (report + ".html")), HasSubstr("@page{size:A4 portrait")) << report;
        const auto book = cli.run({"report", report, "--year", "2019-20", "--format", "xlsx",
                                   "--out", (dir / (report + ".xlsx")).string()},
                                  "M1");
        EXPECT_EQ(book.exit_code, 0) << report << ": " << book.err;
        EXPECT_EQ(slurp(dir / (report + ".xlsx")).substr(0, 2), "PK") << report;
    }
    const auto working =
        cli.run({"report", "reviews", "--year", "2019-20", "--suppress-below", "5"}, "M1");
    EXPECT_NE(working.exit_code, 0);
    EXPECT_THAT(working.err, HasSubstr("--suppress-below is for the published forms"));
}

TEST_F(AnnualReportTest, RefusesWhatItCannotReport) {
    const auto later =
        cli.run({"report", "annual", "--year", "2019-20", "--compare", "2020-21"}, "M1");
    EXPECT_NE(later.exit_code, 0);
    EXPECT_THAT(later.err, HasSubstr("is not before --year"));
    const auto no_file =
        cli.run({"report", "annual", "--year", "2019-20", "--format", "xlsx"}, "M1");
    EXPECT_NE(no_file.exit_code, 0);
    EXPECT_THAT(no_file.err, HasSubstr("--format xlsx needs --out"));
    const auto future =
        cli.run({"report", "annual", "--year", "2030-31", "--as-of", "2020-06-30"}, "M1");
    EXPECT_NE(future.exit_code, 0);
    EXPECT_THAT(future.err, HasSubstr("the year 2030-31 has not begun on 2020-06-30"));
    const auto bad = cli.run({"report", "annual", "--year", "2019"}, "M1");
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_THAT(bad.err, HasSubstr("is not a financial year"));
}

}  // namespace
}  // namespace iro
