// Group commit of the audit log: entries appended from many threads at once are all committed,
// in one unbroken chain, in fewer transactions than entries; and a commit that fails reaches
// every request whose entry it held, with SQLite's code, and leaves nothing half-written.

#include "audit/audit_writer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "store/store_file.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

audit::NewEntry entry(int thread, int i) {
    return {"2026-12-06T10:00:00Z",
            "U" + std::to_string(thread),
            "social_worker",
            "GET /api/v1/children/{id}/prompts",
            "C" + std::to_string(i),
            "r-" + std::to_string(thread) + "-" + std::to_string(i),
            "allowed",
            ""};
}

TEST(AuditWriter, EntriesFromManyThreadsAreCommittedTogetherInOneChain) {
    test::TempDir dir;
    auto db = store::open_store(dir.path() / "s.sqlite3", "2026-12-06T10:00:00Z");
    store::SerialWriter writer(db);
    constexpr int kThreads = 8;
    constexpr int kEach = 200;
    std::uint64_t commits = 0;
    {
        audit::AuditWriter audit(writer);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&audit, t] {
                for (int i = 0; i < kEach; ++i) {
                    audit.append(entry(t, i));  // returns once committed
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        EXPECT_EQ(audit.entries(), std::uint64_t{kThreads * kEach});
        commits = audit.commits();
    }
    EXPECT_LT(commits, std::uint64_t{kThreads * kEach}) << "no two entries shared a commit";
    const auto report = audit::verify(db, audit::read_chain_key(dir.path()));
    EXPECT_EQ(report.entries, kThreads * kEach);
    EXPECT_TRUE(report.problems.empty()) << report.problems.front();
}

TEST(AuditWriter, AFailedCommitReachesTheRequestAndWritesNothing) {
    test::TempDir dir;
    auto db = store::open_store(dir.path() / "s.sqlite3", "2026-12-06T10:00:00Z");
    store::SerialWriter writer(db);
    audit::AuditWriter audit(writer);
    audit.append(entry(1, 1));
    // Another connection holds the write lock past the busy timeout: the commit cannot happen.
    auto other = store::Database::open(dir.path() / "s.sqlite3");
    {
        const auto turn = writer.lock();
        db.exec("PRAGMA busy_timeout=50");
    }
    other.exec("BEGIN IMMEDIATE");
    try {
        audit.append(entry(1, 2));
        ADD_FAILURE() << "the append said it was committed";
    } catch (const store::SqliteError& e) {
        EXPECT_EQ(e.code(), SQLITE_BUSY) << e.what();
    }
    other.exec("ROLLBACK");
    audit.append(entry(1, 3));
    const auto turn = writer.lock();
    const auto report = audit::verify(db, audit::read_chain_key(dir.path()));
    EXPECT_EQ(report.entries, 2);
    EXPECT_TRUE(report.problems.empty());
}

}  // namespace
}  // namespace iro
