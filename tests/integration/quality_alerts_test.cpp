// The quality-alerts module end to end: real plugin libraries, the real store, iro-host as a
// process, and a real mail server process on loopback. North Yorkshire's year reproduced from a
// tracker export; one child's dispute up the ladder through people's actions and refusals;
// deadlines across a bank-holiday weekend; automatic escalation as of a day; the bulletin of a
// fixed week; a QAF answer opening a stage 1 dispute; notifications sent by SMTP.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

fs::path fixtures() {
    return fs::path(IRO_TEST_FIXTURES_DIR) / "alerts";
}

std::string event(const std::string& id, const std::string& kind, const std::string& day,
                  const std::string& data) {
    return R"({"event_id":")" + id + R"(","kind":")" + kind +
           R"(","child_id":"C1","occurred_on":")" + day + R"(","data":)" + data + "}\n";
}

// C1 in care since 2023 with IRO W10, social worker S20 and team manager T30 of team East.
std::string child_history() {
    return event(
               "e1", "entered_care", "2023-09-04",
               R"({"legal_status":"C2","placement":"U1","date_of_birth":"2012-05-01","sex":"1"})") +
           event("e2", "allocation_changed", "2023-09-04",
                 R"({"role":"iro","worker_id":"W10","team_id":"IRO Service"})") +
           event("e3", "allocation_changed", "2023-09-04",
                 R"({"role":"social_worker","worker_id":"S20","team_id":"East"})") +
           event("e4", "allocation_changed", "2023-09-04",
                 R"({"role":"team_manager","worker_id":"T30","team_id":"East"})") +
           // W11 is another child's IRO.
           R"({"event_id":"e6","kind":"entered_care","child_id":"C2","occurred_on":"2023-09-04",)"
           R"("data":{"legal_status":"C2","placement":"U1","date_of_birth":"2013-01-01","sex":"2"}})"
           "\n"
           R"({"event_id":"e7","kind":"allocation_changed","child_id":"C2","occurred_on":"2023-09-04",)"
           R"("data":{"role":"iro","worker_id":"W11","team_id":"IRO Service"}})"
           "\n";
}

class QualityAlertsTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_module("quality_alerts").add_probe("probe_questionnaire");
        write_config(nlohmann::json::object());
    }

    void write_config(const nlohmann::json& notifications) {
        // HS9, a Head of Service, is known by configuration only, as a council names its senior
        // managers; the council calls the role its own name.
        nlohmann::json config = {
            {"worker_roles", {{"M1", "iro_manager"}, {"HS9", "head_of_service"}}},
            {"role_names", {{"head_of_service", "Head of Children's Social Care"}}},
            {"go_live", "2000-01-01"}};
        if (!notifications.empty()) {
            config["notifications"] = notifications;
        }
        std::ofstream(config_file()) << config.dump(2);
    }

    fs::path config_file() const { return sandbox.data_dir().parent_path() / "config.json"; }

    test::CommandResult run(const std::vector<std::string>& args,
                            const std::string& actor = "W10") const {
        std::vector<std::string> argv{test::host_binary().string(),
                                      "--config",
                                      config_file().string(),
                                      "--data-dir",
                                      sandbox.data_dir().string(),
                                      "--plugin-dir",
                                      sandbox.plugin_dir().string(),
                                      "--actor",
                                      actor};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run_command(argv);
    }

    nlohmann::json json(const std::vector<std::string>& args, const std::string& actor = "W10") {
        std::vector<std::string> with{"--json"};
        with.insert(with.end(), args.begin(), args.end());
        const auto r = run(with, actor);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return nlohmann::json::parse(
            r.out.substr(0, r.out.rfind(r.out.front() == '[' ? ']' : '}') + 1));
    }

    void ingest(const fs::path& file, const std::string& as_of) {
        const auto r = run({"events", "ingest", file.string(), "--as-of", as_of});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    void ingest_child() {
        const fs::path file = sandbox.data_dir().parent_path() / "child.jsonl";
        std::ofstream(file) << child_history();
        ingest(file, "2023-12-31");
    }

    // Raises the alert on C1 as W10 on Thursday 28 March 2024, before Easter.
    std::string raise_before_easter() {
        const auto reply = json(
            {"alerts", "raise", "--child", "C1", "--category", "practice_care_plan", "--category",
             "Practice - Statutory Visits not within timescales", "--description",
             "The care plan has not been updated since the review", "--as-of", "2024-03-28"});
        return reply["alert"]["alert_id"].get<std::string>();
    }

    void import_north_yorkshire() {
        ingest(fixtures() / "children.jsonl", "2014-03-31");
        const auto r = run({"alerts", "import", (fixtures() / "tracker-2014-15.csv").string(),
                            "--as-of", "2015-06-30"},
                           "M1");
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_THAT(r.out, HasSubstr("Imported 110 alert(s) from 310 rows"));
    }

    test::PluginSandbox sandbox;
};

std::vector<std::pair<std::string, int>> counts(const nlohmann::json& list) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& c : list) {
        out.emplace_back(c["name"].get<std::string>(), c["count"].get<int>());
    }
    return out;
}

TEST_F(QualityAlertsTest, NorthYorkshiresYearGivesThePublishedCountsAndTopFive) {
    import_north_yorkshire();
    const auto report =
        json({"report", "alerts", "--year", "2014-15", "--by", "quarter", "--format", "json"});
    ASSERT_EQ(report.size(), 5u);
    const auto& year = report.back();
    EXPECT_EQ(year["period"], "2014-15");
    EXPECT_EQ(year["raised"], 110);
    EXPECT_EQ(counts(year["by_kind"]), (std::vector<std::pair<std::string, int>>{
                                           {"quality_issue", 100}, {"exceptional_practice", 10}}));
    // The report's top five reasons (seed 003, L277-285), Other among them as printed.
    EXPECT_EQ(counts(year["by_category"]),
              (std::vector<std::pair<std::string, int>>{
                  {"Decisions of review not acted on", 35},
                  {"Other (please specify)", 23},
                  {"Pre meeting report not available", 15},
                  {"Assessment and progress records not up to date", 14},
                  {"Life story work not being progressed", 13}}));
    // Top issues leave Other out.
    EXPECT_EQ(counts(year["top_issues"]),
              (std::vector<std::pair<std::string, int>>{
                  {"Decisions of review not acted on", 35},
                  {"Pre meeting report not available", 15},
                  {"Assessment and progress records not up to date", 14},
                  {"Life story work not being progressed", 13}}));
    // No formal dispute was invoked that year.
    EXPECT_EQ(counts(year["by_stage_reached"]),
              (std::vector<std::pair<std::string, int>>{
                  {"Informal Dispute Resolution (quality alert)", 100}}));
    EXPECT_EQ(year["challenges"], 100);
    EXPECT_EQ(year["resolved"], 95);
    EXPECT_EQ(year["resolved_informally_or_stage_1"], 95);
    EXPECT_TRUE(year["median_working_days_to_resolution"].is_number());
    int by_quarter = 0;
    for (std::size_t q = 0; q < 4; ++q) {
        by_quarter += report[q]["raised"].get<int>();
    }
    EXPECT_EQ(by_quarter, 110);

    // A tracker is brought in once; the second attempt changes nothing.
    const auto again = run({"alerts", "import", (fixtures() / "tracker-2014-15.csv").string(),
                            "--as-of", "2015-06-30"},
                           "M1");
    EXPECT_EQ(again.exit_code, 3);
    EXPECT_THAT(again.err, HasSubstr("line 2: ref: 'QA-001' was imported already, as alert 1"));
    EXPECT_EQ(json({"alerts", "list"}).size(), 110u);
}

TEST_F(QualityAlertsTest, ABadTrackerRowNamesItsLineAndImportsNothing) {
    ingest(fixtures() / "children.jsonl", "2014-03-31");
    const fs::path file = sandbox.data_dir().parent_path() / "bad.csv";
    std::ofstream(file) << "ref,action,on,actor,child_id,categories,description,outcome\n"
                           "A1,raise,2014-05-01,NYIRO1,NY001,other,Something,\n"
                           "A2,raise,2014-05-02,NYIRO1,NY002,No such reason,Something,\n"
                           "A3,raise,2014-05-02,NYIRO1,NY003,life_story_work_not_progressed,x,\n"
                           "A3,resolve,2014-05-03,NYIRO1,,,,\n";
    const auto r = run({"alerts", "import", file.string(), "--as-of", "2015-06-30"}, "M1");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("line 2: categories[0]: 'Other' needs the issue said in "
                                 "other_text"));
    EXPECT_THAT(r.err, HasSubstr("line 3: categories[0]: 'No such reason' is not one of the "
                                 "configured issue categories"));
    EXPECT_THAT(r.err, HasSubstr("line 5: cannot resolve this quality_issue alert (open, "
                                 "informal): resolving needs the outcome"));
    EXPECT_EQ(json({"alerts", "list"}).size(), 0u);
    // Only an IRO manager brings in a tracker.
    const auto by_iro =
        run({"alerts", "import", (fixtures() / "tracker-2014-15.csv").string()}, "NYIRO1");
    EXPECT_EQ(by_iro.exit_code, 3);
    EXPECT_THAT(by_iro.err, HasSubstr("may not import alerts"));
}

TEST_F(QualityAlertsTest, ADisputeClimbsTheLadderThroughPeoplesActionsAndRefusals) {
    ingest_child();
    const std::string id = raise_before_easter();
    auto alert = json({"alerts", "show", id});
    // Ten working days from Thursday 28 March 2024 skip Good Friday, the weekend and Easter
    // Monday: Monday 15 April.
    EXPECT_EQ(alert["due_on"], "2024-04-15");
    EXPECT_EQ(alert["stage"], "informal");
    EXPECT_EQ(alert["responder"], "team_manager");
    EXPECT_EQ(alert["team_id"], "East");
    EXPECT_EQ(alert["copies"], nlohmann::json({"senior_managers"}));

    // Refusals: the social worker may not resolve (IRO independence); another IRO may not
    // escalate; a worker unconnected to the child may not answer.
    auto r =
        run({"alerts", "resolve", id, "--outcome", "resolved", "--as-of", "2024-04-02"}, "S20");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("S20 (social_worker) may not resolve quality alerts"));
    r = run({"alerts", "escalate", id, "--as-of", "2024-04-02"}, "W11");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("W11 has no business with child C1"));
    r = run({"alerts", "respond", id, "--as-of", "2024-04-02"}, "T30");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("a response needs its text"));

    r = run({"alerts", "ack", id, "--as-of", "2024-04-02"}, "T30");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run({"alerts", "ack", id, "--as-of", "2024-04-02"}, "T30");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("only an open alert is acknowledged"));

    // The deadline passes: the tick prompts the IRO (the default policy) and escalates nothing.
    ASSERT_EQ(run({"tick", "--as-of", "2024-04-16"}).exit_code, 0);
    const auto prompts = json({"prompts", "list", "--state", "open"});
    std::vector<std::string> kinds;
    for (const auto& p : prompts) {
        kinds.push_back(p["kind"].get<std::string>() + ":" + p["audience"].get<std::string>());
    }
    EXPECT_THAT(kinds,
                testing::UnorderedElementsAre("alert_response:team_manager", "alert_deadline:iro"));
    EXPECT_EQ(json({"alerts", "show", id})["stage"], "informal");

    // The IRO escalates to stage 1: a new deadline, the deadline prompt done, copies notified.
    r = run({"alerts", "escalate", id, "--comment", "No response", "--as-of", "2024-04-16"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    alert = json({"alerts", "show", id});
    EXPECT_EQ(alert["stage"], "stage_1");
    EXPECT_EQ(alert["level"], 1);
    EXPECT_EQ(alert["due_on"], "2024-04-30");
    const auto notes = json({"notifications", "list", "--alert", id});
    std::vector<std::string> escalation_to;
    for (const auto& n : notes) {
        if (n["reason"] == "escalate") {
            escalation_to.push_back(n["recipient"].get<std::string>());
        }
    }
    EXPECT_THAT(escalation_to, testing::UnorderedElementsAre("senior_managers", "T30", "W10"));

    // Skipping a stage needs the reason; extending needs a later day and the reason.
    r = run({"alerts", "escalate", id, "--to-stage", "stage_3", "--as-of", "2024-04-17"});
    EXPECT_THAT(r.err, HasSubstr("skipping a stage needs the reason"));
    r = run({"alerts", "extend", id, "--due", "2024-05-07", "--as-of", "2024-04-17"});
    EXPECT_THAT(r.err, HasSubstr("extending needs the reason"));
    r = run(
        {"alerts", "extend", id, "--due", "2024-04-29", "--comment", "x", "--as-of", "2024-04-17"});
    EXPECT_THAT(r.err, HasSubstr("the new day must be later than 2024-04-30"));
    r = run({"alerts", "extend", id, "--due", "2024-05-07", "--comment", "Manager on leave",
             "--as-of", "2024-04-17"});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    // The tracker lists it as an open formal dispute.
    const auto tracker = json({"tracker", "--as-of", "2024-04-17"});
    ASSERT_EQ(tracker.size(), 1u);
    EXPECT_EQ(tracker[0]["alert_id"], id);
    EXPECT_EQ(tracker[0]["overdue"], false);
    EXPECT_EQ(tracker[0]["at_stage_working_days"], 1);

    r = run({"alerts", "respond", id, "--comment", "Plan updated", "--as-of", "2024-04-22"}, "T30");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run({"alerts", "resolve", id, "--outcome", "resolved", "--comment", "Seen the plan",
             "--as-of", "2024-04-23"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    alert = json({"alerts", "show", id});
    EXPECT_EQ(alert["status"], "resolved");
    EXPECT_EQ(alert["closed_on"], "2024-04-23");
    std::vector<std::string> actions;
    for (const auto& e : alert["history"]) {
        actions.push_back(e["action"].get<std::string>() + ":" + e["actor"].get<std::string>());
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"raise:W10", "acknowledge:T30", "escalate:W10",
                                                 "extend:W10", "respond:T30", "resolve:W10"}));
    EXPECT_TRUE(json({"prompts", "list", "--state", "open"}).empty());
    r = run({"alerts", "withdraw", id, "--comment", "x", "--as-of", "2024-04-24"});
    EXPECT_THAT(r.err, HasSubstr("it is resolved and stays so"));
}

// The people a stage addresses find the dispute in their inbox and answer it themselves: the team
// manager at the informal stage, the Head of Service at stage 3, each only while it is theirs.
TEST_F(QualityAlertsTest, EachStagesAddresseeFindsTheDisputeAndAnswersItThemselves) {
    ingest_child();
    const std::string id = raise_before_easter();
    const auto inbox = [&](const std::string& who) {
        std::vector<std::string> ids;
        for (const auto& a : json({"alerts", "list", "--addressed-to-me"}, who)) {
            ids.push_back(a["alert_id"].get<std::string>());
        }
        return ids;
    };
    EXPECT_THAT(inbox("T30"), testing::ElementsAre(id));
    EXPECT_TRUE(inbox("HS9").empty());
    EXPECT_TRUE(inbox("W11").empty());
    auto r = run({"alerts", "ack", id, "--as-of", "2024-04-02"}, "HS9");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("HS9 has no business with child C1"));

    r = run({"alerts", "escalate", id, "--to-stage", "stage_3", "--comment",
             "No plan after two reminders", "--as-of", "2024-04-16"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json({"alerts", "show", id})["responder"], "head_of_service");
    EXPECT_THAT(inbox("HS9"), testing::ElementsAre(id));
    EXPECT_TRUE(inbox("T30").empty());
    const auto listed = run({"alerts", "list", "--addressed-to-me"}, "HS9");
    EXPECT_THAT(listed.out, HasSubstr("Head of Children's Social Care"));

    r = run(
        {"alerts", "respond", id, "--comment", "A placement is agreed", "--as-of", "2024-04-18"},
        "HS9");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto alert = json({"alerts", "show", id});
    const auto& last = alert["history"].back();
    EXPECT_EQ(last["action"], "respond");
    EXPECT_EQ(last["actor"], "HS9");
    EXPECT_EQ(last["actor_role"], "head_of_service");
    // Answering is theirs; resolving stays the IRO's.
    r = run({"alerts", "resolve", id, "--outcome", "resolved", "--as-of", "2024-04-19"}, "HS9");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("HS9 (head_of_service) may not resolve quality alerts"));
}

TEST_F(QualityAlertsTest, AReferralToCafcassLeavesNoResponsePromptWithAnOldDeadline) {
    ingest_child();
    const std::string id = raise_before_easter();
    ASSERT_EQ(json({"prompts", "list", "--state", "open"}).size(), 1u);
    auto r = run({"alerts", "escalate", id, "--to-stage", "cafcass", "--comment",
                  "Drift in the care plan: referred to Cafcass", "--as-of", "2024-04-02"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto alert = json({"alerts", "show", id});
    EXPECT_EQ(alert["stage"], "cafcass");
    EXPECT_FALSE(alert.contains("due_on") && !alert["due_on"].is_null());
    // Nobody in the council is asked to respond any more: the informal stage's prompt is done.
    EXPECT_TRUE(json({"prompts", "list", "--state", "open"}).empty());
    r = run({"tick", "--as-of", "2024-05-31"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(json({"prompts", "list", "--state", "open"}).empty());
    // The tracker still lists it, with no deadline to be overdue against.
    const auto tracker = json({"tracker", "--as-of", "2024-05-31"});
    ASSERT_EQ(tracker.size(), 1u);
    EXPECT_EQ(tracker[0]["overdue"], false);
}

TEST_F(QualityAlertsTest, AutomaticEscalationHappensAsOfTheDayAfterTheDeadline) {
    ingest_child();
    ASSERT_EQ(
        run({"modules", "config", "quality-alerts", "--set", "overdue_policy=\"automatic\""}, "M1")
            .exit_code,
        0);
    const std::string id = raise_before_easter();
    ASSERT_EQ(run({"tick", "--as-of", "2024-04-15"}).exit_code, 0);
    EXPECT_EQ(json({"alerts", "show", id})["stage"], "informal") << "due today is not late";
    ASSERT_EQ(run({"tick", "--as-of", "2024-04-16"}).exit_code, 0);
    const auto alert = json({"alerts", "show", id});
    EXPECT_EQ(alert["stage"], "stage_1");
    EXPECT_EQ(alert["due_on"], "2024-04-30");
    EXPECT_EQ(alert["history"].back()["actor"], "module:quality-alerts");
    EXPECT_EQ(alert["history"].back()["comment"], "deadline 2024-04-15 passed unresolved");
    ASSERT_EQ(run({"tick", "--as-of", "2024-04-17"}).exit_code, 0);
    EXPECT_EQ(json({"alerts", "show", id})["stage"], "stage_1") << "once per passed deadline";
}

TEST_F(QualityAlertsTest, TheBulletinOfAFixedWeek) {
    import_north_yorkshire();
    // Wednesday 25 March 2015: the week of Monday 23 to Sunday 29 March.
    const auto b = json({"bulletin", "--week", "2015-03-25"});
    EXPECT_EQ(b["monday"], "2015-03-23");
    EXPECT_EQ(b["sunday"], "2015-03-29");
    auto ids = [](const nlohmann::json& list) {
        std::vector<std::string> out;
        for (const auto& a : list) {
            out.push_back(a["alert_id"].get<std::string>());
        }
        return out;
    };
    EXPECT_EQ(ids(b["raised"]), (std::vector<std::string>{"107", "108", "109"}));
    EXPECT_EQ(ids(b["resolved"]), (std::vector<std::string>{"103", "104"}));
    EXPECT_TRUE(b["escalated"].empty());
    EXPECT_TRUE(b["overdue"].empty());
    const auto html = run({"bulletin", "--week", "2015-03-25", "--format", "html"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_THAT(html.out, HasSubstr("<h2>New alerts (3)</h2>"));
    EXPECT_THAT(html.out, HasSubstr("<html lang=\"en\">"));
    // Two weeks later the open ones are past their deadlines.
    EXPECT_EQ(json({"bulletin", "--week", "2015-04-20"})["overdue"].size(), 5u);
}

TEST_F(QualityAlertsTest, AQafAnswerTakingIssuesIntoStage1OpensADisputeWhileTheQafRuns) {
    ingest_child();
    auto submit = [&](const std::string& answer) {
        const nlohmann::json input = {{"child_id", "C1"},
                                      {"completed_on", "2024-03-28"},
                                      {"answers",
                                       {{"q30", answer},
                                        {"q31",
                                         {"Practice – No/poor quality Care Plan",
                                          "Practice - Statutory Visits not within timescales"}}}}};
        const auto r = run({"modules", "request", "record_response", "--input", input.dump()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    };
    submit("No");
    EXPECT_TRUE(json({"alerts", "list"}).empty());
    submit("Yes – Stage 1 Formal Dispute Resolution");
    auto alerts = json({"alerts", "list"});
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0]["stage"], "stage_1");
    EXPECT_EQ(alerts[0]["raised_by"], "W10");
    std::vector<std::string> codes;
    for (const auto& c : alerts[0]["categories"]) {
        codes.push_back(c["code"].get<std::string>());
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"practice_care_plan", "practice_statutory_visits"}));
    // A second answer at the same stage joins that dispute rather than opening another.
    submit("Yes - Stage 1 Formal Dispute Resolution");
    alerts = json({"alerts", "list"});
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0]["history"].back()["action"], "link");
}

TEST_F(QualityAlertsTest, NotificationsGoByEmailToTheConfiguredAddresses) {
    const fs::path mail = sandbox.data_dir().parent_path() / "mail";
    fs::create_directory(mail);
    test::BackgroundProcess sink({test::smtp_sink_binary().string(), "--port", "0", "--dir",
                                  mail.string(), "--refuse", "refused@council.invalid"});
    const std::string out = sink.wait_for_output("listening on");
    const std::string port =
        out.substr(out.rfind(':') + 1, out.find('\n', out.rfind(':')) - out.rfind(':') - 1);
    write_config(
        {{"addresses",
          {{"senior_managers", {"smt@council.invalid", "hos@council.invalid"}},
           {"W10", {"refused@council.invalid"}}}},
         {"smtp", {{"url", "smtp://127.0.0.1:" + port}, {"from", "iro@council.invalid"}}}});
    ingest_child();
    const std::string id = raise_before_easter();
    const auto sent = run({"notifications", "send"});
    EXPECT_EQ(sent.exit_code, 0) << sent.err;
    EXPECT_THAT(sent.out, HasSubstr("Sent 1; failed 0"));
    EXPECT_THAT(sent.out, HasSubstr("no address configured for 1"));
    sink.wait_for_output("received 1");
    std::ifstream in(mail / "1.eml");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_THAT(text.str(), HasSubstr("X-Envelope-To: smt@council.invalid"));
    EXPECT_THAT(text.str(), HasSubstr("X-Envelope-To: hos@council.invalid"));
    EXPECT_THAT(text.str(), HasSubstr("Subject: Quality alert " + id +
                                      " for child C1 raised at "
                                      "Informal Dispute Resolution (quality alert)"));
    EXPECT_THAT(text.str(), HasSubstr("Response due: 2024-04-15"));
    EXPECT_THAT(text.str(), testing::Not(HasSubstr("care plan has not been updated")))
        << "what is wrong stays behind the product's access control";
    std::vector<std::string> states;
    for (const auto& n : json({"notifications", "list"})) {
        states.push_back(n["recipient"].get<std::string>() + ":" + n["state"].get<std::string>());
    }
    EXPECT_THAT(states, testing::UnorderedElementsAre("senior_managers:sent", "T30:no_address"));
    // A mailbox the server refuses: failed, with the server's answer, tried again next time.
    ASSERT_EQ(run({"alerts", "escalate", id, "--as-of", "2024-04-16"}).exit_code, 0);
    const auto second = run({"notifications", "send"});
    EXPECT_EQ(second.exit_code, 1);
    const auto failed = json({"notifications", "list", "--state", "failed"});
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0]["recipient"], "W10");
    EXPECT_THAT(failed[0]["last_error"].get<std::string>(), HasSubstr("550"));
    sink.stop(SIGTERM);
}

}  // namespace
}  // namespace iro
