// Backing up and restoring the store as an operator does: `store backup` while `serve` keeps
// serving, `store check` of a good and of a damaged backup, and `store restore`, refused while a
// host serves and keeping the store it replaces once the service is stopped.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store/sqlite.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

class StoreBackupTest : public testing::Test {
  protected:
    void SetUp() override {
        sandbox.add_product_modules();
        // Something to lose: a user and its audit entry.
        ASSERT_EQ(run({"users", "add", "mgr1", "--role", "iro_manager"}).exit_code, 0);
    }

    test::CommandResult run(const std::vector<std::string>& args) const {
        return test::run_command(sandbox.host_argv("it-admin", args));
    }

    std::unique_ptr<test::BackgroundProcess> serve() const {
        auto process = std::make_unique<test::BackgroundProcess>(
            sandbox.host_argv("it-admin", {"serve", "--listen", "127.0.0.1:0"}));
        process->wait_for_output("Serving.");
        return process;
    }

    std::vector<std::string> users() const {
        const auto listed = run({"--json", "users", "list"});
        EXPECT_EQ(listed.exit_code, 0) << listed.err;
        std::vector<std::string> ids;
        for (const auto& u : nlohmann::json::parse(listed.out)) {
            ids.push_back(u.value("user_id", ""));
        }
        return ids;
    }

    test::PluginSandbox sandbox;
    test::TempDir backups;
};

TEST_F(StoreBackupTest, OnlineBackupIsCheckedPrivateAndNeverOverwrites) {
    auto host = serve();
    const fs::path file = backups.path() / "store.sqlite3";
    const auto made = run({"--json", "store", "backup", file.string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const auto summary = nlohmann::json::parse(made.out);
    EXPECT_GT(summary["audit_entries"].get<int>(), 1);
    EXPECT_GT(summary["schema_version"].get<int>(), 0);
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600U) << "a backup holds every child's record";
    EXPECT_FALSE(fs::exists(file.string() + ".partial"));

    const auto again = run({"store", "backup", file.string()});
    EXPECT_EQ(again.exit_code, 3);
    EXPECT_THAT(again.err, HasSubstr("exists already; a backup never overwrites a file"));

    const auto checked = run({"store", "check", file.string()});
    EXPECT_EQ(checked.exit_code, 0) << checked.err;
    EXPECT_THAT(checked.out, HasSubstr("audit log intact"));
    // The backup is in the audit log, and in the backup itself.
    const auto audit = run({"--json", "audit", "search", "--actor", "it-admin"});
    EXPECT_THAT(audit.out, HasSubstr("store backup"));
    EXPECT_EQ(host->stop(SIGTERM), 0) << host->stderr_text();
}

TEST_F(StoreBackupTest, RestoreIsRefusedWhileServingThenKeepsTheStoreItReplaces) {
    const fs::path file = backups.path() / "store.sqlite3";
    ASSERT_EQ(run({"store", "backup", file.string()}).exit_code, 0);
    // After the backup, a change the restore will take back.
    ASSERT_EQ(run({"users", "add", "mgr2", "--role", "iro_manager"}).exit_code, 0);
    ASSERT_THAT(users(), testing::Contains("mgr2"));

    {
        auto host = serve();
        const auto refused = run({"store", "restore", file.string()});
        EXPECT_EQ(refused.exit_code, 3);
        EXPECT_THAT(refused.err, HasSubstr("stop it first"));
        EXPECT_EQ(host->stop(SIGTERM), 0);
    }

    const auto before_bytes = fs::file_size(file);
    const auto restored = run({"--json", "store", "restore", file.string()});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    const auto result = nlohmann::json::parse(restored.out);
    const fs::path previous = result["previous"].get<std::string>();
    ASSERT_TRUE(fs::exists(previous));
    EXPECT_EQ(fs::file_size(file), before_bytes) << "the operator's backup file was changed";
    EXPECT_THAT(users(), testing::Contains("mgr1"));
    EXPECT_THAT(users(), testing::Not(testing::Contains("mgr2")));
    // Nothing lost: the replaced store still has the later change.
    auto kept = store::Database::open(previous);
    auto q = kept.prepare("SELECT count(*) FROM users WHERE user_id = 'mgr2'");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.integer(0), 1);
    const auto verify = run({"audit", "verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_THAT(run({"--json", "audit", "search", "--actor", "it-admin"}).out,
                HasSubstr("store restore"));
}

TEST_F(StoreBackupTest, DamagedForeignAndNewerBackupsAreRefusedAndNothingChanges) {
    const fs::path good = backups.path() / "good.sqlite3";
    ASSERT_EQ(run({"store", "backup", good.string()}).exit_code, 0);
    const auto store_file = sandbox.data_dir() / "iro-oversight.sqlite3";

    const fs::path damaged = backups.path() / "damaged.sqlite3";
    fs::copy_file(good, damaged);
    fs::resize_file(damaged, fs::file_size(damaged) / 2);
    const fs::path foreign = backups.path() / "notes.txt";
    std::ofstream(foreign) << "not a database\n";
    const fs::path newer = backups.path() / "newer.sqlite3";
    fs::copy_file(good, newer);
    {
        auto db = store::Database::open(newer);
        db.exec("PRAGMA user_version = 9999");
    }

    for (const auto& [file, why] :
         std::vector<std::pair<fs::path, std::string>>{{damaged, damaged.string()},
                                                       {foreign, "not a usable SQLite store"},
                                                       {newer, "written by a newer iro-host"}}) {
        const auto checked = run({"store", "check", file.string()});
        EXPECT_EQ(checked.exit_code, 3) << file;
        const auto restored = run({"store", "restore", file.string()});
        EXPECT_EQ(restored.exit_code, 3) << file;
        EXPECT_THAT(restored.err, HasSubstr(file.string())) << restored.err;
        EXPECT_THAT(checked.err + restored.err, HasSubstr(why)) << file;
    }
    EXPECT_THAT(users(), testing::Contains("mgr1"));
    EXPECT_FALSE(fs::exists(store_file.string() + ".restoring"));
    for (const auto& entry : fs::directory_iterator(sandbox.data_dir())) {
        EXPECT_EQ(entry.path().string().find("before-restore"), std::string::npos)
            << "a refused restore moved the store: " << entry.path();
    }
}

}  // namespace
}  // namespace iro
