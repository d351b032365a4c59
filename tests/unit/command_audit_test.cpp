// The command line's audit table names every command iro-host has, and only those: a command
// added without saying what the audit log holds of it fails here.

#include "cli/command_audit.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/commands.hpp"

namespace iro::cli {
namespace {

TEST(CommandAuditTest, EveryCommandHasAnAuditEntryAndEveryEntryACommand) {
    CLI::App app;
    GlobalOptions options;
    int exit_code = 0;
    add_all_commands(app, options, exit_code);
    auto commands = command_paths(app);
    auto table = audited_command_paths();
    ASSERT_GT(commands.size(), 60U);
    std::sort(commands.begin(), commands.end());
    std::sort(table.begin(), table.end());
    EXPECT_EQ(commands, table);
    EXPECT_EQ(command_audit("notes add"), CommandAudit::change);
    EXPECT_EQ(command_audit("child show"), CommandAudit::child_read);
    EXPECT_EQ(command_audit("report qaf"), CommandAudit::none);
    EXPECT_EQ(command_audit("no such"), std::nullopt);
}

}  // namespace
}  // namespace iro::cli
