// Case events queued by an import reach the modules: in-process, and through a running host.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "clock/fixed_clock.hpp"
#include "dispatch/event_queue.hpp"
#include "host/host.hpp"
#include "importers/ssda903_import.hpp"
#include "module_store/module_kv_store.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/raw_http.hpp"
#include "support/subprocess.hpp"

namespace iro {
namespace {

using testing::HasSubstr;
namespace fs = std::filesystem;

const plugin::Date kToday{std::chrono::year{2024} / 6 / 30};
fs::path fixtures() {
    return fs::path(IRO_TEST_FIXTURES_DIR) / "ssda903";
}

// The service's base URL from its start-up banner.
std::string base_url(const std::string& banner) {
    static const std::regex kUrl("http://127\\.0\\.0\\.1:[0-9]+");
    std::smatch m;
    return std::regex_search(banner, m, kUrl) ? m.str() : "";
}

// /readyz once the events queued before the start are delivered. Polls: each answer is a real
// round trip, not a sleep; a backlog still running after 5,000 of them fails the test.
nlohmann::json ready_after_backlog(const std::string& url) {
    nlohmann::json ready;
    for (int i = 0; i < 5000; ++i) {
        const auto reply = test::raw_http(url,
                                          "GET /readyz HTTP/1.1\r\nHost: x\r\n"
                                          "Connection: close\r\n\r\n");
        EXPECT_EQ(test::raw_status(reply), 200) << reply;
        ready = nlohmann::json::parse(reply.substr(reply.find("\r\n\r\n") + 4));
        if (!ready.at("delivering_backlog").get<bool>()) {
            break;
        }
    }
    return ready;
}

// A sandbox with the probe module, both extracts imported while no host ran (six events
// queued), and the command line that serves it.
std::vector<std::string> serve_after_two_imports(test::PluginSandbox& sandbox) {
    sandbox.add_probe("probe_good");
    const std::vector<std::string> base{test::host_binary().string(), "--data-dir",
                                        sandbox.data_dir().string(), "--plugin-dir",
                                        sandbox.plugin_dir().string()};
    for (const char* extract : {"march", "june"}) {
        auto argv = base;
        argv.insert(argv.end(), {"import", "ssda903", (fixtures() / extract).string(), "--as-of",
                                 "2024-06-30"});
        const auto imported = test::run_command(argv);
        EXPECT_EQ(imported.exit_code, 0) << imported.err;
    }
    auto argv = base;
    argv.insert(argv.end(), {"serve", "--listen", "127.0.0.1:0"});
    return argv;
}

// Multiplies the events still queued in the sandbox's store to `copies` of each (every copy an
// event of its own); returns how many review_held events are then queued.
std::int64_t queue_copies(test::PluginSandbox& sandbox, int copies) {
    auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
    db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
            std::to_string(copies - 1) +
            ") INSERT INTO case_events (event_id, kind, child_id, occurred_on, payload, source, "
            "received_at) SELECT e.event_id || '-copy-' || n.i, e.kind, e.child_id, "
            "e.occurred_on, e.payload, e.source, e.received_at FROM case_events e, n WHERE "
            "e.dispatched_at IS NULL AND e.event_id NOT LIKE '%-copy-%'");
    auto count = db.prepare(
        "SELECT count(*) FROM case_events WHERE dispatched_at IS NULL AND kind = 'review_held'");
    count.step();
    return count.integer(0);
}

TEST(CaseEventDelivery, QueuedEventsReachSubscribedModulesOnce) {
    test::PluginSandbox sandbox;
    sandbox.add_probe("probe_good");
    clock::FixedClock clock(kToday);
    host::Host host(sandbox.host_config(), clock, true);
    host.load_modules();
    const store::Change change{"tester", "2024-06-30T09:00:00Z"};

    importers::import_ssda903(host.database(), fixtures() / "march", change, kToday);
    EXPECT_EQ(dispatch::drain_case_events(host.database(), host.registry(), clock).events, 0)
        << "the baseline queues nothing";

    importers::import_ssda903(host.database(), fixtures() / "june", change, kToday);
    EXPECT_EQ(dispatch::pending_case_events(host.database()), 6);
    const auto report = dispatch::drain_case_events(host.database(), host.registry(), clock);
    // The six, and the note_recorded event of the note probe-good wrote while handling one.
    EXPECT_EQ(report.events, 7);
    EXPECT_EQ(report.hook_failures, 0);
    EXPECT_EQ(report.undeliverable, 0);
    // probe-good subscribes to review_held only (and daily_tick): one of the six.
    store::ModuleKeyValueStore kv(host.database(), "probe-good");
    EXPECT_EQ(kv.get("review_held_count"), "1");
    EXPECT_EQ(dispatch::drain_case_events(host.database(), host.registry(), clock).events, 0);
    EXPECT_EQ(kv.get("review_held_count"), "1");
}

TEST(CaseEventDelivery, StoredEventsBecomeTypedEventsOrAreRefusedClearly) {
    const auto event = dispatch::to_case_event("placement_changed", "e1", "1001", kToday,
                                               {{"previous", "U1"}, {"current", "U3"}});
    const auto& moved = std::get<plugin::PlacementChanged>(event);
    EXPECT_EQ(moved.current, "U3");
    EXPECT_EQ(moved.header.child_id, "1001");
    try {
        dispatch::to_case_event("review_held", "e2", "1001", kToday, {{"participation", "PN1"}});
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "payload lacks string field 'review_id'");
    }
    EXPECT_THROW(dispatch::to_case_event("child_adopted", "e3", "1001", kToday, {}),
                 std::invalid_argument);
}

TEST(CaseEventDelivery, ImportWhileTheHostServesIsDeliveredAtOnce) {
    test::PluginSandbox sandbox;
    sandbox.add_probe("probe_good");
    auto cli = [&](std::vector<std::string> args) {
        std::vector<std::string> argv{test::host_binary().string(), "--data-dir",
                                      sandbox.data_dir().string(), "--plugin-dir",
                                      sandbox.plugin_dir().string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    };
    // The baseline before the host starts; the later extract while it serves.
    const auto baseline = test::run_command(
        cli({"import", "ssda903", (fixtures() / "march").string(), "--as-of", "2024-06-30"}));
    ASSERT_EQ(baseline.exit_code, 0) << baseline.err;
    EXPECT_THAT(baseline.out, HasSubstr("as the baseline"));
    EXPECT_THAT(baseline.out, HasSubstr("queued events are delivered when it starts"));

    test::BackgroundProcess host(cli({"serve", "--listen", "127.0.0.1:0"}));
    // The queue is empty, but its delivery runs beside what follows: let it finish first, or it
    // could deliver the import's events before the import asks the host to.
    EXPECT_EQ(ready_after_backlog(base_url(host.wait_for_output("Serving."))).at("events_pending"),
              0);
    const auto later = test::run_command(
        cli({"import", "ssda903", (fixtures() / "june").string(), "--as-of", "2024-06-30"}));
    ASSERT_EQ(later.exit_code, 0) << later.err;
    EXPECT_THAT(later.out, HasSubstr("Case events queued for the modules: 6"));
    EXPECT_THAT(later.out, HasSubstr("The running host (pid " + std::to_string(host.pid()) +
                                     ") delivered 7 queued event(s) to its modules."));
    EXPECT_EQ(host.stop(SIGTERM), 0) << host.stderr_text();

    auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
    EXPECT_EQ(store::ModuleKeyValueStore(db, "probe-good").get("review_held_count"), "1");
    EXPECT_EQ(dispatch::pending_case_events(db), 0);
}

// Events queued while no host ran are delivered in the background once it serves: HTTP is open
// from the start, /readyz says how many are left, and a stop part-way leaves the rest queued.
TEST(CaseEventDelivery, EventsQueuedWhileNoHostRunsAreDeliveredInTheBackgroundWhenItStarts) {
    test::PluginSandbox sandbox;
    const auto argv = serve_after_two_imports(sandbox);
    test::BackgroundProcess host(argv);
    const auto banner = host.wait_for_output("Serving.");
    EXPECT_THAT(banner, HasSubstr("Case events queued at start, being delivered in the "
                                  "background: 6"));
    const auto ready = ready_after_backlog(base_url(banner));
    EXPECT_EQ(ready.at("delivering_backlog"), false) << ready.dump();
    EXPECT_EQ(ready.at("events_pending"), 0) << ready.dump();
    EXPECT_EQ(host.stop(SIGTERM), 0) << host.stderr_text();
    EXPECT_THAT(host.stderr_text(), HasSubstr("event=backlog_delivered events=7"));
    auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
    EXPECT_EQ(store::ModuleKeyValueStore(db, "probe-good").get("review_held_count"), "1");
}

// A large backlog (an import of a big council while no host ran) with the service stopped
// part-way: HTTP answers from the start, SIGTERM stops it cleanly between batches, and the next
// start delivers the rest: every event reaches the module once, none twice, none lost.
TEST(CaseEventDelivery, AServiceStoppedWhileDeliveringABacklogStopsCleanlyAndLosesNothing) {
    test::PluginSandbox sandbox;
    const auto argv = serve_after_two_imports(sandbox);
    constexpr int kCopies = 5000;
    // The six queued events, 5,000 times over.
    const std::int64_t review_held = queue_copies(sandbox, kCopies);
    {
        auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
        EXPECT_EQ(dispatch::pending_case_events(db), 6 * kCopies);
    }
    ASSERT_GT(review_held, 0);
    {
        test::BackgroundProcess host(argv);
        const auto banner = host.wait_for_output("Serving.");
        EXPECT_THAT(banner, HasSubstr("being delivered in the background: 30000"));
        const auto health = test::raw_http(base_url(banner),
                                           "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                           "Connection: close\r\n\r\n");
        EXPECT_EQ(test::raw_status(health), 200) << "HTTP is open while the backlog is delivered";
        EXPECT_EQ(host.stop(SIGTERM), 0) << host.stderr_text();
        EXPECT_THAT(host.stderr_text(), testing::AnyOf(HasSubstr("event=backlog_delivery_stopped"),
                                                       HasSubstr("event=backlog_delivered")));
    }
    {
        test::BackgroundProcess host(argv);
        const auto ready = ready_after_backlog(base_url(host.wait_for_output("Serving.")));
        EXPECT_EQ(ready.at("events_pending"), 0) << ready.dump();
        EXPECT_EQ(host.stop(SIGTERM), 0) << host.stderr_text();
    }
    auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
    EXPECT_EQ(dispatch::pending_case_events(db), 0);
    EXPECT_EQ(store::ModuleKeyValueStore(db, "probe-good").get("review_held_count"),
              std::to_string(review_held))
        << "an event was delivered twice, or not at all";
}

// Two processes drain one store at once (two ticks, as a cron job's and a person's could): each
// event is claimed before it is delivered, so every one reaches the module exactly once.
TEST(CaseEventDelivery, TwoProcessesDrainingOneStoreDeliverEachEventExactlyOnce) {
    test::PluginSandbox sandbox;
    auto argv = serve_after_two_imports(sandbox);
    argv.resize(argv.size() - 3);  // the base command line, without "serve --listen ..."
    constexpr int kCopies = 400;
    const std::int64_t review_held = queue_copies(sandbox, kCopies);
    ASSERT_EQ(review_held, kCopies);
    argv.insert(argv.end(), {"tick", "--as-of", "2024-06-30"});
    test::BackgroundProcess first(argv);
    test::BackgroundProcess second(argv);
    EXPECT_EQ(first.wait(), 0) << first.stderr_text();
    EXPECT_EQ(second.wait(), 0) << second.stderr_text();

    auto db = store::Database::open(sandbox.data_dir() / "iro-oversight.sqlite3");
    EXPECT_EQ(dispatch::pending_case_events(db), 0);
    EXPECT_EQ(store::ModuleKeyValueStore(db, "probe-good").get("review_held_count"),
              std::to_string(review_held))
        << "an event was delivered twice, or not at all";
    auto notes = db.prepare("SELECT count(*) FROM notes WHERE kind = 'probe_seen'");
    notes.step();
    EXPECT_EQ(notes.integer(0), review_held) << "one note per delivered review, none twice";
}

}  // namespace
}  // namespace iro
