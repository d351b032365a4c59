// The serving connection's WAL checkpointed beside it. While the checkpointer lives, commits do
// not checkpoint on their own; a commit past the threshold wakes the thread, whose checkpoint
// copies the WAL into the database file; once it is gone SQLite's own checkpoints are back. What
// a checkpoint did is read off the database file's size: only a checkpoint writes to it.

#include "store/wal_checkpointer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <thread>

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

// A store with one table, written in rows of 20 kB.
class WalCheckpointerTest : public testing::Test {
  protected:
    WalCheckpointerTest() { db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)"); }
    test::TempDir dir;
    std::filesystem::path file = dir.path() / "s.sqlite3";
    store::Database db = store::Database::open(file);
};

// A read transaction on a connection of its own, holding its snapshot until released: a
// report's long read.
class HeldSnapshot {
  public:
    explicit HeldSnapshot(const std::filesystem::path& file)
        : reader_(store::Database::open_reader(file)) {
        reader_.exec("BEGIN");
        read_.emplace(reader_.prepare("SELECT count(*) FROM t"));
        read_->step();
    }
    void release() {
        read_.reset();
        reader_.exec("COMMIT");
    }

  private:
    store::Database reader_;
    std::optional<store::Statement> read_;
};

TEST_F(WalCheckpointerTest, CommitsNoLongerCheckpointThemselvesTheThreadDoes) {
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

std::uintmax_t wal_size(const std::filesystem::path& file) {
    return std::filesystem::file_size(file.string() + "-wal");
}

// Writes a row at a time until the WAL is no longer than `bound`: once a checkpoint has copied
// every frame back, the next write starts the log again and its commit cuts the file back (the
// commit after a restart is too small to wake the checkpointer, so a wait may run out).
bool cut_back_to(store::Database& db, const store::WalCheckpointer& checkpointer,
                 const std::filesystem::path& file, std::uintmax_t bound) {
    for (int i = 0; i < 50; ++i) {
        if (wal_size(file) <= bound) {
            return true;
        }
        const auto seen = checkpointer.checkpoints();
        write_rows(db, 1);
        checkpointer.wait_for_checkpoint(seen, 1s);
    }
    return wal_size(file) <= bound;
}

// With no report reading, a checkpoint copies the whole log back, and the writer's next
// transaction starts it again from the beginning: commits at a service's pace (each answered by
// a checkpoint) keep the file a few commits long, with no TRUNCATE holding writers up.
TEST_F(WalCheckpointerTest, ALogCopiedBackIsStartedAgainSoItStaysShortWithoutTruncating) {
    // 200 commits of 20 kB, 4 MB in all against a 1 MiB ceiling; every commit wakes the thread.
    const store::WalCheckpointer checkpointer(db, {1, kMiB, std::chrono::hours(1)});
    std::uintmax_t longest = 0;
    for (int i = 0; i < 200; ++i) {
        const auto seen = checkpointer.checkpoints();
        write_rows(db, 1);
        checkpointer.wait_for_checkpoint(seen, 10s);
        longest = std::max(longest, wal_size(file));
    }
    EXPECT_LT(longest, kMiB / 4);
    EXPECT_GT(checkpointer.finished(), 100U);
    EXPECT_EQ(checkpointer.truncations(), 0U);
}

// A service with nothing to commit for a while leaves no WAL behind.
TEST_F(WalCheckpointerTest, AnIdleServiceLeavesNoWal) {
    // No checkpoint asked for by size; 50 ms without a commit empties the WAL.
    const store::WalCheckpointer checkpointer(db, {1'000'000, 1000 * kMiB, 50ms});
    write_rows(db, 5);
    EXPECT_GT(wal_size(file), 0U);
    const auto seen = checkpointer.wait_for_checkpoint(0, 30s);
    EXPECT_EQ(seen, 1U);
    EXPECT_EQ(checkpointer.truncations(), 1U);
    EXPECT_EQ(wal_size(file), 0U);
}

// A reader the gate does not hold back (a report run from the command line, in a process of its
// own) keeps the log from being copied back. Past half the ceiling, TRUNCATE is tried again and
// again while it reads (checkpoints go on with no commit to ask for them); once it lets go, the
// log is emptied by the next try, or copied back by a checkpoint a commit asked for, and either
// way the next write finds it cut back.
TEST_F(WalCheckpointerTest, PastHalfItsCeilingTruncationIsTriedUntilAnUngatedReaderLetsGo) {
    write_rows(db, 1);
    HeldSnapshot reader(file);

    store::WalLimits limits{10, kMiB, std::chrono::hours(1)};
    limits.truncate_retry = 10ms;
    const store::WalCheckpointer checkpointer(db, limits);
    write_rows(db, 200);
    EXPECT_GT(wal_size(file), kMiB);
    // At most one checkpoint under way and one asked for by the last commits: a third can only
    // be a retry.
    const auto after_writes = checkpointer.checkpoints();
    auto seen = after_writes;
    for (int i = 0; i < 3; ++i) {
        seen = checkpointer.wait_for_checkpoint(seen, 10s);
    }
    EXPECT_GE(seen, after_writes + 3);
    EXPECT_EQ(checkpointer.truncations(), 0U);
    EXPECT_EQ(checkpointer.finished(), 0U);
    EXPECT_GT(wal_size(file), kMiB);

    reader.release();
    for (int i = 0; i < 100 && checkpointer.truncations() + checkpointer.finished() == 0; ++i) {
        seen = checkpointer.wait_for_checkpoint(seen, 10s);
    }
    EXPECT_GT(checkpointer.truncations() + checkpointer.finished(), 0U);
    EXPECT_TRUE(cut_back_to(db, checkpointer, file, kMiB / 4 + 64 * std::uintmax_t{1024}));
}

// A report holding an old snapshot keeps the log from being copied back, and reports asked for
// back to back would keep it growing without end. Past a quarter of the ceiling the checkpointer
// closes the gate: the report under way finishes, the next waits, and it begins only once the
// log has been copied back; the next write starts the log again, cut back.
TEST_F(WalCheckpointerTest, ReportsUnderWayFinishAndTheNextWaitWhileTheLogIsCopiedBack) {
    write_rows(db, 1);
    store::LongReadGate gate;
    std::optional<store::LongReadGate::Pass> under_way(gate.enter());
    HeldSnapshot report(file);

    store::WalLimits limits{10, kMiB, std::chrono::hours(1)};
    limits.restart_wait = 100ms;  // nothing commits after the copy here
    const store::WalCheckpointer checkpointer(db, limits, &gate);
    write_rows(db, 200);  // past the ceiling; the snapshot keeps every frame in the log
    ASSERT_TRUE(gate.wait_closed(30s));
    EXPECT_EQ(checkpointer.finished(), 0U);
    EXPECT_GT(wal_size(file), kMiB);

    std::uint64_t copied_back_when_the_next_began = 0;
    std::thread next([&] {
        const auto pass = gate.enter();
        copied_back_when_the_next_began = checkpointer.finished();
    });
    report.release();
    under_way.reset();
    next.join();
    EXPECT_GT(copied_back_when_the_next_began, 0U);
    EXPECT_EQ(gate.under_way(), 0U);
    EXPECT_TRUE(cut_back_to(db, checkpointer, file, kMiB / 4 + 64 * std::uintmax_t{1024}));
    EXPECT_EQ(checkpointer.truncations(), 0U);
}

}  // namespace
}  // namespace iro
