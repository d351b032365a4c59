// The command line used while `iro-host serve` runs on the same store, as an IRO manager's
// script or an administrator would: both write and both cause case events to be delivered, and
// every event reaches the modules exactly once; every command-line change and every read of a
// child's record is in the audit log beside the service's entries, with the operating-system user
// who ran it.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "module_store/module_kv_store.hpp"
#include "store/sqlite.hpp"
#include "support/council_data.hpp"
#include "support/host_cli.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/raw_http.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

// C1 in care for a year, and `reviews` reviews of C1 (each a review_held event the probe module
// counts and answers with a note of its own).
std::string review_events(const std::string& prefix, int reviews) {
    std::string lines = nlohmann::json{{"event_id", prefix + "-in"},
                                       {"kind", "entered_care"},
                                       {"child_id", "C1"},
                                       {"occurred_on", test::day_offset(-365)},
                                       {"data", {{"legal_status", "C2"}, {"placement", "U1"}}}}
                            .dump() +
                        "\n";
    for (int i = 0; i < reviews; ++i) {
        lines +=
            nlohmann::json{
                {"event_id", fmt::format("{}-review-{}", prefix, i)},
                {"kind", "review_held"},
                {"child_id", "C1"},
                {"occurred_on", test::day_offset(-300 + i)},
                {"data",
                 {{"review_id", fmt::format("{}-R{}", prefix, i)}, {"participation", "PN1"}}}}
                .dump() +
            "\n";
    }
    return lines;
}

TEST(CliBesideServeTest, EveryEventIsDeliveredOnceAndEveryCommandIsAudited) {
    test::PluginSandbox sandbox;
    sandbox.add_product_modules();
    sandbox.add_probe("probe_good");
    test::HostCli cli(sandbox, {{"log_level", "warning"}});
    ASSERT_EQ(cli.run({"users", "list"}, "it-admin").exit_code, 0);  // makes the store
    store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3")
        .exec(test::two_children_case_records());
    const auto tokens = cli.add_users(test::council_people(), "it-admin");
    auto served = cli.serve();

    // The service and the command line write at once: the IRO's notes over HTTP, case events and
    // a note from the command line. Each change queues events the modules must receive.
    constexpr int kReviews = 60;
    const fs::path events = sandbox.data_dir().parent_path() / "reviews.jsonl";
    std::ofstream(events) << review_events("cli", kReviews);
    std::thread over_http([&] {
        for (int i = 0; i < 20; ++i) {
            const std::string body =
                nlohmann::json{{"kind", "general"},
                               {"body", {{"date", test::day_offset(-1)}, {"text", "Visited."}}}}
                    .dump();
            const auto reply = test::raw_http(
                served.base,
                "POST /api/v1/children/C1/notes HTTP/1.1\r\nHost: localhost\r\nConnection: "
                "close\r\nAuthorization: Bearer " +
                    tokens.at("IRO1") + "\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body);
            EXPECT_EQ(test::raw_status(reply), 201) << reply;
        }
    });
    const auto ingested = cli.run({"events", "ingest", events.string()}, "cms");
    EXPECT_EQ(ingested.exit_code, 0) << ingested.err;
    const fs::path note = sandbox.data_dir().parent_path() / "note.json";
    std::ofstream(note) << nlohmann::json{{"date", test::day_offset(-1)}, {"text", "Spoke."}};
    const auto added = cli.run(
        {"notes", "add", "--child", "C1", "--kind", "general", "--file", note.string()}, "IRO1");
    EXPECT_EQ(added.exit_code, 0) << added.err;
    // The serving host is the one process running the modules: the command's note went to it.
    EXPECT_THAT(added.out, HasSubstr("The running host (pid "));
    const auto ticked = cli.run({"tick"}, "it-admin");
    EXPECT_EQ(ticked.exit_code, 0) << ticked.err;
    over_http.join();

    // Reads of a child's record, and a refusal.
    EXPECT_EQ(cli.run({"child", "show", "C1"}, "IRO1").exit_code, 0);
    EXPECT_EQ(cli.run({"notes", "list", "--child", "C1"}, "SW1").exit_code, 0);
    const auto refused = cli.run(
        {"notes", "add", "--child", "C1", "--kind", "general", "--file", note.string()}, "IRO2");
    EXPECT_EQ(refused.exit_code, 3) << refused.err;

    // Whatever is still queued, the service delivers; then nothing is pending and each review
    // reached the probe once.
    EXPECT_EQ(cli.run({"tick"}, "it-admin").exit_code, 0);
    test::HostCli::expect_graceful_stop(served);
    {
        auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
        auto pending = db.prepare("SELECT count(*) FROM case_events WHERE dispatched_at IS NULL");
        pending.step();
        EXPECT_EQ(pending.integer(0), 0);
        EXPECT_EQ(store::ModuleKeyValueStore(db, "probe-good").get("review_held_count"),
                  std::to_string(kReviews))
            << "a review was delivered twice, or not at all";
        auto seen = db.prepare("SELECT count(*) FROM notes WHERE kind = 'probe_seen'");
        seen.step();
        EXPECT_EQ(seen.integer(0), kReviews);
    }

    // The audit log: each command-line change and read, with who ran it, beside the service's.
    const auto entries = cli.json({"audit", "search", "--child", "C1"}, "it-auditor");
    const auto find = [&](const std::string& action, const std::string& actor,
                          const std::string& outcome) {
        for (const auto& e : entries) {
            if (e["action"] == action && e["actor"] == actor && e["outcome"] == outcome) {
                return e;
            }
        }
        ADD_FAILURE() << "no entry " << action << " by " << actor << " (" << outcome << ") in "
                      << entries.dump(1);
        return nlohmann::json::object();
    };
    const std::string uid = "uid " + std::to_string(::geteuid());
    for (const auto& [action, actor, outcome] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"cli notes add", "IRO1", "allowed"},
             {"cli child show", "IRO1", "allowed"},
             {"cli notes list", "SW1", "allowed"},
             {"cli notes add", "IRO2", "refused:3"},
             {"POST /api/v1/children/{id}/notes", "IRO1", "allowed"}}) {
        const auto entry = find(action, actor, outcome);
        if (action.rfind("cli ", 0) == 0) {
            EXPECT_THAT(entry.value("request_id", ""), HasSubstr(uid)) << entry.dump();
        }
    }
    const auto by_cms = cli.json({"audit", "search", "--actor", "cms"}, "it-auditor");
    ASSERT_FALSE(by_cms.empty());
    EXPECT_EQ(by_cms[0]["action"], "cli events ingest");
    EXPECT_THAT(by_cms[0]["request_id"].get<std::string>(), HasSubstr(uid));
    EXPECT_EQ(cli.run({"audit", "verify"}, "it-auditor").exit_code, 0) << "the chain is whole";
}

}  // namespace
}  // namespace iro
