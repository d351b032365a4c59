#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <thread>
#include <vector>

#include "clock/fixed_clock.hpp"
#include "module_store/case_records_reader.hpp"
#include "module_store/module_kv_store.hpp"
#include "module_store/module_outputs_store.hpp"
#include "module_store/module_settings_store.hpp"
#include "services/permission_gates.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

namespace iro::store {
namespace {

using testing::HasSubstr;

class StoreTest : public testing::Test {
  protected:
    StoreTest() : db(Database::open(dir.path() / "test.sqlite3")) {
        migrate(db, "2024-01-01T00:00:00Z");
    }
    test::TempDir dir;
    Database db;
};

TEST_F(StoreTest, MigrationsRunOnceAndRecordThemselves) {
    EXPECT_EQ(schema_version(db), migrations().back().version);
    EXPECT_EQ(migrate(db, "later"), 0);
    auto stmt = db.prepare("SELECT count(*) FROM schema_migrations");
    stmt.step();
    EXPECT_EQ(stmt.integer(0), static_cast<std::int64_t>(migrations().size()));
}

// A store written by a host at schema version 2 keeps its reviews and import warnings through
// migration 3, each import's warnings numbered in the order they were stored.
TEST(StoreMigrationTest, Version2StoreKeepsItsReviewsAndWarnings) {
    test::TempDir dir;
    auto db = Database::open(dir.path() / "v2.sqlite3");
    for (const auto& m : migrations()) {
        if (m.version <= 2) {
            db.exec(m.sql);
            db.prepare("INSERT INTO schema_migrations VALUES (?, ?, 'then')")
                .bind(1, std::int64_t{m.version})
                .bind(2, m.name)
                .run();
        }
    }
    db.exec("PRAGMA user_version = 2");
    db.exec(
        "INSERT INTO children (child_id) VALUES ('C1');"
        "INSERT INTO reviews VALUES ('903:C1:2024-01-05', 'C1', '2024-01-05', NULL, 'PN1', 0);"
        "INSERT INTO imports VALUES (1, 'ssda903', '/x', 'a', 't', 'applied', '{}');"
        "INSERT INTO imports VALUES (2, 'ssda903', '/x', 'a', 't', 'applied', '{}');"
        "INSERT INTO import_warnings VALUES (1, '/x/reviews.csv', 3, 1, '167', 'C1', 'one');"
        "INSERT INTO import_warnings VALUES (2, '/x/reviews.csv', 4, 1, '167', 'C1', 'two');"
        "INSERT INTO import_warnings VALUES (2, '/x/header.csv', 2, 1, 'code', 'C1', 'three');");

    EXPECT_EQ(migrate(db, "now"), static_cast<int>(migrations().size()) - 2);
    auto reviews = db.prepare("SELECT review_id, child_id, held_on, participation FROM reviews");
    ASSERT_TRUE(reviews.step());
    EXPECT_EQ(
        reviews.text(0) + " " + reviews.text(1) + " " + reviews.text(2) + " " + reviews.text(3),
        "903:C1:2024-01-05 C1 2024-01-05 PN1");
    auto warnings = db.prepare(
        "SELECT warning_id >> 32, warning_id & 4294967295, import_id, file, message FROM "
        "import_warnings ORDER BY warning_id");
    std::vector<std::string> rows;
    while (warnings.step()) {
        rows.push_back(
            std::to_string(warnings.integer(0)) + "." + std::to_string(warnings.integer(1)) + " " +
            std::to_string(warnings.integer(2)) + " " + warnings.text(3) + " " + warnings.text(4));
    }
    EXPECT_THAT(rows, testing::ElementsAre("1.1 1 /x/reviews.csv one", "2.1 2 /x/reviews.csv two",
                                           "2.2 2 /x/header.csv three"));
}

// Migration 11 rewrites the prompts table's state check in place. A store at version 10 keeps
// its prompts, the rule still holds, and opening a prompt no longer builds a temporary b-tree.
TEST(StoreMigrationTest, Version10StoreKeepsItsPromptsUnderTheSameStateRule) {
    test::TempDir dir;
    const auto path = dir.path() / "v10.sqlite3";
    {
        auto db = Database::open(path);
        Transaction tx(db);
        for (const auto& m : migrations()) {
            if (m.version <= 10) {
                db.exec(m.sql);
            }
        }
        db.exec("PRAGMA user_version = 10");
        db.exec(
            "INSERT INTO children (child_id) VALUES ('C1');"
            "INSERT INTO prompts (module_id, prompt_key, child_id, kind, audience, visible_to, "
            "due_on, overdue, opened_on, state, body, updated_at) VALUES "
            "('m', 'k1', 'C1', 'review_due', 'iro', '[]', '2024-02-01', 0, '2024-01-01', "
            "'acknowledged', '{}', 't')");
        tx.commit();
    }
    // Another connection holds the old definition as the migration runs: it must see the new.
    auto other = Database::open(path);
    other.prepare("SELECT count(*) FROM prompts").step();
    auto db = Database::open(path);
    ASSERT_EQ(migrate(db, "now"), static_cast<int>(migrations().size()) - 10);
    for (Database* connection : {&db, &other}) {
        auto table = connection->prepare("SELECT sql FROM sqlite_schema WHERE name = 'prompts'");
        ASSERT_TRUE(table.step());
        EXPECT_THAT(table.text(0), HasSubstr("CHECK (state IN ('open', 'acknowledged') OR state "
                                             "IN ('done', 'dismissed'))"));
        const std::string insert =
            "INSERT INTO prompts (module_id, prompt_key, child_id, kind, audience, visible_to, "
            "due_on, overdue, opened_on, state, body, updated_at) VALUES ('m', ?, 'C1', "
            "'review_due', 'iro', '[]', '2024-02-01', 0, '2024-01-01', ?, '{}', 't')";
        EXPECT_THROW(connection->prepare(insert).bind(1, "k2").bind(2, "opened").run(), SqliteError)
            << "the rule still refuses a state that is not one of the four";
        auto plan = connection->prepare("EXPLAIN " + insert);
        while (plan.step()) {
            EXPECT_NE(plan.text(1), "OpenEphemeral") << "a temporary b-tree for each insert";
        }
    }
    db.prepare(
          "INSERT INTO prompts (module_id, prompt_key, child_id, kind, audience, visible_to, "
          "due_on, overdue, opened_on, state, body, updated_at) VALUES ('m', 'k3', 'C1', "
          "'review_due', 'iro', '[]', '2024-02-01', 0, '2024-01-01', 'open', '{}', 't')")
        .run();
    auto kept = db.prepare("SELECT group_concat(prompt_key || ':' || state) FROM prompts");
    ASSERT_TRUE(kept.step());
    EXPECT_EQ(kept.text(0), "k1:acknowledged,k3:open");
    auto check = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.text(0), "ok");
}

TEST_F(StoreTest, DatabaseFromANewerHostIsRefused) {
    db.exec("PRAGMA user_version = 999");
    try {
        migrate(db, "now");
        FAIL();
    } catch (const SqliteError& e) {
        EXPECT_THAT(e.what(), HasSubstr("schema version 999, newer than this iro-host knows"));
    }
}

TEST_F(StoreTest, SettingsChangesAreAuditedWithOldAndNewValues) {
    ModuleSettingsStore settings(db);
    settings.set_enabled("qaf", false, {"alice", "t1"});
    settings.set_config("qaf", {{"x", 1}}, {"bob", "t2"});
    settings.mark_errored("qaf", "boom", {"iro-host", "t3"});
    settings.set_enabled("qaf", true, {"carol", "t4"});

    const auto s = settings.get("qaf");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->enabled, true);
    EXPECT_EQ(s->config, (nlohmann::json{{"x", 1}}));
    EXPECT_FALSE(s->errored_reason) << "enabling clears the errored mark";

    const auto audit = settings.audit("qaf", 10);
    ASSERT_EQ(audit.size(), 4U);
    EXPECT_EQ(audit[0].action, "enable");
    EXPECT_EQ(audit[0].old_value, "errored");
    EXPECT_EQ(audit[0].new_value, "enabled");
    EXPECT_EQ(audit[1].action, "errored");
    EXPECT_EQ(audit[1].new_value["reason"], "boom");
    EXPECT_EQ(audit[2].actor, "bob");
    EXPECT_EQ(audit[3].old_value, "default");
    EXPECT_EQ(audit[3].new_value, "disabled");
}

TEST_F(StoreTest, AuditTrailIsAppendOnly) {
    ModuleSettingsStore(db).set_enabled("qaf", false, {"alice", "t1"});
    EXPECT_THROW(db.exec("UPDATE module_audit SET actor = 'mallory'"), SqliteError);
    EXPECT_THROW(db.exec("DELETE FROM module_audit"), SqliteError);
}

TEST_F(StoreTest, FailedTransactionLeavesNothingBehind) {
    try {
        Transaction tx(db);
        db.exec("INSERT INTO module_kv (module_id, key, value) VALUES ('m', 'k', 'v')");
        throw std::runtime_error("interrupted");
    } catch (const std::runtime_error&) {
    }
    EXPECT_FALSE(ModuleKeyValueStore(db, "m").get("k"));
}

TEST_F(StoreTest, SavepointIsPartOfAnOpenTransactionOrItsOwnOtherwise) {
    const auto put = [&](const char* key) {
        db.prepare("INSERT INTO module_kv (module_id, key, value) VALUES ('m', ?, 'v')")
            .bind(1, key)
            .run();
    };
    {
        Transaction tx(db);
        put("kept");
        {
            Savepoint unit(db);  // undone alone; the transaction goes on
            put("undone");
        }
        EXPECT_TRUE(db.in_transaction());
        tx.commit();
    }
    {
        Savepoint unit(db);  // its own transaction
        EXPECT_TRUE(db.in_transaction());
        put("alone");
        unit.commit();
    }
    EXPECT_FALSE(db.in_transaction());
    ModuleKeyValueStore kv(db, "m");
    EXPECT_TRUE(kv.get("kept"));
    EXPECT_FALSE(kv.get("undone"));
    EXPECT_TRUE(kv.get("alone"));
}

// Connections run in SQLite's multi-thread mode, where two threads inside one connection at once
// can corrupt the file: a second thread's call while the first is inside one (here, inside a
// COMMIT, through its hook) is refused, and the first finishes as if nothing had happened.
TEST_F(StoreTest, AConnectionUsedByTwoThreadsAtOnceRefusesTheSecond) {
    db.exec("CREATE TABLE t (x INTEGER)");
    auto read = db.prepare("SELECT count(*) FROM t");
    std::vector<std::string> refused;
    db.on_wal_commit([&](int) {
        std::thread other([&] {
            for (const auto& use : std::vector<std::function<void()>>{
                     [&] { db.exec("INSERT INTO t VALUES (2)"); },
                     [&] { (void)db.prepare("SELECT 1"); }, [&] { read.step(); },
                     [&] { read.bind(1, std::int64_t{1}); }, [&] { (void)db.in_transaction(); }}) {
                try {
                    use();
                } catch (const SqliteError& e) {
                    EXPECT_EQ(e.code(), SQLITE_MISUSE);
                    refused.emplace_back(e.what());
                }
            }
            read.reset();  // must not throw: left alone
        });
        other.join();
    });
    db.exec("INSERT INTO t VALUES (1)");
    db.on_wal_commit({});

    ASSERT_EQ(refused.size(), 5U);
    EXPECT_THAT(refused.front(), HasSubstr("in use by another thread"));
    ASSERT_TRUE(read.step());
    EXPECT_EQ(read.integer(0), 1);  // the other thread's insert never ran
    read.reset();
    // Once the first thread is out, another may take its turn.
    std::thread([&] { db.exec("INSERT INTO t VALUES (3)"); }).join();
    ASSERT_TRUE(read.step());
    EXPECT_EQ(read.integer(0), 2);
}

TEST_F(StoreTest, KeyValueStorageIsPrivateToEachModule) {
    ModuleKeyValueStore a(db, "a");
    ModuleKeyValueStore b(db, "b");
    a.put("k%1", "one");
    a.put("k_2", "two");
    a.put("other", "x");
    b.put("k%1", "bee");
    EXPECT_EQ(a.get("k%1"), "one");
    EXPECT_EQ(b.get("k%1"), "bee");
    EXPECT_EQ(a.keys("k%"), (std::vector<std::string>{"k%1"}));
    EXPECT_EQ(a.keys("k"), (std::vector<std::string>{"k%1", "k_2"}));
    EXPECT_TRUE(a.erase("k%1"));
    EXPECT_FALSE(a.erase("k%1"));
    EXPECT_EQ(b.get("k%1"), "bee");
}

TEST_F(StoreTest, ModulesReadAndWriteOnlyWhatTheirManifestAllows) {
    db.exec("INSERT INTO children (child_id, sex, date_of_birth) VALUES ('C1', '1', '2015-06-01')");
    db.exec(
        "INSERT INTO reviews (review_id, child_id, held_on, participation) VALUES ('R1', 'C1', "
        "'2024-01-10', 'PN1')");
    CaseRecordsReader reader(db);
    services::GatedCaseRecords records(reader, "m", {"children"});
    EXPECT_EQ(records.child("C1")->date_of_birth, plugin::parse_iso_date("2015-06-01"));
    EXPECT_FALSE(records.child("C2"));
    try {
        records.reviews("C1");
        FAIL();
    } catch (const plugin::HostError& e) {
        EXPECT_STREQ(
            e.what(),
            "module m may not read reviews: its manifest does not list it in records.reads");
    }
    EXPECT_EQ(
        services::GatedCaseRecords(reader, "m", {"reviews"}).reviews("C1").at(0).participation,
        "PN1");

    clock::FixedClock clock(plugin::Date{std::chrono::year{2024} / 1 / 10});
    const std::optional<plugin::Actor> no_actor;
    ModuleOutputsStore outputs(db, "m", clock, no_actor);
    services::GatedOutputs gated(outputs, "m", {}, {"notes"});
    EXPECT_EQ(gated.emit_note({"C1", "general", std::nullopt, {{"text", "seen"}}}), "1");
    EXPECT_THROW(gated.emit_alert({"C1", "quality_issue", std::nullopt, {}}), plugin::HostError);
    // Withdrawn: refused even to a module that writes prompts and alerts, naming what to use.
    services::GatedOutputs writer(outputs, "m", {}, {"notes", "prompts", "alerts"});
    try {
        writer.emit_prompt({"C1", "midpoint_check", std::nullopt, {}});
        ADD_FAILURE() << "emit_prompt stored what nothing reads";
    } catch (const plugin::HostError& e) {
        EXPECT_THAT(e.what(), testing::HasSubstr("host().prompts().raise"));
    }
    EXPECT_THROW(writer.emit_alert({"C1", "quality_issue", std::nullopt, {}}), plugin::HostError);
    EXPECT_THROW(gated.emit_note({"", "general", std::nullopt, {}}), plugin::HostError);
    EXPECT_THROW(gated.notes("C1"), plugin::HostError);  // writes notes, does not read them
}

}  // namespace
}  // namespace iro::store
