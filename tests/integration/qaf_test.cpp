// The QAF end to end: the real qaf (and quality-alerts) plugin libraries, the real store, iro-host
// as a process. York's published QAF tables for 2014/15 and 2015/16 reproduced exactly from raw
// responses loaded both through `qaf submit` and through SurveyMonkey exports; one response's
// life (refusals, applicability, amendment); an export that cannot be read, refused whole; the
// published formats; a QAF answer taking a case into dispute.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/sqlite.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/report_tables.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;
using testing::Not;

fs::path fixtures() {
    return fs::path(IRO_TEST_FIXTURES_DIR) / "qaf";
}

nlohmann::json published() {
    std::ifstream in(fixtures() / "published-tables.json");
    return nlohmann::json::parse(in);
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class QafTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_module("qaf").add_product_module("quality_alerts");
    }

    void ingest_children() {
        const auto r = cli.run(
            {"events", "ingest", (fixtures() / "children.jsonl").string(), "--as-of", "2016-04-30"},
            "M1");
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    // Every published table of the year, row by row: label, percentage, count, and the Total or
    // Total Respondents line.
    void expect_published(const std::string& year) {
        const auto expected = published()[year];
        std::vector<std::string> args{"report", "qaf", "--year", year, "--questions"};
        std::string questions;
        for (const auto& [id, table] : expected.items()) {
            questions += (questions.empty() ? "" : ",") + id;
        }
        args.push_back(questions);
        const auto report = cli.json(args, "M1");
        ASSERT_EQ(report["versions"], nlohmann::json::array({"york-qaf@1"}));
        for (const auto& question : report["questions"]) {
            const auto& table = expected[question["id"].get<std::string>()];
            SCOPED_TRACE(year + " " + question["id"].get<std::string>());
            ASSERT_EQ(question["rows"].size(), table["rows"].size());
            for (std::size_t i = 0; i < table["rows"].size(); ++i) {
                const auto& row = question["rows"][i];
                EXPECT_EQ(row["label"], table["rows"][i][0]);
                EXPECT_EQ(row["cells"][0]["percent"], table["rows"][i][1]);
                EXPECT_EQ(row["cells"][0]["count"], table["rows"][i][2]);
            }
            if (table.contains("total_respondents")) {
                EXPECT_EQ(question["total_label"], "Total Respondents");
                EXPECT_EQ(question["answered"][0], table["total_respondents"]);
            } else {
                EXPECT_EQ(question["total_label"], "Total");
                EXPECT_EQ(question["answered"][0], table["total"]);
            }
        }
        const auto text = cli.run({"report", "qaf", "--year", year, "--questions", "31"}, "M1");
        if (year == "2015-16") {
            EXPECT_THAT(text.out, HasSubstr("Total Respondents: 474"));
            EXPECT_THAT(text.out, HasSubstr("Answered: 474  Skipped: 26"));
        }
    }

    test::PluginSandbox sandbox;
    // Live since before the fixtures' history, so their reviews' prompts open.
    test::HostCli cli{sandbox,
                      {{"worker_roles", {{"M1", "iro_manager"}}}, {"go_live", "2014-01-01"}}};
};

TEST_F(QafTest, SubmittedResponsesGiveYorksPublishedTables) {
    ingest_children();
    for (const char* year : {"2014-15", "2015-16"}) {
        const auto file = fixtures() / (std::string("responses-") + year + ".jsonl");
        const auto r = cli.run({"qaf", "submit", "--file", file.string()}, "M1");
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_THAT(r.out, HasSubstr("Recorded " + std::string(year[3] == '4' ? "400" : "500") +
                                     " response(s)"));
    }
    expect_published("2014-15");
    expect_published("2015-16");
    // Year on year, and the combined "good or outstanding" the prose quotes (85.64%, 90.80%).
    const auto both =
        cli.json({"report", "qaf", "--year", "2015-16", "--compare", "2014-15", "--questions", "29",
                  "--combine", "29:Good or outstanding=good+outstanding"},
                 "M1");
    EXPECT_EQ(both["columns"], nlohmann::json::array({"2015-16", "2014-15"}));
    const auto& combined = both["questions"][0]["rows"][4];
    EXPECT_EQ(combined["label"], "Good or outstanding");
    EXPECT_EQ(combined["cells"][0]["percent"], "90.80%");
    EXPECT_EQ(combined["cells"][1]["percent"], "85.64%");
    // The top three issues, leaving out Not applicable and Other (as the 2015/16 report does).
    const auto top =
        cli.json({"report", "qaf", "--year", "2015-16", "--questions", "31", "--top", "3"}, "M1");
    const auto& ranked = top["questions"][0]["top"];
    ASSERT_EQ(ranked.size(), 3U);
    EXPECT_EQ(ranked[0]["label"], "Practice – No/poor quality Care Plan");
    EXPECT_EQ(ranked[1]["label"], "Practice - Statutory Visits not within timescales");
    EXPECT_EQ(ranked[2]["label"], "Practice – No/poor quality Placement Plan");
    // By quarter: four columns and All; each question keeps its own denominator.
    const auto quarters = cli.json(
        {"report", "qaf", "--year", "2015-16", "--by", "quarter", "--questions", "20"}, "M1");
    EXPECT_EQ(quarters["columns"], nlohmann::json::array({"2015-16 Q1", "2015-16 Q2", "2015-16 Q3",
                                                          "2015-16 Q4", "All"}));
    EXPECT_EQ(quarters["questions"][0]["answered"][4], 483);
}

// The annual report carries the same survey tables, number for number: York's 2015/16 QAF tables
// as published (percentages to two decimals), beside 2014/15.
TEST_F(QafTest, TheAnnualReportCarriesYorksPublishedQafTables) {
    ingest_children();
    for (const char* year : {"2014-15", "2015-16"}) {
        const auto file = fixtures() / (std::string("responses-") + year + ".jsonl");
        ASSERT_EQ(cli.run({"qaf", "submit", "--file", file.string()}, "M1").exit_code, 0);
    }
    const auto r = cli.run({"report", "annual", "--year", "2015-16", "--compare", "2014-15",
                            "--as-of", "2016-06-30", "--format", "json"},
                           "M1");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(r.out);
    const auto expected = published()["2015-16"];
    int checked = 0;
    for (const auto& section : report["sections"]) {
        if (section["title"] != "Quality assurance (QAF)") {
            continue;
        }
        for (const auto& table : section["tables"]) {
            for (const auto& [id, published_table] : expected.items()) {
                // "Q20: ..." is the table of question q20.
                const std::string number = "Q" + id.substr(1) + ":";
                if (table["title"].get<std::string>().rfind(number, 0) != 0) {
                    continue;
                }
                SCOPED_TRACE(id);
                ++checked;
                EXPECT_EQ(table["columns"][0], "2015-16: %");
                for (std::size_t i = 0; i < published_table["rows"].size(); ++i) {
                    const auto& row = table["rows"][i];
                    EXPECT_EQ(row["label"], published_table["rows"][i][0]);
                    EXPECT_EQ(row["cells"][0]["text"], published_table["rows"][i][1]);
                    EXPECT_EQ(row["cells"][1]["value"], published_table["rows"][i][2]);
                }
            }
        }
    }
    EXPECT_EQ(checked, static_cast<int>(expected.size()));
    // Every QAF of the fixtures was completed on the day of its review or the next.
    EXPECT_THAT(test::report_rows(report, "QAF questionnaires completed"),
                testing::ElementsAre("Completed: 500 400", "Reviews held: 500 400",
                                     "with the QAF completed within 24 hours: 500 400",
                                     "% of reviews with the QAF completed within 24 hours: 100.0% "
                                     "100.0%"));
    // Had 100 of 2015-16's reviews been held three days before their QAF, 80% would be in time.
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3")
        .exec(
            "UPDATE reviews SET held_on = date(held_on, '-3 days') WHERE review_id IN (SELECT "
            "review_id FROM reviews WHERE held_on BETWEEN '2015-05-01' AND '2016-03-01' ORDER BY "
            "review_id LIMIT 100)");
    const auto late = cli.run(
        {"report", "annual", "--year", "2015-16", "--as-of", "2016-06-30", "--format", "json"},
        "M1");
    ASSERT_EQ(late.exit_code, 0) << late.err;
    EXPECT_THAT(test::report_rows(nlohmann::json::parse(late.out), "QAF questionnaires completed"),
                testing::ElementsAre("Completed: 500", "Reviews held: 500",
                                     "with the QAF completed within 24 hours: 400",
                                     "% of reviews with the QAF completed within 24 hours: 80.0%"));
}

TEST_F(QafTest, SurveyMonkeyExportsGiveTheSameTables) {
    ingest_children();
    const auto linked =
        cli.run({"qaf", "import-surveymonkey", (fixtures() / "surveymonkey-2015-16.csv").string(),
                 "--questionnaire", "york-qaf@1"},
                "M1");
    ASSERT_EQ(linked.exit_code, 0) << linked.err;
    EXPECT_THAT(linked.out, HasSubstr("matched    columns 34-58  -> q31"));
    EXPECT_THAT(linked.out, HasSubstr("unmatched  column 59      'Any further comments about "
                                      "this review?'"));
    EXPECT_THAT(linked.out, HasSubstr("25 matched, 1 unmatched, 0 ambiguous"));
    EXPECT_THAT(linked.out, HasSubstr("Imported 500 response(s): 500 linked to their review, 0 "
                                      "kept as history without a child."));
    const auto history =
        cli.run({"qaf", "import-surveymonkey", (fixtures() / "surveymonkey-2014-15.csv").string(),
                 "--questionnaire", "york-qaf@1"},
                "M1");
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_THAT(history.out, HasSubstr("0 linked to their review, 400 kept as history"));
    expect_published("2014-15");
    expect_published("2015-16");
    // The same export again is refused whole: each respondent is imported once.
    const auto again =
        cli.run({"qaf", "import-surveymonkey", (fixtures() / "surveymonkey-2014-15.csv").string(),
                 "--questionnaire", "york-qaf@1"},
                "M1");
    EXPECT_EQ(again.exit_code, 3);
    EXPECT_THAT(again.err, HasSubstr("line 3: the response to york-qaf@1 was not recorded"));
    EXPECT_THAT(again.err, HasSubstr("surveymonkey response '10000000000' was recorded already"));
    // Only an IRO manager brings in history.
    const auto iro =
        cli.run({"qaf", "import-surveymonkey", (fixtures() / "surveymonkey-2014-15.csv").string(),
                 "--questionnaire", "york-qaf@1"},
                "IRO01");
    EXPECT_EQ(iro.exit_code, 3);
    EXPECT_THAT(iro.err, HasSubstr("may not import QAF history"));
}

TEST_F(QafTest, AnUnreadableExportImportsNothing) {
    std::string text = slurp(fixtures() / "surveymonkey-2014-15.csv");
    const auto at = text.find(",Good,");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 6, ",Very good,");
    const fs::path bad = sandbox.data_dir().parent_path() / "bad.csv";
    std::ofstream(bad, std::ios::binary) << text;
    const auto r = cli.run(
        {"qaf", "import-surveymonkey", bad.string(), "--questionnaire", "york-qaf@1"}, "M1");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("bad.csv refused; nothing was imported"));
    EXPECT_THAT(r.err, testing::ContainsRegex("bad\\.csv:[0-9]+: column [0-9]+: 'Very good' is "
                                              "not an option of q2[39]"));
    const auto listed = cli.json({"qaf", "questionnaires"}, "M1");
    EXPECT_EQ(listed[0]["responses"], 0);
}

TEST_F(QafTest, OneResponseFromSubmissionToAmendment) {
    ingest_children();
    const fs::path answers = sandbox.data_dir().parent_path() / "answers.json";
    // A QAF completed here answers every question that applies: an empty one is refused with
    // every question it misses.
    std::ofstream(answers) << R"({"answers": {}})";
    const auto empty =
        cli.run({"qaf", "submit", "--review", "Y15-001-R1", "--file", answers.string()}, "IRO01");
    EXPECT_EQ(empty.exit_code, 3);
    EXPECT_THAT(empty.err, HasSubstr("q3: not answered (Q3: The child was seen and spoken to"));
    EXPECT_THAT(empty.err, HasSubstr("q29: not answered"));
    EXPECT_THAT(empty.err, Not(HasSubstr("ind12: not answered")));  // from the second review
    // Y15-001 is under 4 with IRO01; R1 is their first review.
    const nlohmann::json complete = nlohmann::json::parse(R"({
        "q3": "seen", "ind03": "yes", "ind04": "yes", "ind05": "yes", "ind06": "yes",
        "ind07": "yes", "ind08": "yes", "participation": "pn0", "ind10": "yes", "ind11": "yes",
        "q20": "yes", "q21": "yes", "ind15": "yes", "q23": "Good", "ind16": "yes", "q25": "yes",
        "ind19": "yes", "ind20": "yes", "q29": "good", "q30": "no", "q31": ["not_applicable"]})");
    const auto write_answers = [&](const nlohmann::json& changes, const nlohmann::json& other) {
        nlohmann::json a = complete;
        a.update(changes);
        std::ofstream(answers, std::ios::trunc) << nlohmann::json{{"answers", a}, {"other", other}};
    };
    write_answers(nlohmann::json::object(), nlohmann::json::object());
    const auto other_iro =
        cli.run({"qaf", "submit", "--review", "Y15-001-R1", "--file", answers.string()}, "IRO02");
    EXPECT_EQ(other_iro.exit_code, 3);
    EXPECT_THAT(other_iro.err, HasSubstr("IRO02 has no business with child Y15-001"));
    const auto social_worker =
        cli.run({"qaf", "submit", "--review", "Y15-001-R1", "--file", answers.string()}, "SW01");
    EXPECT_EQ(social_worker.exit_code, 3);

    const auto first =
        cli.json({"qaf", "submit", "--review", "Y15-001-R1", "--file", answers.string()}, "IRO01");
    const auto& response = first["response"];
    EXPECT_EQ(response["review_id"], "event:Y15-001-R1");
    EXPECT_EQ(response["child_id"], "Y15-001");
    EXPECT_EQ(response["review_date"], "2015-04-01");
    EXPECT_EQ(response["iro_id"], "IRO01");
    EXPECT_EQ(response["team_id"], "North");
    EXPECT_EQ(response["age_band"], "under 1");
    EXPECT_EQ(response["answers"]["q23"], "good");  // a label is taken for its code
    const std::string id = response["response_id"].get<std::string>();

    const auto twice =
        cli.run({"qaf", "submit", "--review", "Y15-001-R1", "--file", answers.string()}, "IRO01");
    EXPECT_EQ(twice.exit_code, 3);
    EXPECT_THAT(twice.err, HasSubstr("already has york-qaf response " + id + "; amend it"));

    // Everything wrong with a response is listed at once, and nothing is kept.
    std::ofstream(answers) << R"({"answers": {"q20": "maybe", "ind12": "yes", "ind01": "yes",
                                  "q31": ["not_applicable", "pr_care_plan"], "q99": "x"},
                                  "other": {"q20": "why"}})";
    const auto wrong =
        cli.run({"qaf", "submit", "--review", "Y15-001-R2", "--file", answers.string()}, "IRO01");
    EXPECT_EQ(wrong.exit_code, 3);
    EXPECT_THAT(wrong.err, HasSubstr("q20: 'maybe' is not one of: yes (Yes), no (No)"));
    EXPECT_THAT(wrong.err, HasSubstr("q99: york-qaf@1 has no question 'q99'"));
    EXPECT_THAT(wrong.err, HasSubstr("ind01: answered, but it applies to children aged 4 or "
                                     "over, and the child was"));
    EXPECT_THAT(wrong.err, HasSubstr("'not_applicable' (Not applicable) is never chosen with "
                                     "another option"));
    EXPECT_THAT(wrong.err, HasSubstr("other.q20: there is no 'Other (please specify)' option"));
    EXPECT_THAT(wrong.err, Not(HasSubstr("ind12")));  // R2 is the second review: it applies
    std::ofstream(answers) << R"({"answers": {"ind12": "yes"}})";
    const auto first_review =
        cli.run({"qaf", "submit", "--review", "Y15-002-R1", "--file", answers.string()}, "IRO02");
    EXPECT_EQ(first_review.exit_code, 3);
    EXPECT_THAT(first_review.err, HasSubstr("ind12: answered, but it applies from the child's "
                                            "review number 2, and this is number 1"));

    // The participation code must fit the child's age on the review day (DfE rule 440): Y15-027
    // was 7 at the review.
    write_answers({{"participation", "pn0"}, {"ind01", "yes"}, {"ind09", "yes"}},
                  nlohmann::json::object());
    const auto too_old =
        cli.run({"qaf", "submit", "--review", "Y15-027-R1", "--file", answers.string()}, "IRO02");
    EXPECT_EQ(too_old.exit_code, 3);
    EXPECT_THAT(too_old.err, HasSubstr("participation: PN0 Child under 4 at time of Review is for "
                                       "a child under 4 at the review, and the child was"));
    EXPECT_THAT(too_old.err, HasSubstr("(DfE rule 440)"));

    // An amendment: a new version with its author and reason; reports count the latest once.
    write_answers({{"q20", "no"},
                   {"q23", "requires_improvement"},
                   {"q30", "informal"},
                   {"q31", {"pr_care_plan", "other"}}},
                  {{"q31", "Contact plan not reviewed"}});
    const auto no_reason = cli.run(
        {"qaf", "amend", "--response", id, "--file", answers.string(), "--reason", ""}, "IRO01");
    EXPECT_NE(no_reason.exit_code, 0);
    const auto amended = cli.json({"qaf", "amend", "--response", id, "--file", answers.string(),
                                   "--reason", "Legal status view changed after the review"},
                                  "IRO01");
    EXPECT_EQ(amended["response"]["amends"], id);
    EXPECT_EQ(amended["response"]["author_id"], "IRO01");
    const auto again =
        cli.run({"qaf", "amend", "--response", id, "--file", answers.string(), "--reason", "again"},
                "IRO01");
    EXPECT_THAT(again.err, HasSubstr("was already amended by response"));
    const auto report = cli.json(
        {"report", "qaf", "--year", "2015-16", "--questions", "20,31", "--other-texts"}, "M1");
    EXPECT_EQ(report["responses"][0], 1);
    EXPECT_EQ(report["questions"][0]["rows"][1]["cells"][0]["count"], 1);  // No, not Yes
    EXPECT_EQ(report["other_texts_internal_only"][0]["text"], "Contact plan not reviewed");
    // "Other" texts never go into a published format.
    const auto csv =
        cli.run({"report", "qaf", "--year", "2015-16", "--format", "csv", "--other-texts"}, "M1");
    EXPECT_EQ(csv.exit_code, 3);
    EXPECT_THAT(csv.err, HasSubstr("never go into a published format"));
    // The informal dispute the amendment records reached the quality-alerts module.
    const auto alerts = cli.json({"alerts", "list", "--child", "Y15-001"}, "M1");
    ASSERT_EQ(alerts.size(), 1U);
    EXPECT_EQ(alerts[0].at("stage"), "informal");
    EXPECT_THAT(alerts[0].at("body").at("description").get<std::string>(),
                HasSubstr("Yes – Informal Dispute Resolution"));
}

// The loop closes: the mid-point module's "QAF not completed" prompt for a review closes when the
// IRO submits the QAF for it through the real qaf module (its york-qaf questionnaire).
TEST_F(QafTest, SubmittingTheQafClosesItsPrompt) {
    sandbox.add_product_module("midpoint_prompts");
    ingest_children();
    ASSERT_EQ(cli.run({"tick", "--as-of", "2015-04-06"}, "M1").exit_code, 0);
    const auto qaf_prompt = [&] {
        for (const auto& p : cli.json({"prompts", "list", "--child", "Y15-001", "--state", "all",
                                       "--as-of", "2015-04-06"},
                                      "M1")) {
            if (p["kind"] == "qaf_outstanding" &&
                p["key"].get<std::string>().find("Y15-001-R1") != std::string::npos) {
                return p;
            }
        }
        return nlohmann::json();
    };
    ASSERT_FALSE(qaf_prompt().is_null()) << "the tick raised no QAF prompt for Y15-001-R1";
    EXPECT_EQ(qaf_prompt()["state"], "open");
    const fs::path answers = sandbox.data_dir().parent_path() / "answers.json";
    std::ofstream(answers) << nlohmann::json{{"answers",
                                              {{"q3", "seen"},
                                               {"ind03", "yes"},
                                               {"ind04", "yes"},
                                               {"ind05", "yes"},
                                               {"ind06", "yes"},
                                               {"ind07", "yes"},
                                               {"ind08", "yes"},
                                               {"participation", "pn0"},
                                               {"ind10", "yes"},
                                               {"ind11", "yes"},
                                               {"q20", "yes"},
                                               {"q21", "yes"},
                                               {"ind15", "yes"},
                                               {"q23", "good"},
                                               {"ind16", "yes"},
                                               {"q25", "yes"},
                                               {"ind19", "yes"},
                                               {"ind20", "yes"},
                                               {"q29", "good"},
                                               {"q30", "no"},
                                               {"q31", {"not_applicable"}}}}};
    const auto submitted =
        cli.run({"qaf", "submit", "--review", "Y15-001-R1", "--file", answers.string()}, "IRO01");
    ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
    const auto closed = qaf_prompt();
    EXPECT_EQ(closed["state"], "done") << closed.dump(2);
    EXPECT_EQ(closed["closed"]["record_type"], "response");
}

// Module settings are checked by the module before they are saved (API 1.5): a questionnaire
// that is not defined, an amber window that closes before it opens, a ladder with a stage id
// twice. Settings stored behind the modules' back show them as unable to run, with or without a
// serving host, and the tick says so and fails.
TEST_F(QafTest, ModulesCheckTheirSettingsBeforeTheyAreSavedAndATickFailsWhenOneCannotRun) {
    sandbox.add_product_module("midpoint_prompts");
    ingest_children();
    ASSERT_EQ(cli.run({"tick", "--as-of", "2015-04-06"}, "M1").exit_code, 0);  // york-qaf defined
    const auto wrong_questionnaire =
        cli.run({"modules", "config", "midpoint-prompts", "--set", "qaf_questionnaire=qaf"}, "M1");
    EXPECT_EQ(wrong_questionnaire.exit_code, 3);
    EXPECT_THAT(wrong_questionnaire.err,
                HasSubstr("configuration of midpoint-prompts refused by the module, nothing "
                          "saved: /qaf_questionnaire: no questionnaire 'qaf' is defined "
                          "(defined: york-qaf)"));
    const auto window = cli.run({"modules", "config", "midpoint-prompts", "--set",
                                 "amber_check_from_weeks=20", "--set", "amber_check_by_weeks=1"},
                                "M1");
    EXPECT_EQ(window.exit_code, 3);
    EXPECT_THAT(window.err, HasSubstr("/amber_check_from_weeks: the amber window opens (week 20) "
                                      "after it closes"));
    const std::string twice =
        R"(ladder=[{"id":"informal","name":"Informal","responder_role":"team_manager",)"
        R"("deadline_working_days":10},)"
        R"({"id":"informal","name":"Again","responder_role":"service_manager",)"
        R"("deadline_working_days":10}])";
    const auto ladder = cli.run({"modules", "config", "quality-alerts", "--set", twice}, "M1");
    EXPECT_EQ(ladder.exit_code, 3);
    EXPECT_THAT(ladder.err, HasSubstr("/ladder/1/id: 'informal' is used twice"));
    EXPECT_EQ(
        cli.run({"modules", "config", "midpoint-prompts", "--set", "qaf_questionnaire=york-qaf"},
                "M1")
            .exit_code,
        0);

    // Stored behind the modules' back (a restored backup, a hand edit).
    {
        auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
        db.exec(
            "UPDATE module_settings SET config = '{\"amber_check_from_weeks\": 20, "
            "\"amber_check_by_weeks\": 1}' WHERE module_id = 'midpoint-prompts'");
    }
    const auto listed = cli.run({"modules", "list"}, "M1");
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_THAT(listed.out, testing::ContainsRegex("midpoint-prompts +1\\.0\\.0 +failed_to_load "
                                                   "+its settings are refused by the module: "
                                                   "/amber_check_from_weeks"));
    const auto tick = cli.run({"tick", "--as-of", "2015-04-07"}, "M1");
    EXPECT_NE(tick.exit_code, 0);
    EXPECT_THAT(tick.err, HasSubstr("module midpoint-prompts cannot run (failed_to_load"));
    EXPECT_THAT(tick.err, HasSubstr("nothing of it was evaluated as of 2015-04-07"));
}

TEST_F(QafTest, PublishedFormatsWithholdSmallCounts) {
    ingest_children();
    ASSERT_EQ(
        cli.run({"qaf", "submit", "--file", (fixtures() / "responses-2015-16.jsonl").string()},
                "M1")
            .exit_code,
        0);
    const auto suppressed = cli.json(
        {"report", "qaf", "--year", "2015-16", "--questions", "29", "--suppress-below", "5"}, "M1");
    const auto& rows = suppressed["questions"][0]["rows"];
    EXPECT_EQ(rows[0]["cells"][0]["count"], "c");  // Inadequate: 1
    EXPECT_EQ(rows[0]["cells"][0]["percent"], "c");
    // Alone it could be worked out from the total: the next smallest (Outstanding, 7) goes too.
    EXPECT_EQ(rows[3]["cells"][0]["count"], "c");
    EXPECT_EQ(rows[2]["cells"][0]["count"], 437);
    EXPECT_EQ(suppressed["questions"][0]["answered"][0], 489);
    EXPECT_THAT(suppressed["note"].get<std::string>(), HasSubstr("Counts from 1 to 4"));

    const fs::path dir = sandbox.data_dir().parent_path();
    const auto xlsx = cli.run({"report", "qaf", "--year", "2015-16", "--format", "xlsx", "--out",
                               (dir / "qaf.xlsx").string()},
                              "M1");
    ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
    const std::string book = slurp(dir / "qaf.xlsx");
    EXPECT_EQ(book.substr(0, 2), "PK");
    EXPECT_THAT(book, HasSubstr("xl/worksheets/sheet26.xml"));  // a summary and 25 questions

    const auto html = cli.run({"report", "qaf", "--year", "2015-16", "--format", "html", "--out",
                               (dir / "qaf.html").string(), "--suppress-below", "5"},
                              "M1");
    ASSERT_EQ(html.exit_code, 0) << html.err;
    const std::string page = slurp(dir / "qaf.html");
    EXPECT_THAT(page, HasSubstr("<svg class=\"chart\""));
    EXPECT_THAT(page, HasSubstr("Total Respondents: 474"));
    EXPECT_THAT(page, Not(HasSubstr("<script")));
    EXPECT_THAT(page, Not(HasSubstr("<link")));
    EXPECT_THAT(page, Not(HasSubstr("src=")));
    EXPECT_THAT(page, Not(HasSubstr("Placement stability")));  // no "Other" text
}

}  // namespace
}  // namespace iro
