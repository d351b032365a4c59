// Oversight notes and their write-back to the CMS, as a council runs them: iro-host processes
// recording notes and delivering the outbox, against the fake CMS (tests/fake_cms) running as
// its own process on loopback, brought down, slowed, made to fail and killed mid-request.
// Every wait is on a process's output or exit, never on the clock.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store/sqlite.hpp"
#include "support/fake_cms_process.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

constexpr const char* kKey = "test-key-0123";
constexpr const char* kIro = "IRO1001";
constexpr const char* kOtherIro = "IRO1002";
constexpr const char* kSocialWorker = "SW2001";

// The sample council, loaded once for the suite; each test starts from a copy of its store.
const test::TempDir& sample_store() {
    static const test::TempDir dir;
    static const bool loaded = [] {
        const fs::path sample = fs::path(IRO_SHARED_DIR) / "data" / "ssda903-sample";
        const auto host = [](std::vector<std::string> args) {
            args.insert(args.begin(), {test::host_binary().string(), "--data-dir",
                                       (dir.path() / "data").string()});
            return test::run_command(args);
        };
        return test::run_command({IRO_SAMPLE_COUNCIL_BINARY, "--from", sample.string(), "--out",
                                  (dir.path() / "ssd").string()})
                       .exit_code == 0 &&
               host({"import", "ssda903", sample.string(), "--as-of", "2019-03-31"}).exit_code ==
                   0 &&
               host({"import", "ssd", (dir.path() / "ssd").string()}).exit_code == 0;
    }();
    EXPECT_TRUE(loaded) << "the sample council did not load";
    return dir;
}

class WriteBackTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_modules();
        fs::create_directories(sandbox.data_dir());
        fs::copy_file(sample_store().path() / "data" / "iro-oversight.sqlite3",
                      sandbox.data_dir() / "iro-oversight.sqlite3");
        std::ofstream(sandbox.data_dir().parent_path() / "cms.key") << kKey << "\n";
        auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
        // Children on kIro's caseload: only a child's own IRO writes on their file.
        auto stmt = db.prepare(
            "SELECT child_id FROM allocations WHERE role = 'iro' AND worker_id = 'IRO1001' AND "
            "end_date IS NULL ORDER BY child_id LIMIT 60");
        while (stmt.step()) {
            children.push_back(stmt.text(0));
        }
    }

    // The host configuration pointing at the CMS on `port`, with quick retries for tests.
    void configure(unsigned short port, int timeout_ms = 1000,
                   const nlohmann::json& auth = {
                       {"type", "api_key"}, {"header", "X-Api-Key"}, {"key_file", "cms.key"}}) {
        const nlohmann::json config{{"data_dir", sandbox.data_dir().string()},
                                    {"plugin_dir", sandbox.plugin_dir().string()},
                                    {"log_level", "info"},
                                    {"cms",
                                     {{"base_url", fmt::format("http://127.0.0.1:{}", port)},
                                      {"auth", auth},
                                      {"connect_timeout_ms", 500},
                                      {"timeout_ms", timeout_ms},
                                      {"retry", {{"initial_delay_ms", 50}, {"max_delay_ms", 400}}},
                                      {"routes",
                                       {{"note",
                                         {{"path", "/persons/{child_id}/casenotes"},
                                          {"body",
                                           {{"noteId", "{note_id}"},
                                            {"version", "{version}"},
                                            {"title", "{title}"},
                                            {"text", "{text}"},
                                            {"date", "{date}"},
                                            {"author", "{author_id}"}}}}}}}}}};
        std::ofstream(config_path()) << config.dump(2);
    }

    fs::path config_path() const { return sandbox.data_dir().parent_path() / "host.json"; }

    std::vector<std::string> cli(const std::vector<std::string>& args,
                                 const std::string& actor = kIro) const {
        std::vector<std::string> argv{test::host_binary().string(), "--config",
                                      config_path().string(), "--actor", actor};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    }

    test::CommandResult run(const std::vector<std::string>& args,
                            const std::string& actor = kIro) const {
        return test::run_command(cli(args, actor));
    }

    // Records a general note; returns its id.
    std::string add_note(const std::string& child, const std::string& text,
                         const std::string& actor = kIro) {
        const fs::path file = sandbox.data_dir().parent_path() / "note.json";
        std::ofstream(file) << nlohmann::json{{"date", "2019-03-01"}, {"text", text}}.dump();
        const auto result = run({"--json", "notes", "add", "--child", child, "--kind", "general",
                                 "--file", file.string()},
                                actor);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out)["note"]["note_id"].get<std::string>();
    }

    nlohmann::json outbox(const std::string& state = "") const {
        std::vector<std::string> args{"--json", "outbox", "list", "--limit", "10000"};
        if (!state.empty()) {
            args.insert(args.end(), {"--state", state});
        }
        const auto result = run(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out);
    }

    test::CommandResult deliver(int wait_seconds = 30) const {
        return run({"outbox", "deliver", "--wait", std::to_string(wait_seconds)});
    }

    fs::path journal() const { return sandbox.data_dir().parent_path() / "cms-journal.jsonl"; }

    test::PluginSandbox sandbox;
    std::vector<std::string> children;
};

TEST_F(WriteBackTest, ServerDownThenUpDeliversEverythingOnceInOrderPerChild) {
    unsigned short port = 0;
    {
        test::FakeCms probe(journal(), kKey);  // find a free port, then take the server away
        port = probe.port();
        probe.kill();
    }
    std::filesystem::remove(journal());
    configure(port);
    for (int round = 0; round < 3; ++round) {
        for (int c = 0; c < 4; ++c) {
            add_note(children[static_cast<std::size_t>(c)], fmt::format("round {}", round));
        }
    }
    const auto down = deliver(0);
    EXPECT_EQ(down.exit_code, 0) << down.err;
    EXPECT_THAT(down.out, HasSubstr("delivered 0"));
    // One attempt per child (its first item), the rest wait behind it.
    EXPECT_THAT(down.out, HasSubstr("Attempts 4: delivered 0, to retry 4, dead 0"));
    EXPECT_EQ(outbox()["counts"]["pending"], 12);

    test::FakeCms cms(journal(), kKey, port);
    const auto up = deliver();
    EXPECT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(outbox()["counts"]["delivered"], 12);
    const auto stats = cms.stats();
    EXPECT_EQ(stats["filed"], 12);
    EXPECT_EQ(stats["duplicates"], 0);
    EXPECT_EQ(stats["out_of_order"], 0);
}

TEST_F(WriteBackTest, SlowServerTimesOutThenTheRetryIsRecognisedNotFiledTwice) {
    test::FakeCms cms(journal(), kKey);
    configure(cms.port(), /*timeout_ms=*/300);
    cms.faults({{{"delay_ms", 1500}, {"count", 2}}});
    add_note(children[0], "slow");
    const auto result = deliver();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const auto items = outbox("delivered")["items"];
    ASSERT_EQ(items.size(), 1U);
    EXPECT_EQ(items[0]["attempts"], 3);
    const auto stats = cms.stats();
    EXPECT_EQ(stats["filed"], 1) << "the slow answers still filed the note once";
    EXPECT_EQ(stats["replays"], 2) << "both retries were recognised by their key";
    EXPECT_EQ(stats["duplicates"], 0);
}

TEST_F(WriteBackTest, ServerErrorsAreRetriedUntilSuccess) {
    test::FakeCms cms(journal(), kKey);
    configure(cms.port());
    cms.faults({{{"status", 500}, {"count", 2}}, {{"status", 503}, {"count", 1}}});
    add_note(children[0], "five hundreds");
    EXPECT_EQ(deliver().exit_code, 0);
    const auto items = outbox("delivered")["items"];
    ASSERT_EQ(items.size(), 1U);
    EXPECT_EQ(items[0]["attempts"], 4);
    EXPECT_EQ(cms.stats()["filed"], 1);
}

TEST_F(WriteBackTest, ARefusalIsDeadLetteredWithTheResponseAndLaterItemsStillGo) {
    test::FakeCms cms(journal(), kKey);
    configure(cms.port());
    cms.faults({{{"status", 400}, {"body", "noteType 'IRO' is not configured in this CMS"}}});
    const std::string refused = add_note(children[0], "first");
    add_note(children[0], "second");
    EXPECT_EQ(deliver().exit_code, 0);
    const auto dead = outbox("dead")["items"];
    ASSERT_EQ(dead.size(), 1U);
    EXPECT_EQ(dead[0]["source_id"], "note " + refused);
    EXPECT_EQ(dead[0]["response_status"], 400);
    EXPECT_EQ(dead[0]["attempts"], 1);
    const auto shown = run({"outbox", "show", std::to_string(dead[0]["item_id"].get<int>())});
    EXPECT_THAT(shown.out, HasSubstr("noteType 'IRO' is not configured in this CMS"));
    EXPECT_EQ(outbox("delivered")["items"].size(), 1U);

    // Once the CMS is put right, the operator sends it again, under the same key.
    const auto retried = run({"outbox", "retry", "--all-dead"});
    EXPECT_THAT(retried.out, HasSubstr("1 item(s) put back"));
    EXPECT_EQ(deliver().exit_code, 0);
    EXPECT_EQ(outbox()["counts"]["delivered"], 2);
    EXPECT_EQ(cms.stats()["filed"], 2);
}

TEST_F(WriteBackTest, TooManyRequestsWaitsAsLongAsRetryAfterSays) {
    test::FakeCms cms(journal(), kKey);
    configure(cms.port());
    cms.faults({{{"status", 429}, {"retry_after", "2"}}});
    add_note(children[0], "rate limited");
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(deliver().exit_code, 0);
    const auto took = std::chrono::steady_clock::now() - started;
    // The policy alone would have retried within 50 ms; the CMS asked for 2 s.
    EXPECT_GE(took, std::chrono::milliseconds(1900));
    const auto items = outbox("delivered")["items"];
    ASSERT_EQ(items.size(), 1U);
    EXPECT_EQ(items[0]["attempts"], 2);
}

TEST_F(WriteBackTest, HostKilledMidDeliveryLosesNothingAndTheServerSeesNoDuplicate) {
    test::FakeCms cms(journal(), kKey, 0, /*expect=*/3);
    configure(cms.port());
    cms.faults({{{"stall", true}}});
    for (int i = 0; i < 3; ++i) {
        add_note(children[0], fmt::format("note {}", i));
    }
    {
        test::BackgroundProcess delivering(cli({"outbox", "deliver", "--wait", "60"}));
        cms.wait_for("stalled");  // the CMS has filed the first note; its answer is held back
        EXPECT_EQ(delivering.stop(SIGKILL), 128 + SIGKILL);
    }
    EXPECT_EQ(outbox()["counts"]["pending"], 3) << "the kill came before the host heard back";
    EXPECT_EQ(deliver().exit_code, 0);
    cms.wait_for("all 3 filed");
    EXPECT_EQ(outbox()["counts"]["delivered"], 3);
    const auto stats = cms.stats();
    EXPECT_EQ(stats["filed"], 3);
    EXPECT_EQ(stats["replays"], 1) << "the resent first note was recognised by its key";
    EXPECT_EQ(stats["duplicates"], 0);
    EXPECT_EQ(stats["out_of_order"], 0);
}

TEST_F(WriteBackTest, AmendmentsKeepEveryVersionAndOnlyIroRolesMayAmend) {
    test::FakeCms cms(journal(), kKey);
    configure(cms.port());
    const std::string original = add_note(children[0], "first words");
    const fs::path file = sandbox.data_dir().parent_path() / "amended.json";
    std::ofstream(file) << nlohmann::json{{"date", "2019-03-01"}, {"text", "better words"}}.dump();
    const std::vector<std::string> amend{"notes",  "amend",       "--note",   original,
                                         "--file", file.string(), "--reason", "clearer"};

    // A worker with no business with the child is refused by the host, as over HTTP; the child's
    // own social worker, and a second IRO allocated to the child (a hand-over), by the module.
    const auto by_stranger = run(amend, kSocialWorker);
    EXPECT_EQ(by_stranger.exit_code, 3);
    EXPECT_THAT(by_stranger.err, HasSubstr(std::string(kSocialWorker) +
                                           " has no business with child " + children[0]));
    std::string childs_social_worker;
    {
        auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
        auto sw = db.prepare(
            "SELECT worker_id FROM allocations WHERE child_id = ? AND role = 'social_worker' AND "
            "end_date IS NULL LIMIT 1");
        sw.bind(1, children[0]);
        ASSERT_TRUE(sw.step()) << "the sample gives child " << children[0] << " a social worker";
        childs_social_worker = sw.text(0);
        auto co_iro = db.prepare(
            "INSERT INTO allocations (child_id, worker_id, role, team_id, start_date) VALUES (?, "
            "?, 'iro', 'IRO', '2019-01-01')");
        co_iro.bind(1, children[0]).bind(2, kOtherIro);
        co_iro.run();
    }
    const auto by_social_worker = run(amend, childs_social_worker);
    EXPECT_EQ(by_social_worker.exit_code, 3);
    EXPECT_THAT(by_social_worker.err, HasSubstr("children's social care may read IRO notes but "
                                                "not amend them"));
    const auto by_colleague = run(amend, kOtherIro);
    EXPECT_EQ(by_colleague.exit_code, 3);
    EXPECT_THAT(by_colleague.err, HasSubstr("only its author or an IRO manager may amend it"));
    EXPECT_EQ(run(amend, kIro).exit_code, 0);

    const auto shown = run({"--json", "notes", "show", original});
    const auto versions = nlohmann::json::parse(shown.out);
    ASSERT_EQ(versions.size(), 2U);
    EXPECT_EQ(versions[0]["body"]["text"], "first words");
    EXPECT_EQ(versions[1]["body"]["text"], "better words");
    EXPECT_EQ(versions[1]["reason"], "clearer");
    EXPECT_EQ(versions[1]["root_id"], original);

    // Both versions go to the CMS, each under its own key.
    EXPECT_EQ(deliver().exit_code, 0);
    EXPECT_EQ(cms.stats()["filed"], 2);

    // Nothing can change a stored version, not even straight SQL.
    auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
    EXPECT_THROW(db.exec("UPDATE notes SET body = '{}'"), store::SqliteError);
    EXPECT_THROW(db.exec("DELETE FROM notes"), store::SqliteError);
}

TEST_F(WriteBackTest, OAuth2TokenIsCachedAndFetchedAgainWhenTheCmsRefusesIt) {
    auto cms = test::FakeCms::with_oauth2(journal(), "iro-oversight", kKey);
    configure(cms.port(), 1000,
              {{"type", "oauth2_client_credentials"},
               {"token_url", cms.base_url() + "/oauth/token"},
               {"client_id", "iro-oversight"},
               {"client_secret_file", "cms.key"}});
    cms.faults({{{"revoke", true}}});
    for (int i = 0; i < 3; ++i) {
        add_note(children[static_cast<std::size_t>(i)], "oauth");
    }
    EXPECT_EQ(deliver().exit_code, 0);
    const auto stats = cms.stats();
    EXPECT_EQ(stats["filed"], 3);
    EXPECT_EQ(stats["unauthorised"], 1);
    EXPECT_EQ(stats["tokens_issued"], 2) << "one at the start, one after the refusal, then cached";
    EXPECT_EQ(outbox()["counts"]["delivered"], 3);
    // The token is in no log and no store.
    const auto shown = run({"outbox", "show", "1"});
    EXPECT_THAT(shown.out, testing::Not(HasSubstr("tok-")));
}

// The fault run of the issue: a serving host through every kind of trouble in turn, with the
// figures the closing note reports printed (bench/run-writeback-fault-run.sh runs this alone).
TEST_F(WriteBackTest, FaultRunLosesNothingFilesNoDuplicateAndKeepsEachChildsOrder) {
    constexpr int kPerPhase = 30;
    constexpr int kChildren = 10;
    test::FakeCms first(journal(), kKey);
    const unsigned short port = first.port();
    configure(port);
    const fs::path log = sandbox.data_dir().parent_path() / "serve.log";
    const auto serve = [&] {
        // The host's log goes to a file: nothing reads its stderr while it runs.
        std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>>" + log.string()};
        for (const auto& arg : cli({"serve", "--listen", "127.0.0.1:0"})) {
            argv.push_back(arg);
        }
        auto process = std::make_unique<test::BackgroundProcess>(argv);
        process->wait_for_output("Serving.");
        return process;
    };
    int written = 0;
    const auto write_phase = [&](const std::string& phase) {
        for (int i = 0; i < kPerPhase; ++i) {
            add_note(children[static_cast<std::size_t>(i % kChildren)],
                     fmt::format("{} note {}", phase, i));
            ++written;
        }
    };

    auto host = serve();
    // 1. The CMS up but misbehaving: errors, slowness beyond the timeout, rate limiting, refusals.
    first.faults({{{"status", 500}, {"count", 3}},
                  {{"delay_ms", 1500}, {"count", 2}},
                  {{"status", 429}, {"retry_after", "1"}},
                  {{"status", 400}, {"count", 2}, {"body", "rejected by the test"}}});
    write_phase("faults");
    first.wait_until_filed(kPerPhase - 2);

    // 2. The CMS down: notes keep being recorded and queue up.
    const int replays_before = first.stats()["replays"].get<int>();
    first.kill();
    write_phase("down");
    // (One more may still be pending: phase 1's last answer can be in flight when the CMS dies.)
    const int backlog = outbox()["counts"]["pending"].get<int>();
    EXPECT_GE(backlog, kPerPhase);

    // 3. The CMS back: the backlog drains.
    test::FakeCms second(journal(), kKey, port);
    second.wait_until_filed(2 * kPerPhase - 2);
    const auto back = second.stats();
    const auto drain_ms =
        back["last_filed_ms"].get<std::int64_t>() - back["started_ms"].get<std::int64_t>();

    // 4. The host killed while the CMS holds a request, then started again.
    second.faults({{{"stall", true}}});
    write_phase("crash");
    second.wait_for("stalled");
    EXPECT_EQ(host->stop(SIGKILL), 128 + SIGKILL);
    host = serve();
    second.wait_until_filed(3 * kPerPhase - 2);
    EXPECT_EQ(host->stop(SIGTERM), 0);
    // The CMS may have filed the last note while the host, under load, had already timed the
    // request out: it is then still pending, and the next delivery is recognised as a repeat.
    ASSERT_EQ(run({"outbox", "deliver", "--wait", "30"}).exit_code, 0);

    const auto counts = outbox()["counts"];
    const auto stats = second.stats();
    EXPECT_EQ(counts["delivered"], written - 2);
    EXPECT_EQ(counts["dead"], 2);
    EXPECT_EQ(counts["pending"], 0);
    EXPECT_EQ(stats["filed"], written - 2);
    EXPECT_EQ(stats["duplicates"], 0);
    EXPECT_EQ(stats["out_of_order"], 0);
    const int replays = replays_before + stats["replays"].get<int>();
    EXPECT_GE(replays, 3) << "two retries after timeouts and one after the kill";
    std::cout << fmt::format(
        "FAULT RUN: notes written {}, delivered {}, dead-lettered {}, still pending {}; the CMS "
        "filed {}, recognised {} repeat(s) by idempotency key, saw {} duplicate(s) and {} "
        "out-of-order note(s); backlog of {} drained {} ms after the CMS came back\n",
        written, counts["delivered"].get<int>(), counts["dead"].get<int>(),
        counts["pending"].get<int>(), stats["filed"].get<int>(), replays,
        stats["duplicates"].get<int>(), stats["out_of_order"].get<int>(), backlog, drain_ms);
}

TEST_F(WriteBackTest, EachKindIsCheckedByItsSchemaAndRulesWithEveryProblemNamed) {
    configure(9);  // nothing is delivered in this test
    const fs::path file = sandbox.data_dir().parent_path() / "note.json";
    const auto add = [&](const std::string& kind, const nlohmann::json& body) {
        std::ofstream(file) << body.dump();
        return run({"--json", "notes", "add", "--child", children[0], "--kind", kind, "--file",
                    file.string()});
    };
    nlohmann::json check{{"outcome", "met"}, {"comment", "ok"}};
    nlohmann::json compliance{{"care_plan", check},
                              {"placement_plan", check},
                              {"health_assessment", check},
                              {"pep", check},
                              {"pathway_plan", check},
                              {"statutory_visits", check},
                              {"last_review_decisions", check}};
    const auto missing = add("midpoint", {{"date", "2019-03-01"},
                                          {"compliance", compliance},
                                          {"actions", nlohmann::json::array()},
                                          {"summary", "x"}});
    EXPECT_EQ(missing.exit_code, 3);
    EXPECT_THAT(missing.err, HasSubstr("/compliance: Missing required property 'permanence_plan'"));

    compliance["permanence_plan"] = check;
    const auto rules =
        add("midpoint", {{"date", "2019-03-01"},
                         {"compliance", compliance},
                         {"actions", {{{"what", "PEP"}, {"who", "SW"}, {"by_when", "2019-02-30"}}}},
                         {"summary", "x"}});
    EXPECT_EQ(rules.exit_code, 3);
    EXPECT_THAT(rules.err, HasSubstr("/actions/0/by_when: '2019-02-30' is not a real day"));

    const auto future = add("general", {{"date", "2099-01-01"}, {"text", "x"}});
    EXPECT_THAT(future.err, HasSubstr("/date: the note is about 2099-01-01, after today"));

    const auto early = add("significant_change", {{"date", "2019-03-01"},
                                                  {"what_changed", "placement move"},
                                                  {"early_review_needed", true},
                                                  {"rationale", "unplanned move"}});
    EXPECT_THAT(early.err, HasSubstr("/early_review_by: an early review is needed: say by when"));

    // Leicester's RAG windows: red within 4 weeks, amber 5 to 8 weeks after the review.
    const auto amber_early = add("rag", {{"date", "2019-03-01"},
                                         {"rating", "amber"},
                                         {"rationale", "drift"},
                                         {"follow_up_by", "2019-03-10"}});
    EXPECT_THAT(amber_early.err, HasSubstr("between 2019-04-05 and 2019-04-26"));
    const auto red = add("rag", {{"date", "2019-03-01"}, {"rating", "red"}, {"rationale", "risk"}});
    ASSERT_EQ(red.exit_code, 0) << red.err;
    EXPECT_EQ(nlohmann::json::parse(red.out)["note"]["body"]["follow_up_by"], "2019-03-29");

    const auto consultation = add(
        "consultation",
        {{"date", "2019-03-01"},
         {"consulted", {{{"who", "child"}, {"how", "app"}}, {{"who", "carer"}, {"how", "phone"}}}},
         {"summary", "Views gathered for the review"}});
    EXPECT_EQ(consultation.exit_code, 0) << consultation.err;
    const auto unknown = add("consultation", {{"date", "2019-03-01"},
                                              {"consulted", {{{"who", "teacher"}, {"how", "fax"}}}},
                                              {"summary", "x"}});
    EXPECT_THAT(unknown.err, HasSubstr("/consulted/0/who"));
    EXPECT_THAT(unknown.err, HasSubstr("/consulted/0/how"));

    // Only the two that passed are on the file, and each queued its note_recorded event.
    auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
    auto events = db.prepare(
        "SELECT count(*) FROM case_events WHERE kind = 'note_recorded' AND child_id = ?");
    events.bind(1, children[0]);
    events.step();
    EXPECT_EQ(events.integer(0), 2);
}

TEST_F(WriteBackTest, TheExamplesInTheRepositoryAreAccepted) {
    const fs::path examples =
        fs::path(IRO_TEST_FIXTURES_DIR).parent_path().parent_path() / "examples";
    for (const char* kind : {"midpoint", "consultation", "rag"}) {
        const auto result = test::run_command(
            {test::host_binary().string(), "--data-dir", sandbox.data_dir().string(),
             "--plugin-dir", sandbox.plugin_dir().string(), "--actor", kIro, "notes", "add",
             "--child", children[0], "--kind", kind, "--file",
             (examples / "notes" / (std::string(kind) + ".json")).string()});
        EXPECT_EQ(result.exit_code, 0) << kind << ": " << result.err;
    }
    const auto config = test::run_command({test::host_binary().string(), "--config",
                                           (examples / "cms-writeback.json").string(), "--data-dir",
                                           sandbox.data_dir().string(), "outbox", "list"});
    EXPECT_EQ(config.exit_code, 0) << config.err;
}

TEST_F(WriteBackTest, OnlyTheChildsOwnIroOrAnIroManagerWritesOnTheirFile) {
    test::FakeCms cms(journal(), kKey);
    configure(cms.port());
    const fs::path file = sandbox.data_dir().parent_path() / "other.json";
    std::ofstream(file) << nlohmann::json{{"date", "2019-03-01"}, {"text", "x"}}.dump();
    const auto by_other =
        run({"notes", "add", "--child", children[0], "--kind", "general", "--file", file.string()},
            kOtherIro);
    EXPECT_EQ(by_other.exit_code, 3);
    EXPECT_THAT(by_other.err, HasSubstr("IRO1002 has no business with child " + children[0]));
    EXPECT_EQ(outbox()["counts"]["pending"], 0);
    EXPECT_EQ(
        run({"notes", "add", "--child", children[0], "--kind", "general", "--file", file.string()},
            kIro)
            .exit_code,
        0);
}

TEST_F(WriteBackTest, SocialWorkersCannotWriteIroNotesAndNothingIsQueued) {
    test::FakeCms cms(journal(), kKey);
    configure(cms.port());
    const fs::path file = sandbox.data_dir().parent_path() / "sw.json";
    std::ofstream(file) << nlohmann::json{{"date", "2019-03-01"}, {"text", "x"}}.dump();
    const auto result =
        run({"notes", "add", "--child", children[0], "--kind", "general", "--file", file.string()},
            kSocialWorker);
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(outbox()["counts"]["pending"], 0);
    const auto listed = run({"--json", "notes", "list", "--child", children[0]});
    EXPECT_EQ(nlohmann::json::parse(listed.out).size(), 0U);
}

}  // namespace
}  // namespace iro
