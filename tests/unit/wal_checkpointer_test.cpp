// The serving connection's WAL checkpointed beside it. While the checkpointer lives, commits do
// not checkpoint on their own; a commit past the threshold wakes the thread, whose checkpoint
// copies the WAL into the database file; once it is gone SQLite's own checkpoints are back. What
// a checkpoint did is read off the database file's size: only a checkpoint writes to it.

#include "store/wal_checkpointer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/temp_dir.hpp"

namespace iro {
namespace {

using namespace std::chrono_literals;

constexpr std::uintmax_t kMiB = std::uintmax_t{1024} * 1024;

void write_rows(store::Database& db, int commits) {
    for (int i = 0; i < commits; ++i) {
        db.prepare("INSERT INTO t (payload) VALUES (?)").bind(1, std::string(20000, 'x')).run();
    }
}

TEST(WalCheckpointer, CommitsNoLongerCheckpointThemselvesTheThreadDoes) {
    test::TempDir dir;
    const auto file = dir.path() / "s.sqlite3";
    auto db = store::Database::open(file);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)");
    {
        // A threshold no commit reaches: 1,200 commits of 20 kB (well past SQLite's own 1,000
        // pages) stay in the WAL.
        const store::WalCheckpointer idle(db, {1'000'000});
        write_rows(db, 1200);
        EXPECT_EQ(idle.checkpoints(), 0U);
        EXPECT_LT(std::filesystem::file_size(file), kMiB);
        EXPECT_GT(std::filesystem::file_size(dir.path() / "s.sqlite3-wal"), 20 * kMiB);
    }
    {
        const store::WalCheckpointer checkpointer(db, {10});
        const auto before = checkpointer.checkpoints();
        write_rows(db, 1);  // the WAL is far past 10 pages: this commit asks for a checkpoint
        EXPECT_GT(checkpointer.wait_for_checkpoint(before, 30s), before);
        EXPECT_GT(std::filesystem::file_size(file), 20 * kMiB);
    }
    // SQLite checkpoints on its own again: the next 1,200 commits reach the file.
    const auto size = std::filesystem::file_size(file);
    write_rows(db, 1200);
    EXPECT_GT(std::filesystem::file_size(file), size + 10 * kMiB);
}

// The WAL has a ceiling: past it after a checkpoint, a TRUNCATE checkpoint empties the file; and
// a service with nothing to commit for a while leaves no WAL behind.
TEST(WalCheckpointer, AWalPastItsLimitIsEmptiedAndSoIsAnIdleOne) {
    test::TempDir dir;
    const auto file = dir.path() / "s.sqlite3";
    const auto wal = dir.path() / "s.sqlite3-wal";
    auto db = store::Database::open(file);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)");
    {
        // 200 commits of 20 kB: each past 10 pages, the WAL soon past 1 MiB.
        const store::WalCheckpointer checkpointer(db, {10, kMiB, std::chrono::hours(1)});
        const auto before = checkpointer.checkpoints();
        write_rows(db, 200);
        auto seen = checkpointer.wait_for_checkpoint(before, 30s);
        for (int i = 0; i < 3 && checkpointer.truncations() == 0; ++i) {
            seen = checkpointer.wait_for_checkpoint(seen, 10s);
        }
        EXPECT_GT(checkpointer.truncations(), 0U);
    }
    {
        // No checkpoint asked for by size; 50 ms without a commit empties the WAL.
        const store::WalCheckpointer checkpointer(db, {1'000'000, 1000 * kMiB, 50ms});
        write_rows(db, 5);
        EXPECT_GT(std::filesystem::file_size(wal), 0U);
        const auto seen = checkpointer.wait_for_checkpoint(0, 30s);
        EXPECT_EQ(seen, 1U);
        EXPECT_EQ(checkpointer.truncations(), 1U);
        EXPECT_EQ(std::filesystem::file_size(wal), 0U);
    }
}

}  // namespace
}  // namespace iro
