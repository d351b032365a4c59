// The same person, child and action give the same answer on the command line and over HTTP: one
// rule decides who may act on a child's records (access/child_access.hpp, prompts/who_may_act.hpp
// and each module's own), whichever face they come through. Two stores made alike by the same
// commands; every action is taken in one through `iro-host` and in the other through a real
// `iro-host serve`, and the answers are compared: done in both or refused in both, a refusal in the
// same words, and what was recorded under the same name and role.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "iro/plugin_api/dates.hpp"
#include "store/sqlite.hpp"
#include "support/council_data.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/raw_http.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

// C1 entered care 16 days ago (10 to 12 working days): their first review is due 20 working days
// after entry, the social worker's report 3 before it, and its prompt opened 10 before that, so
// the report's prompt and the IRO's review prompt are open whatever the day. C2 entered five weeks
// ago and their first review, R2, was held a week ago.
std::string case_events() {
    std::string lines;
    for (const auto& event : {
             nlohmann::json{{"event_id", "c1-in"},
                            {"kind", "entered_care"},
                            {"child_id", "C1"},
                            {"occurred_on", test::day_offset(-16)},
                            {"data", {{"legal_status", "C2"}, {"placement", "U1"}}}},
             nlohmann::json{{"event_id", "c2-in"},
                            {"kind", "entered_care"},
                            {"child_id", "C2"},
                            {"occurred_on", test::day_offset(-35)},
                            {"data", {{"legal_status", "C2"}, {"placement", "U1"}}}},
             nlohmann::json{{"event_id", "c2-r2"},
                            {"kind", "review_held"},
                            {"child_id", "C2"},
                            {"occurred_on", test::day_offset(-7)},
                            {"data", {{"review_id", "R2"}, {"participation", "PN1"}}}},
         }) {
        lines += event.dump() + "\n";
    }
    return lines;
}

// One store, made as the other is: the case records, the people, the case events delivered.
struct Council {
    test::PluginSandbox sandbox;
    std::unique_ptr<test::HostCli> cli;
    std::map<std::string, std::string> tokens;

    Council() {
        sandbox.add_product_modules();
        cli = std::make_unique<test::HostCli>(
            sandbox,
            nlohmann::json{{"log_level", "warning"}, {"worker_roles", {{"MGR", "iro_manager"}}}});
        EXPECT_EQ(cli->run({"users", "list"}, "it-admin").exit_code, 0);  // makes the store
        store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3")
            .exec(test::two_children_case_records());
        auto people = test::council_people();
        people.push_back({"IRO2", {"--role", "iro", "--worker", "IRO2"}});
        // The senior managers the ladder's formal stages address: no allocations, no worker.
        people.push_back({"SM1", {"--role", "service_manager"}});
        people.push_back({"HOS1", {"--role", "head_of_service"}});
        tokens = cli->add_users(people, "it-admin");
        const fs::path events = sandbox.data_dir().parent_path() / "events.jsonl";
        std::ofstream(events) << case_events();
        EXPECT_EQ(cli->run({"events", "ingest", events.string()}, "cms").exit_code, 0);
        const auto ticked = cli->run({"tick"}, "it-admin");
        EXPECT_EQ(ticked.exit_code, 0) << ticked.err;
    }

    /// The id of C1's first open prompt addressed to `audience`.
    std::string prompt_for(const std::string& audience) const {
        const auto prompts = cli->json({"prompts", "list", "--child", "C1"}, "it-admin");
        for (const auto& prompt : prompts) {
            if (prompt["audience"] == audience) {
                return prompt["prompt_id"].get<std::string>();
            }
        }
        ADD_FAILURE() << "C1 has no open prompt for the " << audience << ": " << prompts.dump();
        return "";
    }
};

// What a face answered: done or refused, the words of a refusal, and the reply.
struct Answer {
    bool done = false;
    std::string refusal;
    nlohmann::json reply;
};

// An action on a child's records, as each face takes it. `{prompt}`, `{alert}` and `{file}` stand
// for the ids of the store it runs in and a file holding `file_body`.
struct Action {
    std::string what;
    std::string who;
    std::vector<std::string> cli;
    std::string method;
    std::string target;
    nlohmann::json body;
    nlohmann::json file_body;
    std::vector<std::string> compared;  ///< JSON pointers into the reply that must agree
};

std::string fill(std::string text, const std::map<std::string, std::string>& ids) {
    for (const auto& [name, id] : ids) {
        for (auto at = text.find("{" + name + "}"); at != std::string::npos;
             at = text.find("{" + name + "}")) {
            text.replace(at, name.size() + 2, id);
        }
    }
    return text;
}

Answer through_cli(const Council& council, const Action& action,
                   std::map<std::string, std::string> ids) {
    const fs::path file = council.sandbox.data_dir().parent_path() / "action.json";
    std::ofstream(file, std::ios::trunc) << action.file_body.dump();
    ids["file"] = file.string();
    std::vector<std::string> args{"--json"};
    for (const auto& arg : action.cli) {
        args.push_back(fill(arg, ids));
    }
    const auto result = council.cli->run(args, action.who);
    Answer answer;
    answer.done = result.exit_code == 0;
    if (answer.done) {
        answer.reply = nlohmann::json::parse(result.out, nullptr, false);
    } else {
        EXPECT_EQ(result.exit_code, 3)
            << action.what << ": a refusal, not a failure: " << result.err;
        answer.refusal = result.err;
    }
    return answer;
}

Answer through_http(const std::string& base, const std::string& token, const Action& action,
                    const std::map<std::string, std::string>& ids) {
    const std::string body = action.body.is_null() ? "" : fill(action.body.dump(), ids);
    const auto raw = test::raw_http(
        base, action.method + " " + fill(action.target, ids) +
                  " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer " +
                  token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body);
    const int status = test::raw_status(raw);
    const auto json = nlohmann::json::parse(raw.substr(raw.find("\r\n\r\n") + 4), nullptr, false);
    Answer answer;
    answer.done = status >= 200 && status < 300;
    if (answer.done) {
        answer.reply = json;
    } else {
        EXPECT_TRUE(status == 403 || status == 404 || status == 409 || status == 422)
            << action.what << ": a refusal, not a failure: " << raw;
        answer.refusal = json.value("detail", raw);
    }
    return answer;
}

TEST(FaceParityTest, ThePersonChildAndActionGiveTheSameAnswerOnTheCommandLineAndOverHttp) {
    Council by_cli;
    Council by_http;
    auto served = by_http.cli->serve();

    std::map<std::string, std::string> cli_ids{{"sw_prompt", by_cli.prompt_for("social_worker")},
                                               {"iro_prompt", by_cli.prompt_for("iro")}};
    std::map<std::string, std::string> http_ids{{"sw_prompt", by_http.prompt_for("social_worker")},
                                                {"iro_prompt", by_http.prompt_for("iro")}};
    ASSERT_FALSE(testing::Test::HasFailure());

    const nlohmann::json note = {{"date", test::day_offset(-1)}, {"text", "Spoke with the child."}};
    const auto add_note = [&](const std::string& who, const std::string& child) {
        return Action{"notes add by " + who + " on " + child,
                      who,
                      {"notes", "add", "--child", child, "--kind", "general", "--file", "{file}"},
                      "POST",
                      "/api/v1/children/" + child + "/notes",
                      {{"kind", "general"}, {"body", note}},
                      note,
                      {"/note/author_id", "/note/author_role", "/note/kind"}};
    };
    const auto prompt_action = [](const std::string& who, const std::string& prompt,
                                  const std::string& cli_verb, const std::string& http_verb) {
        return Action{"prompts " + cli_verb + " of " + prompt + " by " + who,
                      who,
                      {"prompts", cli_verb, "{" + prompt + "}",
                       "--" + std::string(cli_verb == "dismiss" ? "reason" : "note"), "checked"},
                      "POST",
                      "/api/v1/children/C1/prompts/{" + prompt + "}/" + http_verb,
                      {{"reason", "checked"}},
                      nullptr,
                      {"/state", "/audience"}};
    };
    const auto alert_action = [](const std::string& who, const std::string& cli_verb,
                                 const std::string& http_verb, nlohmann::json body) {
        std::vector<std::string> cli{"alerts", cli_verb, "{alert}"};
        for (const auto& [field, option] :
             {std::pair{"comment", "--comment"}, std::pair{"outcome", "--outcome"},
              std::pair{"to_stage", "--to-stage"}}) {
            if (body.contains(field)) {
                cli.insert(cli.end(), {option, body[field].get<std::string>()});
            }
        }
        return Action{"alerts " + cli_verb + " by " + who,
                      who,
                      cli,
                      "POST",
                      "/api/v1/children/C1/alerts/{alert}/" + http_verb,
                      std::move(body),
                      nullptr,
                      {"/alert/status", "/alert/stage", "/alert/responder"}};
    };
    const auto submit_qaf = [](const std::string& who) {
        return Action{"qaf submit by " + who,
                      who,
                      {"qaf", "submit", "--review", "R2", "--file", "{file}"},
                      "POST",
                      "/api/v1/children/C2/qaf",
                      {{"review_id", "R2"}, {"answers", test::york_qaf_first_options()}},
                      {{"answers", test::york_qaf_first_options()}},
                      {"/response/iro_id", "/response/child_id", "/response/review_id"}};
    };
    const Action raise{
        "alerts raise by IRO1",
        "IRO1",
        {"alerts", "raise", "--child", "C1", "--category", "practice_care_plan", "--description",
         "The care plan was not updated"},
        "POST",
        "/api/v1/children/C1/alerts",
        {{"categories", {"practice_care_plan"}}, {"description", "The care plan was not updated"}},
        nullptr,
        {"/alert/status", "/alert/stage", "/alert/raised_by"}};

    const std::vector<std::pair<Action, bool>> actions{
        // Notes: the child's IRO and an IRO manager write; nobody else.
        {add_note("IRO2", "C1"), false},
        {add_note("TM1", "C2"), false},
        {add_note("SW1", "C1"), false},
        {add_note("IRO1", "C1"), true},
        {add_note("MGR", "C2"), true},
        // Prompts: the role it is addressed to, reaching the child; or an IRO manager.
        {prompt_action("SW2", "sw_prompt", "ack", "acknowledge"), false},
        {prompt_action("IRO1", "sw_prompt", "ack", "acknowledge"), false},
        {prompt_action("SW1", "sw_prompt", "ack", "acknowledge"), true},
        {prompt_action("SW1", "sw_prompt", "ack", "acknowledge"), false},  // already
        {prompt_action("SW1", "iro_prompt", "done", "done"), false},
        {prompt_action("MGR", "iro_prompt", "dismiss", "dismiss"), true},
        // Alerts: raised by the child's IRO, answered by the responder, closed by the IRO.
        {raise, true},
        {alert_action("SW2", "ack", "acknowledge", nlohmann::json::object()), false},
        {alert_action("IRO2", "escalate", "escalate", {{"comment", "Not done."}}), false},
        {alert_action("TM1", "ack", "acknowledge", nlohmann::json::object()), true},
        // Stage 2 addresses the service manager, stage 3 the Head of Service: each sees the
        // child and answers while the dispute is at their stage, and not otherwise.
        {alert_action("IRO1", "escalate", "escalate",
                      {{"comment", "The plan is still not updated."}, {"to_stage", "stage_2"}}),
         true},
        {alert_action("HOS1", "ack", "acknowledge", nlohmann::json::object()), false},
        {alert_action("SM1", "ack", "acknowledge", nlohmann::json::object()), true},
        {alert_action("SM1", "respond", "respond", {{"comment", "Funding is agreed."}}), true},
        {alert_action("IRO1", "escalate", "escalate", {{"comment", "The funding is not there."}}),
         true},
        {alert_action("SM1", "respond", "respond", {{"comment", "Again."}}), false},
        {alert_action("HOS1", "respond", "respond", {{"comment", "Placement agreed."}}), true},
        {alert_action("SW1", "resolve", "resolve", {{"outcome", "resolved"}}), false},
        {alert_action("IRO1", "resolve", "resolve", {{"outcome", "resolved"}}), true},
        // The QAF: the child's IRO, once.
        {submit_qaf("IRO1"), false},
        {submit_qaf("SW2"), false},
        {submit_qaf("IRO2"), true},
        {submit_qaf("IRO2"), false},
    };
    for (const auto& [action, expected] : actions) {
        const auto cli = through_cli(by_cli, action, cli_ids);
        const auto http =
            through_http(served.base, by_http.tokens.at(action.who), action, http_ids);
        EXPECT_EQ(cli.done, expected) << action.what << " on the command line: " << cli.refusal;
        EXPECT_EQ(http.done, expected) << action.what << " over HTTP: " << http.refusal;
        if (!cli.done && !http.done) {
            EXPECT_THAT(cli.refusal, HasSubstr(http.refusal))
                << action.what << ": refused in other words";
        }
        if (cli.done && http.done) {
            for (const auto& pointer : action.compared) {
                const nlohmann::json::json_pointer at(pointer);
                EXPECT_EQ(cli.reply.value(at, nlohmann::json()),
                          http.reply.value(at, nlohmann::json()))
                    << action.what << ": " << pointer;
            }
            if (cli.reply.contains("alert")) {
                cli_ids["alert"] = cli.reply["alert"]["alert_id"].get<std::string>();
                http_ids["alert"] = http.reply["alert"]["alert_id"].get<std::string>();
            }
        }
    }
    test::HostCli::expect_graceful_stop(served);
}

}  // namespace
}  // namespace iro
