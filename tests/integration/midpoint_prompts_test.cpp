// The midpoint-prompts module end to end: real plugin libraries, the real store, iro-host as a
// process. One child's year, ticked and recorded day by day; each kind of record closing its
// prompt through the host's events; idempotent ticks; a disabled module raising nothing.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "support/plugin_sandbox.hpp"
#include "support/report_tables.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

std::string event(const std::string& id, const std::string& kind, const std::string& day,
                  const std::string& data) {
    return R"({"event_id":")" + id + R"(","kind":")" + kind +
           R"(","child_id":"C1","occurred_on":")" + day + R"(","data":)" + data + "}\n";
}

// C1 enters care on Mon 1 Apr 2019 with IRO W10 and social worker S20; first review 29 April.
// (The host stores an intake's review "R1" as "event:R1".)
std::string history() {
    return event(
               "e1", "entered_care", "2019-04-01",
               R"({"legal_status":"C2","placement":"U1","date_of_birth":"2010-05-01","sex":"2"})") +
           event("e2", "allocation_changed", "2019-04-01",
                 R"({"role":"iro","worker_id":"W10","team_id":"IRO Service"})") +
           event("e3", "allocation_changed", "2019-04-01",
                 R"({"role":"social_worker","worker_id":"S20","team_id":"East"})") +
           event("e4", "review_held", "2019-04-29", R"({"review_id":"R1","participation":"PN1"})");
}

class MidpointPromptsTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_module("midpoint_prompts")
            .add_product_module("oversight_notes")
            .add_probe("probe_questionnaire");
        ingest("history.jsonl", history());
    }

    // Live since before C1's history: every prompt of it opens (none is go-live backlog).
    std::vector<std::string> cli(const std::vector<std::string>& args,
                                 const std::string& actor = "W10") const {
        const fs::path config = sandbox.data_dir().parent_path() / "host.json";
        if (!fs::exists(config)) {
            std::ofstream(config)
                << R"({"go_live": "2019-01-01", "worker_roles": {"M1": "iro_manager"}})";
        }
        auto argv = sandbox.host_argv(actor, args);
        argv.insert(argv.begin() + 1, {"--config", config.string()});
        return argv;
    }

    test::CommandResult run(const std::vector<std::string>& args,
                            const std::string& actor = "W10") const {
        return test::run_command(cli(args, actor));
    }

    void ingest(const std::string& name, const std::string& lines) {
        const fs::path file = sandbox.data_dir().parent_path() / name;
        std::ofstream(file) << lines;
        const auto r = run({"events", "ingest", file.string(), "--as-of", "2019-12-31"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    test::CommandResult tick(const std::string& day) { return run({"tick", "--as-of", day}); }

    // Every prompt, by key without the child: "midpoint_check:event:R1" -> prompt.
    std::map<std::string, nlohmann::json> prompts() const {
        const auto r = run({"--json", "prompts", "list", "--state", "all"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::map<std::string, nlohmann::json> out;
        for (auto& p : nlohmann::json::parse(r.out)) {
            out[p["key"].get<std::string>().substr(3)] = p;
        }
        return out;
    }

    std::vector<std::string> open_keys() const {
        std::vector<std::string> keys;
        for (const auto& [key, p] : prompts()) {
            if (p["state"] == "open" || p["state"] == "acknowledged") {
                keys.push_back(key);
            }
        }
        return keys;
    }

    std::string note_file(const std::string& kind, const std::string& day) const {
        const fs::path examples =
            fs::path(IRO_TEST_FIXTURES_DIR).parent_path().parent_path() / "examples" / "notes";
        auto body = nlohmann::json::parse(std::ifstream(examples / (kind + ".json")));
        body["date"] = day;
        body.erase("review_due_on");
        if (body.contains("actions")) {
            for (auto& action : body["actions"]) {
                action["by_when"] = "2019-12-20";
            }
        }
        const fs::path file = sandbox.data_dir().parent_path() / (kind + "-" + day + ".json");
        std::ofstream(file) << body.dump();
        return file.string();
    }

    std::unique_ptr<test::BackgroundProcess> serve() const {
        auto host =
            std::make_unique<test::BackgroundProcess>(cli({"serve", "--listen", "127.0.0.1:0"}));
        host->wait_for_output("Serving.");
        return host;
    }

    test::PluginSandbox sandbox;
};

TEST_F(MidpointPromptsTest, TicksAreIdempotentAndOnlyMoveForward) {
    const auto first = tick("2019-05-24");
    ASSERT_EQ(first.exit_code, 0) << first.err;
    // Replayed as of their own days, the events opened the first review's prompts on entry and
    // closed them with the review; as of 24 May, two are open.
    EXPECT_THAT(first.out, HasSubstr("Prompts: 4 opened, 0 updated (0 became overdue), 1 done, "
                                     "1 dismissed."));
    // The mid-point check opens on 24 May (due 10 June); the QAF was due on 30 April.
    EXPECT_THAT(open_keys(),
                testing::ElementsAre("midpoint_check:event:R1", "qaf_outstanding:event:R1"));
    const auto qaf = prompts().at("qaf_outstanding:event:R1");
    EXPECT_EQ(qaf["overdue"], true);
    EXPECT_EQ(qaf["due_on"], "2019-04-30");
    const auto before = prompts();

    const auto again = tick("2019-05-24");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_THAT(again.out, HasSubstr("Prompts: 0 opened, 0 updated (0 became overdue), 0 done, "
                                     "0 dismissed."));
    EXPECT_EQ(prompts(), before);

    const auto back = tick("2019-05-01");
    EXPECT_EQ(back.exit_code, 3);
    EXPECT_THAT(back.err, HasSubstr("before the latest tick (2019-05-24)"));
    EXPECT_EQ(prompts(), before);

    // Later: the mid-point passes its due day (advanced to overdue), and the review prompts open.
    ASSERT_EQ(tick("2019-07-15").exit_code, 0);
    const auto later = prompts();
    EXPECT_EQ(later.at("midpoint_check:event:R1")["overdue"], true);
    EXPECT_EQ(later.at("midpoint_check:event:R1")["prompt_id"],
              before.at("midpoint_check:event:R1")["prompt_id"]);
    for (const char* key : {"consultation:event:R1", "sw_report:event:R1", "review_due:event:R1",
                            "oversight_quarter:2019-20Q1"}) {
        ASSERT_TRUE(later.count(key)) << key;
        EXPECT_EQ(later.at(key)["state"], "open") << key;
    }
    EXPECT_EQ(later.at("sw_report:event:R1")["audience"], "social_worker");
    // Every change is in the prompt's history, as of the day it was evaluated.
    const auto show = run({"prompts", "show", later.at("midpoint_check:event:R1")["prompt_id"]});
    const auto history = nlohmann::json::parse(show.out)["history"];
    ASSERT_EQ(history.size(), 2U) << show.out;
    EXPECT_EQ(history[0]["action"], "opened");
    EXPECT_EQ(history[0]["as_of"], "2019-05-24");
    EXPECT_EQ(history[1]["action"], "overdue");
    EXPECT_EQ(history[1]["as_of"], "2019-07-15");
}

TEST_F(MidpointPromptsTest, EachKindOfRecordClosesItsPromptThroughTheHostsEvents) {
    ASSERT_EQ(tick("2019-05-24").exit_code, 0);
    auto host = serve();

    // A QAF response (from the module with the QAF's id) closes the QAF prompt.
    const auto qaf =
        run({"modules", "request", "record_response", "--input",
             R"({"child_id":"C1","review_id":"event:R1","completed_on":"2019-05-24"})"});
    ASSERT_EQ(qaf.exit_code, 0) << qaf.err;
    const auto response_id =
        nlohmann::json::parse(qaf.out.substr(0, qaf.out.rfind('}') + 1))["response_id"];
    auto p = prompts();
    EXPECT_EQ(p.at("qaf_outstanding:event:R1")["state"], "done");
    EXPECT_EQ(p.at("qaf_outstanding:event:R1")["closed"]["record_type"], "response");
    EXPECT_EQ(p.at("qaf_outstanding:event:R1")["closed"]["record_id"], response_id);

    // A mid-point note closes the mid-point check.
    const auto mid = run({"--json", "notes", "add", "--child", "C1", "--kind", "midpoint", "--file",
                          note_file("midpoint", "2019-05-28")});
    ASSERT_EQ(mid.exit_code, 0) << mid.err;
    const auto mid_id = nlohmann::json::parse(mid.out)["note"]["note_id"];
    p = prompts();
    EXPECT_EQ(p.at("midpoint_check:event:R1")["state"], "done");
    EXPECT_EQ(p.at("midpoint_check:event:R1")["closed"]["record_id"], mid_id);
    EXPECT_EQ(host->stop(SIGTERM), 0) << host->stderr_text();

    ASSERT_EQ(tick("2019-07-15").exit_code, 0);
    // The mid-point note was oversight in April to June: no quarter prompt for Q1.
    EXPECT_EQ(prompts().count("oversight_quarter:2019-20Q1"), 0U);
    EXPECT_EQ(prompts().at("consultation:event:R1")["state"], "open");
    host = serve();

    // A consultation note closes the consultation prompt.
    ASSERT_EQ(run({"notes", "add", "--child", "C1", "--kind", "consultation", "--file",
                   note_file("consultation", "2019-07-16")})
                  .exit_code,
              0);
    p = prompts();
    EXPECT_EQ(p.at("consultation:event:R1")["state"], "done");
    EXPECT_EQ(p.at("consultation:event:R1")["closed"]["record_type"], "note");

    // The review held closes the review prompt as done, and what was still open for it lapses.
    ingest("review.jsonl",
           event("e5", "review_held", "2019-07-22", R"({"review_id":"R2","participation":"PN2"})"));
    p = prompts();
    EXPECT_EQ(p.at("review_due:event:R1")["state"], "done");
    EXPECT_EQ(p.at("review_due:event:R1")["closed"]["record_id"], "event:R2");
    EXPECT_THAT(p.at("review_due:event:R1")["closed"]["reason"].get<std::string>(),
                HasSubstr("held on time on 2019-07-22"));
    EXPECT_EQ(p.at("sw_report:event:R1")["state"], "dismissed");
    EXPECT_THAT(p.at("sw_report:event:R1")["closed"]["reason"].get<std::string>(),
                HasSubstr("review of 2019-07-22 was held before"));
    EXPECT_EQ(host->stop(SIGTERM), 0) << host->stderr_text();
    // The new review's QAF is due the next day, when its prompt opens.
    EXPECT_EQ(prompts().count("qaf_outstanding:event:R2"), 0U);
    ASSERT_EQ(tick("2019-07-23").exit_code, 0);
    EXPECT_EQ(prompts().at("qaf_outstanding:event:R2")["due_on"], "2019-07-23");

    // The year's measures: one cycle (R1 to R2) with its mid-point, and the first review's
    // mid-point within 6 weeks; the open prompt is counted under the child's IRO and team.
    const auto report = run({"--json", "report", "midpoint", "--year", "2019-20"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const auto m = nlohmann::json::parse(report.out);
    EXPECT_EQ(m["review_cycles"], 1);
    EXPECT_EQ(m["cycles_with_midpoint"], 1);
    EXPECT_EQ(m["first_reviews"], 1);
    EXPECT_EQ(m["first_midpoint_in_time"], 1);
    EXPECT_EQ(m["allocated_over_3_months"], 1);
    EXPECT_EQ(m["allocated_with_midpoint"], 1);
    ASSERT_FALSE(m["open_prompts_by_iro_and_team"].empty());
    EXPECT_EQ(m["open_prompts_by_iro_and_team"][0]["iro_id"], "W10");
    EXPECT_EQ(m["open_prompts_by_iro_and_team"][0]["team_id"], "East");
}

TEST_F(MidpointPromptsTest, PeopleActOnTheirOwnPromptsOnly) {
    ASSERT_EQ(tick("2019-07-15").exit_code, 0);
    const auto p = prompts();
    const std::string report = p.at("sw_report:event:R1")["prompt_id"];
    const std::string review = p.at("review_due:event:R1")["prompt_id"];
    // The report prompt is the social worker's; the IRO may not close it.
    const auto refused = run({"prompts", "done", report});
    EXPECT_EQ(refused.exit_code, 3);
    EXPECT_THAT(refused.err, HasSubstr("addressed to the social_worker"));
    EXPECT_EQ(run({"prompts", "ack", report}, "S20").exit_code, 0);
    EXPECT_EQ(run({"prompts", "done", report, "--note", "report uploaded"}, "S20").exit_code, 0);
    EXPECT_EQ(prompts().at("sw_report:event:R1")["state"], "done");
    // Dismissing needs a reason; a closed prompt stays closed.
    EXPECT_NE(run({"prompts", "dismiss", review}).exit_code, 0);
    EXPECT_EQ(
        run({"prompts", "dismiss", review, "--reason", "review moved by the court"}).exit_code, 0);
    const auto closed = run({"prompts", "ack", review});
    EXPECT_EQ(closed.exit_code, 3);
    EXPECT_THAT(closed.err, HasSubstr("already dismissed"));
    // The next tick does not reopen what people closed.
    ASSERT_EQ(tick("2019-07-16").exit_code, 0);
    EXPECT_EQ(prompts().at("review_due:event:R1")["state"], "dismissed");
}

// The review's decisions and record (API 1.6 events), hand-worked in the regulations' working
// days: R1 was held on Monday 29 April 2019. Decisions within 5: 30 April, 1, 2, 3 May, (6 May is
// a bank holiday) 7 May. Record within 20: 8 May to 24 May is 13 more, (27 May a bank holiday)
// 28, 29 May.
TEST_F(MidpointPromptsTest, TheReviewsDecisionsAndRecordArePromptedUntilSent) {
    // Off until the council says from when the CMS sends these events.
    ASSERT_EQ(tick("2019-05-08").exit_code, 0);
    EXPECT_EQ(prompts().count("review_decisions:event:R1"), 0U);
    const auto on = run(
        {"modules", "config", "midpoint-prompts", "--set", "distribution_prompts_from=2019-04-01"});
    ASSERT_EQ(on.exit_code, 0) << on.err;
    const auto backwards =
        run({"modules", "config", "midpoint-prompts", "--set", "decisions_within_working_days=25"});
    EXPECT_EQ(backwards.exit_code, 3);
    EXPECT_THAT(backwards.err, HasSubstr("/decisions_within_working_days: the decisions are due "
                                         "(25 working days) after the full record"));

    ASSERT_EQ(tick("2019-05-08").exit_code, 0);
    auto p = prompts();
    EXPECT_EQ(p.at("review_decisions:event:R1")["due_on"], "2019-05-07");
    EXPECT_EQ(p.at("review_decisions:event:R1")["overdue"], true);
    EXPECT_EQ(p.at("review_decisions:event:R1")["audience"], "iro");
    EXPECT_EQ(p.at("review_record:event:R1")["due_on"], "2019-05-29");
    EXPECT_EQ(p.at("review_record:event:R1")["overdue"], false);
    EXPECT_THAT(p.at("review_record:event:R1")["body"]["detail"].get<std::string>(),
                HasSubstr("The full record of the review of 2019-04-29 is due to be sent to those "
                          "involved in the child's care by 2019-05-29, 20 working days after it."));

    // Refused, and nothing of the batch kept: no review held that day; sent before the review;
    // a review id that is not the one held that day; a new date for a review stood down.
    const auto sent = [](const std::string& id, const std::string& day, const std::string& held,
                         const std::string& document, const std::string& extra = "") {
        return event(id, "review_record_distributed", day,
                     R"({"review_held_on":")" + held + R"(","document":")" + document + R"(")" +
                         extra + "}");
    };
    const fs::path bad = sandbox.data_dir().parent_path() / "bad.jsonl";
    std::ofstream(bad) << sent("d1", "2019-05-08", "2019-04-29", "decisions")
                       << sent("d2", "2019-05-08", "2019-05-01", "record")
                       << sent("d3", "2019-04-28", "2019-04-29", "record")
                       << sent("d4", "2019-05-08", "2019-04-29", "record", R"(,"review_id":"R9")")
                       << event("d5", "review_date_changed", "2019-05-08",
                                R"({"change":"stood_down","planned_on":"2019-07-22",)"
                                R"("new_date":"2019-08-01"})");
    const auto refused = run({"events", "ingest", bad.string(), "--as-of", "2019-12-31"});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_THAT(refused.err, HasSubstr(":2:1: unknown_review: child C1 has no review held on "
                                       "2019-05-01"));
    EXPECT_THAT(refused.err, HasSubstr(":3:1: before_review: the record cannot be sent on "
                                       "2019-04-28, before the review was held (2019-04-29)"));
    EXPECT_THAT(refused.err, HasSubstr(":4:1: unknown_review: the review held on 2019-04-29 for "
                                       "child C1 is not review_id R9"));
    EXPECT_THAT(refused.err,
                HasSubstr(":5:1: new_date: only a rearranged review has a new_date, not one "
                          "stood_down"));
    ASSERT_EQ(tick("2019-05-08").exit_code, 0);
    EXPECT_EQ(prompts().at("review_decisions:event:R1")["state"], "open");

    // The decisions sent late on 8 May close their prompt; a copy sent again later is kept as
    // received but does not move the day.
    ingest("decisions.jsonl",
           sent("d1", "2019-05-08", "2019-04-29", "decisions") +
               sent("d1b", "2019-05-20", "2019-04-29", "decisions", R"(,"review_id":"R1")"));
    // Sent again by the CMS, the same events are acknowledged, not refused as a conflict.
    const fs::path again = sandbox.data_dir().parent_path() / "decisions.jsonl";
    const auto replayed = run({"events", "ingest", again.string(), "--as-of", "2019-12-31"});
    ASSERT_EQ(replayed.exit_code, 0) << replayed.err;
    EXPECT_THAT(replayed.out, HasSubstr("2 event(s) read, 0 applied, 2 already received"));
    ASSERT_EQ(tick("2019-05-20").exit_code, 0);
    p = prompts();
    EXPECT_EQ(p.at("review_decisions:event:R1")["state"], "done");
    EXPECT_EQ(p.at("review_decisions:event:R1")["closed"]["record_id"], "event:R1");
    EXPECT_THAT(p.at("review_decisions:event:R1")["closed"]["reason"].get<std::string>(),
                HasSubstr("decisions sent on 2019-05-08"));
    EXPECT_EQ(p.at("review_record:event:R1")["state"], "open");

    // The record, sent on 3 June, late; the next review is stood down and rearranged.
    ingest(
        "record.jsonl",
        sent("r1", "2019-06-03", "2019-04-29", "record") +
            event(
                "c1", "review_date_changed", "2019-07-10",
                R"({"change":"stood_down","planned_on":"2019-07-15","reason":"care plan not ready"})") +
            event("c2", "review_date_changed", "2019-07-10",
                  R"({"change":"rearranged","planned_on":"2019-07-15","new_date":"2019-07-22"})"));
    ASSERT_EQ(tick("2019-07-12").exit_code, 0);
    EXPECT_EQ(prompts().at("review_record:event:R1")["state"], "done");

    const auto report =
        run({"report", "annual", "--year", "2019-20", "--as-of", "2019-07-12", "--format", "json"},
            "M1");
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const auto r = nlohmann::json::parse(report.out);
    EXPECT_THAT(
        test::report_rows(r, "Review decisions and records sent", {0, 4}),
        testing::ElementsAre(
            "Reviews held: 1 1", "Decisions sent within 5 working days: 0 0",
            "Decisions sent later: 1 1", "Decisions not recorded as sent, overdue: 0 0",
            "Decisions not yet due: 0 0", "% of decisions sent within 5 working days: 0.0% 0.0%",
            "Record sent within 20 working days: 0 0", "Record sent later: 1 1",
            "Record not recorded as sent, overdue: 0 0", "Record not yet due: 0 0",
            "% of records sent within 20 working days: 0.0% 0.0%"));
    EXPECT_THAT(test::report_rows(r, "Reviews stood down, rearranged or cancelled", {1, 4}),
                testing::ElementsAre("Stood down: 1 1", "Rearranged: 1 1", "Cancelled: 0 0",
                                     "Review dates changed: 2 2",
                                     "Reviews marked cancelled in the extract: 0 0"));
}

TEST_F(MidpointPromptsTest, ADisabledModuleRaisesNothingAndNoQafModuleMeansNoQafPrompt) {
    ASSERT_EQ(run({"modules", "disable", "qaf"}).exit_code, 0);
    ASSERT_EQ(tick("2019-05-24").exit_code, 0);
    EXPECT_THAT(open_keys(), testing::ElementsAre("midpoint_check:event:R1"));

    ASSERT_EQ(run({"modules", "disable", "midpoint-prompts"}).exit_code, 0);
    const auto before = prompts();
    const auto quiet = tick("2019-07-15");
    ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
    EXPECT_THAT(quiet.out, HasSubstr("Prompts: 0 opened, 0 updated"));
    EXPECT_EQ(prompts(), before);
}

}  // namespace
}  // namespace iro
