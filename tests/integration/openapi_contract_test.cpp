// The OpenAPI document against the service that serves it: `iro-host serve` on loopback, its
// document fetched from GET /api/v1/openapi.json, every documented JSON operation called as its
// users would call it (the CMS, a social worker, a team manager, an IRO, an IRO manager, an
// administrator), each request body checked against the schema the document declares for it and
// each response against the schema declared for its status, and redocly's lint run on the
// document in the source tree and on the one served.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "auth/signed_requests.hpp"
#include "crypto/crypto.hpp"
#include "iro/plugin_api/dates.hpp"
#include "schema/json_schema.hpp"
#include "store/sqlite.hpp"
#include "support/council_data.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/raw_http.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::IsEmpty;

// C1 is SW1's, TM1's team's and IRO1's; SW2 has no child.
constexpr const char* kCaseRecords = R"sql(
INSERT INTO children (child_id, sex, date_of_birth) VALUES ('C1', '1', '2012-05-01');
INSERT INTO teams (team_id, name) VALUES ('T1', 'North'), ('IRO', 'IRO Service');
INSERT INTO workers (worker_id, team_id) VALUES ('SW1', 'T1'), ('SW2', 'T1'), ('TM1', 'T1'),
    ('IRO1', 'IRO');
INSERT INTO allocations (child_id, worker_id, role, team_id, start_date) VALUES
    ('C1', 'SW1', 'social_worker', 'T1', '2020-01-01'),
    ('C1', 'TM1', 'team_manager', 'T1', '2020-01-01'),
    ('C1', 'IRO1', 'iro', 'IRO', '2020-01-01');
)sql";

struct Answer {
    int status = 0;
    std::string content_type;  ///< without parameters
    std::string body;
    nlohmann::json json;
};

/// The operations of an OpenAPI document, and which of their answers a test has checked.
class ApiContract {
  public:
    explicit ApiContract(nlohmann::json document) : document_(std::move(document)) {}

    /// What is wrong with `body` as the request body of `method` `path` (a documented template).
    std::string check_request(const std::string& method, const std::string& path,
                              const std::string& content_type, const nlohmann::json& body) {
        const auto& operation = operation_of(method, path);
        if (!operation.contains("requestBody")) {
            return method + " " + path + " documents no request body";
        }
        const auto& content = resolve(operation["requestBody"]).at("content");
        if (!content.contains(content_type)) {
            return method + " " + path + " documents no " + content_type + " request body";
        }
        return violations(content[content_type].at("schema"), body);
    }

    /// What is wrong with `answer` as the response of `method` `path`; remembers it was checked.
    std::string check_response(const std::string& method, const std::string& path,
                               const Answer& answer) {
        const auto& responses = operation_of(method, path).at("responses");
        const auto status = std::to_string(answer.status);
        if (!responses.contains(status)) {
            return method + " " + path + " documents no " + status + " response: " + answer.body;
        }
        const auto& response = resolve(responses[status]);
        if (!response.contains("content")) {
            return answer.body.empty() ? ""
                                       : method + " " + path + " " + status +
                                             " documents no body but one came: " + answer.body;
        }
        const auto& content = response["content"];
        if (!content.contains(answer.content_type)) {
            return method + " " + path + " " + status + " documents no " + answer.content_type +
                   " body";
        }
        checked_.insert(method + " " + path + " " + status + " " + answer.content_type);
        if (answer.content_type != "application/json" &&
            answer.content_type != "application/problem+json") {
            return "";
        }
        if (answer.json.is_discarded()) {
            return method + " " + path + " " + status + " is not JSON: " + answer.body;
        }
        const auto found = violations(content[answer.content_type].at("schema"), answer.json);
        return found.empty() ? "" : method + " " + path + " " + status + ": " + found;
    }

    /// Every documented 2xx JSON response no test has checked ("GET /path 200").
    std::vector<std::string> unchecked_json_successes() const {
        std::vector<std::string> out;
        for (const auto& [path, item] : document_.at("paths").items()) {
            for (const auto& [method, operation] : item.items()) {
                if (method == "parameters") {
                    continue;
                }
                for (const auto& [status, response] : operation.at("responses").items()) {
                    const auto key =
                        fmt::format("{} {} {} application/json", upper(method), path, status);
                    if (status[0] == '2' && resolve(response).contains("content") &&
                        resolve(response)["content"].contains("application/json") &&
                        !checked_.count(key)) {
                        out.push_back(key);
                    }
                }
            }
        }
        return out;
    }

  private:
    static std::string upper(std::string text) {
        std::transform(text.begin(), text.end(), text.begin(), ::toupper);
        return text;
    }

    const nlohmann::json& operation_of(const std::string& method, const std::string& path) const {
        std::string lower = method;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        return document_.at("paths").at(path).at(lower);
    }

    /// A response or request body, following its "$ref" into the components.
    const nlohmann::json& resolve(const nlohmann::json& node) const {
        if (node.contains("$ref")) {
            const auto pointer = node["$ref"].get<std::string>().substr(1);
            return document_.at(nlohmann::json::json_pointer(pointer));
        }
        return node;
    }

    /// The schema's violations by `value`, its references resolved against the document.
    std::string violations(const nlohmann::json& schema, const nlohmann::json& value) const {
        const nlohmann::json rooted = {{"allOf", {schema}},
                                       {"components", document_.at("components")}};
        return schema::describe(schema::JsonSchema::compile(rooted).validate(value));
    }

    nlohmann::json document_;
    std::set<std::string> checked_;
};

class OpenApiContractTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_modules();
        cli = std::make_unique<test::HostCli>(sandbox, nlohmann::json{{"log_level", "warning"}});
        ASSERT_EQ(cli->run({"users", "list"}, "it-admin").exit_code, 0);  // creates the store
        store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3").exec(kCaseRecords);
        tokens = cli->add_users(test::council_people(), "it-admin");
        cms_secret = cli->json({"integrations", "add", "cms"}, "it-admin")["secret"];
        served = cli->serve();
    }

    void TearDown() override { test::HostCli::expect_graceful_stop(served); }

    /// One exchange; `headers` are whole lines without their CRLF.
    Answer exchange(const std::string& method, const std::string& target,
                    const std::vector<std::string>& headers, const std::string& body) {
        std::string request = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
        for (const auto& header : headers) {
            request += header + "\r\n";
        }
        request += "Content-Length: " + std::to_string(body.size()) +
                   "\r\nConnection: close\r\n\r\n" + body;
        const auto raw = test::raw_http(served.base, request);
        EXPECT_EQ(test::raw_header(raw, "Transfer-Encoding"), "") << "read as Content-Length";
        Answer answer;
        answer.status = test::raw_status(raw);
        const auto type = test::raw_header(raw, "Content-Type");
        answer.content_type = type.substr(0, type.find(';'));
        const auto blank = raw.find("\r\n\r\n");
        answer.body = blank == std::string::npos ? "" : raw.substr(blank + 4);
        answer.json = nlohmann::json::parse(answer.body, nullptr, false);
        return answer;
    }

    /// `method` `path` (a documented template) at `target` as `user` (a token), its request body
    /// and its answer checked against the document. Returns the answer.
    Answer call(const std::string& user, const std::string& method, const std::string& path,
                const std::string& target, const nlohmann::json& body = nullptr) {
        std::vector<std::string> headers{"Authorization: Bearer " + tokens.at(user)};
        std::string text;
        if (!body.is_null()) {
            EXPECT_EQ(contract->check_request(method, path, "application/json", body), "")
                << "the test's own request does not match the document";
            headers.emplace_back("Content-Type: application/json");
            text = body.dump();
        }
        auto answer = exchange(method, target, headers, text);
        EXPECT_EQ(contract->check_response(method, path, answer), "");
        return answer;
    }

    /// POST /api/v1/events as the CMS integration (a signed request, no acting user).
    Answer post_events(const std::vector<nlohmann::json>& events) {
        std::string body;
        for (const auto& event : events) {
            EXPECT_EQ(contract->check_request("POST", "/api/v1/events", "application/json", event),
                      "");
            body += event.dump() + "\n";
        }
        return post_event_lines(body);
    }

    /// POST /api/v1/events of `body` as it is, signed; the answer checked against the document.
    Answer post_event_lines(const std::string& body) {
        auth::SignedRequest r;
        r.method = "POST";
        r.target = "/api/v1/events";
        r.body = body;
        r.client = "cms";
        r.timestamp = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
        r.nonce = auth::random_hex(16);
        auto answer = exchange(
            "POST", r.target,
            {"X-IRO-Client: cms", "X-IRO-Timestamp: " + r.timestamp, "X-IRO-Nonce: " + r.nonce,
             "X-IRO-Signature: " + auth::sign(r, cms_secret), "Content-Type: application/x-ndjson"},
            body);
        EXPECT_EQ(contract->check_response("POST", "/api/v1/events", answer), "");
        return answer;
    }

    test::PluginSandbox sandbox;
    std::unique_ptr<test::HostCli> cli;
    std::map<std::string, std::string> tokens;
    std::string cms_secret;
    test::HostCli::Served served;
    std::unique_ptr<ApiContract> contract;
};

/// Every "$ref" in `node` that does not point inside the document.
void external_references(const nlohmann::json& node, std::vector<std::string>& out) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "$ref" && value.is_string() &&
                value.get<std::string>().rfind("#/", 0) != 0) {
                out.push_back(value.get<std::string>());
            }
            external_references(value, out);
        }
    } else if (node.is_array()) {
        for (const auto& item : node) {
            external_references(item, out);
        }
    }
}

std::string financial_year_of(const std::string& day) {
    int year = std::stoi(day.substr(0, 4));
    if (day.substr(5, 2) < "04") {
        --year;
    }
    return fmt::format("{}-{:02}", year, (year + 1) % 100);
}

TEST_F(OpenApiContractTest, EveryResponseMatchesTheSchemaTheServedDocumentDeclares) {
    const auto fetched = exchange("GET", "/api/v1/openapi.json", {}, "");
    ASSERT_EQ(fetched.status, 200);
    ASSERT_EQ(fetched.content_type, "application/json");
    ASSERT_FALSE(fetched.json.is_discarded());
    std::vector<std::string> external;
    external_references(fetched.json, external);
    EXPECT_THAT(external, IsEmpty()) << "a client fetching the document cannot follow these";
    contract = std::make_unique<ApiContract>(fetched.json);
    EXPECT_EQ(contract->check_response("GET", "/api/v1/openapi.json", fetched), "");

    // The service, then the case events that give the child prompts and a review.
    EXPECT_EQ(contract->check_response("GET", "/healthz", exchange("GET", "/healthz", {}, "")), "");
    EXPECT_EQ(contract->check_response("GET", "/readyz", exchange("GET", "/readyz", {}, "")), "");
    const auto entered = test::day_offset(-10);
    const auto reviewed = test::day_offset(-3);
    auto event = [](const std::string& id, const std::string& kind, const std::string& day,
                    const nlohmann::json& data) {
        return nlohmann::json{{"event_id", id},
                              {"kind", kind},
                              {"child_id", "C1"},
                              {"occurred_on", day},
                              {"data", data}};
    };
    const auto entered_care = post_events({event("c1-entered", "entered_care", entered,
                                                 {{"legal_status", "C2"}, {"placement", "U1"}})});
    ASSERT_EQ(entered_care.status, 202) << entered_care.body;

    const std::string child = "/api/v1/children/{id}";
    const auto prompts =
        call("SW1", "GET", child + "/prompts", "/api/v1/children/C1/prompts?state=all");
    ASSERT_EQ(prompts.status, 200);
    // The prompts before the first review acted on by the person they are addressed to: the
    // first acknowledged and then done, the second dismissed.
    const std::map<std::string, std::string> user_for{
        {"social_worker", "SW1"}, {"team_manager", "TM1"}, {"iro", "IRO1"}, {"iro_manager", "MGR"}};
    std::vector<nlohmann::json> open;
    for (const auto& prompt : prompts.json) {
        if (prompt["state"] == "open") {
            open.push_back(prompt);
        }
    }
    ASSERT_GE(open.size(), 2U) << "too few open prompts to try every action: " << prompts.body;
    for (const auto& [prompt, action] : std::vector<std::pair<nlohmann::json, std::string>>{
             {open[0], "acknowledge"}, {open[0], "done"}, {open[1], "dismiss"}}) {
        const auto id = prompt["prompt_id"].get<std::string>();
        const auto done = call(user_for.at(prompt["audience"].get<std::string>()), "POST",
                               fmt::format("{}/prompts/{{prompt_id}}/{}", child, action),
                               fmt::format("/api/v1/children/C1/prompts/{}/{}", id, action),
                               {{"reason", "checked by the contract test"}});
        EXPECT_EQ(done.status, 200) << action << ": " << done.body;
    }

    const auto review_held = post_events({event("c1-review", "review_held", reviewed,
                                                {{"review_id", "R1"}, {"participation", "PN1"}})});
    ASSERT_EQ(review_held.status, 202) << review_held.body;

    const auto note = call(
        "IRO1", "POST", child + "/notes", "/api/v1/children/C1/notes",
        {{"kind", "general"}, {"body", {{"date", reviewed}, {"text", "Spoke with the child."}}}});
    EXPECT_EQ(note.status, 201) << note.body;
    EXPECT_EQ(call("TM1", "GET", child + "/notes", "/api/v1/children/C1/notes").status, 200);

    // An alert through its steps, and a second one withdrawn.
    const nlohmann::json raise = {
        {"categories", {"practice_care_plan"}},
        {"description", "The care plan was not updated after the review"}};
    const auto raised =
        call("IRO1", "POST", child + "/alerts", "/api/v1/children/C1/alerts", raise);
    ASSERT_EQ(raised.status, 201) << raised.body;
    const auto alert_id = raised.json["alert"]["alert_id"].get<std::string>();
    // The team manager's inbox holds it while the informal stage addresses them.
    const auto inbox = call("TM1", "GET", "/api/v1/me/alerts", "/api/v1/me/alerts");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    ASSERT_EQ(inbox.json.size(), 1U) << inbox.body;
    EXPECT_EQ(inbox.json[0]["alert_id"], alert_id);
    const auto alert_path = child + "/alerts/{alert_id}/";
    const auto alert_target = "/api/v1/children/C1/alerts/" + alert_id + "/";
    for (const auto& [user, step, body] :
         std::vector<std::tuple<std::string, std::string, nlohmann::json>>{
             {"TM1", "acknowledge", nlohmann::json::object()},
             {"TM1", "respond", {{"comment", "The plan is being updated this week."}}},
             {"IRO1", "extend", {{"new_due_on", test::day_offset(20)}, {"comment", "Agreed."}}},
             {"IRO1", "escalate", {{"comment", "Not updated."}}},
             {"IRO1", "resolve", {{"outcome", "resolved"}, {"comment", "Updated."}}}}) {
        const auto answer = call(user, "POST", alert_path + step, alert_target + step, body);
        EXPECT_EQ(answer.status, 200) << step << ": " << answer.body;
    }
    const auto second =
        call("IRO1", "POST", child + "/alerts", "/api/v1/children/C1/alerts", raise);
    ASSERT_EQ(second.status, 201) << second.body;
    const auto withdrawn =
        call("IRO1", "POST", alert_path + "withdraw",
             "/api/v1/children/C1/alerts/" + second.json["alert"]["alert_id"].get<std::string>() +
                 "/withdraw",
             {{"comment", "Raised twice."}});
    EXPECT_EQ(withdrawn.status, 200) << withdrawn.body;
    EXPECT_EQ(call("SW1", "GET", child + "/alerts", "/api/v1/children/C1/alerts?state=all").status,
              200);

    // Every question that applies to a first review answered with its first option, and the
    // child's participation as the review event gave it.
    const auto answers = test::york_qaf_first_options();
    const auto qaf = call("IRO1", "POST", child + "/qaf", "/api/v1/children/C1/qaf",
                          {{"review_id", "R1"}, {"answers", answers}});
    EXPECT_EQ(qaf.status, 201) << qaf.body;
    EXPECT_EQ(call("MGR", "GET", child + "/qaf", "/api/v1/children/C1/qaf").status, 200);

    // The IRO manager's reports, of the year the events fell in.
    const auto year = financial_year_of(reviewed);
    for (const auto& [report, query] : std::vector<std::pair<std::string, std::string>>{
             {"reviews", "&by=quarter"},
             {"reviews", "&definition=ni66"},
             {"midpoint", ""},
             {"oversight", ""},
             {"alerts", "&by=category"},
             {"alerts", ""},
             {"qaf", "&by=quarter&top=3&suppress_below=2"},
             {"qaf", "&other_texts=true"},
             {"annual", "&suppress_below=3"},
             {"reviews", "&format=html&suppress_below=5"},
             {"alerts", "&format=csv&suppress_below=5"}}) {
        const auto answer = call("MGR", "GET", "/api/v1/reports/" + report,
                                 fmt::format("/api/v1/reports/{}?year={}{}", report, year, query));
        EXPECT_EQ(answer.status, 200) << report << query << ": " << answer.body;
    }

    // Who is asking, and the administrator's routes.
    EXPECT_EQ(call("SW1", "GET", "/api/v1/me", "/api/v1/me").status, 200);
    EXPECT_EQ(call("ADM", "GET", "/api/v1/admin/modules", "/api/v1/admin/modules").status, 200);
    const std::string module = "/api/v1/admin/modules/{module}/";
    for (const std::string step : {"disable", "enable"}) {
        EXPECT_EQ(call("ADM", "POST", module + step, "/api/v1/admin/modules/qaf/" + step).status,
                  200);
    }
    const auto config = call("ADM", "GET", module + "config", "/api/v1/admin/modules/qaf/config");
    ASSERT_EQ(config.status, 200);
    EXPECT_EQ(call("ADM", "PUT", module + "config", "/api/v1/admin/modules/qaf/config", config.json)
                  .status,
              200);
    EXPECT_EQ(call("ADM", "GET", "/api/v1/admin/users", "/api/v1/admin/users").status, 200);
    EXPECT_EQ(call("ADM", "POST", "/api/v1/admin/users", "/api/v1/admin/users",
                   {{"user_id", "SW9"},
                    {"roles", {"social_worker"}},
                    {"worker_id", "SW1"},
                    {"display_name", "A new social worker"}})
                  .status,
              201);
    const std::string user = "/api/v1/admin/users/{user}/";
    const auto issued = call("ADM", "POST", user + "tokens", "/api/v1/admin/users/SW9/tokens",
                             {{"label", "contract test"}, {"valid_days", 7}});
    ASSERT_EQ(issued.status, 201) << issued.body;
    EXPECT_EQ(call("ADM", "GET", user + "tokens", "/api/v1/admin/users/SW9/tokens").status, 200);
    EXPECT_EQ(call("ADM", "DELETE", "/api/v1/admin/tokens/{token_id}",
                   "/api/v1/admin/tokens/" + issued.json["token_id"].get<std::string>())
                  .status,
              204);
    EXPECT_EQ(call("ADM", "POST", user + "disable", "/api/v1/admin/users/SW9/disable").status, 200);

    // Refusals are problems as the document describes them.
    EXPECT_EQ(call("SW1", "GET", child + "/prompts", "/api/v1/children/C404/prompts").status, 403)
        << "a child the caller has no business with, known or not";
    EXPECT_EQ(
        call("IRO1", "POST", child + "/notes", "/api/v1/children/C1/notes",
             {{"kind", "general"}, {"body", {{"date", test::day_offset(30)}, {"text", "Later."}}}})
            .status,
        422)
        << "a note dated after today is refused, though it matches the schema";
    const auto rejected = post_event_lines(
        R"({"event_id":"c1-bad","kind":"review_held","child_id":"C1","occurred_on":"2024-02-30",)"
        R"("data":{"review_id":"R9","participation":"PN1"}})"
        "\nnot an event\n");
    EXPECT_EQ(rejected.status, 422) << rejected.body;
    EXPECT_EQ(rejected.json["errors"].size(), 2U) << "each problem with its line";
    EXPECT_EQ(call("MGR", "GET", "/api/v1/reports/qaf",
                   "/api/v1/reports/qaf?year=" + year + "&other_texts=true&suppress_below=5")
                  .status,
              422)
        << "a report for publication never lists the 'Other' texts";
    EXPECT_EQ(call("SW1", "GET", "/api/v1/reports/reviews", "/api/v1/reports/reviews?year=" + year)
                  .status,
              403);
    EXPECT_EQ(
        call("MGR", "GET", "/api/v1/reports/reviews", "/api/v1/reports/reviews?year=soon").status,
        400);

    EXPECT_THAT(contract->unchecked_json_successes(), IsEmpty())
        << "documented JSON answers this test never saw, so never checked";
}

/// `redocly lint` (tests/api, pinned) of `document` with the rules in `config` (and the
/// .redocly.lint-ignore.yaml beside it); "" when there is neither an error nor a warning.
std::string redocly_lint(const fs::path& document, const fs::path& config) {
    const fs::path cli =
        fs::path(IRO_SOURCE_DIR) / "tests/api/node_modules/@redocly/cli/bin/cli.js";
    if (!fs::exists(cli)) {
        return "no redocly at " + cli.string() + ": run scripts/bootstrap.sh";
    }
    // Telemetry off: tests talk to nothing outside the machine.
    const auto result = test::run_command({"/usr/bin/env", "REDOCLY_TELEMETRY=off",
                                           "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_COLOR=1",
                                           "node", cli.string(), "lint", document.string(),
                                           "--config", config.string(), "--format=stylish"});
    const bool clean = result.exit_code == 0 && result.out.find("warning") == std::string::npos &&
                       result.err.find("warning") == std::string::npos;
    return clean ? ""
                 : "redocly lint exited " + std::to_string(result.exit_code) + ":\n" + result.out +
                       result.err;
}

TEST(OpenApiLintTest, TheDocumentInTheSourceTreeIsCleanUnderRedoclyLint) {
    const fs::path source(IRO_SOURCE_DIR);
    EXPECT_EQ(redocly_lint(source / "schemas" / "openapi.json", source / "redocly.yaml"), "");
}

TEST_F(OpenApiContractTest, TheServedDocumentIsCleanUnderRedoclyLint) {
    const auto fetched = exchange("GET", "/api/v1/openapi.json", {}, "");
    ASSERT_EQ(fetched.status, 200);
    // The same rules and the same reasoned exceptions, for the document as served.
    const fs::path source(IRO_SOURCE_DIR);
    const test::TempDir dir;
    std::ofstream(dir.path() / "openapi.json") << fetched.body;
    fs::copy_file(source / "redocly.yaml", dir.path() / "redocly.yaml");
    auto ignored = test::read_text(source / ".redocly.lint-ignore.yaml");
    const std::string key = "schemas/openapi.json:";
    ASSERT_NE(ignored.find(key), std::string::npos);
    ignored.replace(ignored.find(key), key.size(), "openapi.json:");
    std::ofstream(dir.path() / ".redocly.lint-ignore.yaml") << ignored;
    EXPECT_EQ(redocly_lint(dir.path() / "openapi.json", dir.path() / "redocly.yaml"), "");
}

}  // namespace
}  // namespace iro
