// iro-host store backup FILE | store check FILE | store restore FILE: online backups of the
// SQLite store, checked before they are kept, and restores that keep the store they replace.
// Backups and restores are audited: a backup is a copy of every child's record.

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "backup/store_backup.hpp"
#include "cli/commands.hpp"
#include "clock/timestamps.hpp"
#include "control/control_client.hpp"
#include "host/host.hpp"

namespace iro::cli {

namespace {

nlohmann::json summary_json(const backup::StoreSummary& s) {
    return {{"file", s.file.string()},
            {"bytes", s.bytes},
            {"schema_version", s.schema_version},
            {"children", s.children},
            {"audit_entries", s.audit_entries},
            {"audit_head", s.audit_head}};
}

std::string summary_text(const backup::StoreSummary& s) {
    return fmt::format(
        "{}: {} bytes, schema version {}, {} children, audit log intact ({} entries, head {})",
        s.file.string(), s.bytes, s.schema_version, s.children, s.audit_entries, s.audit_head);
}

void record(store::Database& db, const GlobalOptions& options, const std::string& action,
            const std::string& detail) {
    append_cli_audit(db, options, action, "", "allowed", detail);
}

// "2026-12-03T07:45:00Z" -> "20261203T074500Z", for a file name.
std::string file_stamp(const std::string& timestamp) {
    std::string stamp;
    for (const char c : timestamp) {
        if (c != '-' && c != ':') {
            stamp += c;
        }
    }
    return stamp;
}

}  // namespace

void add_store_commands(CLI::App& app, const GlobalOptions& options, int& exit_code) {
    auto* store_cmd = app.add_subcommand("store", "Back up, check and restore the SQLite store");
    store_cmd->require_subcommand(1);
    auto file = std::make_shared<std::string>();

    auto* backup_cmd = store_cmd->add_subcommand(
        "backup", "Write a consistent copy of the store to FILE while the service keeps serving");
    backup_cmd->add_option("file", *file, "The backup to write (must not exist)")->required();
    backup_cmd->callback([&options, &exit_code, file] {
        exit_code = with_store(options, [&](store::Database& db) {
            // Recorded first, so the backup carries the entry that says it was taken.
            record(db, options, "store backup", "to=" + *file);
            const auto summary = backup::backup_store(db, *file);
            if (options.json) {
                std::cout << summary_json(summary).dump(2) << "\n";
            } else {
                std::cout << "Backed up " << summary_text(summary) << "\n";
            }
            return 0;
        });
    });

    auto* check_cmd = store_cmd->add_subcommand(
        "check", "Check a backup: integrity, schema version and audit chain (changes nothing)");
    check_cmd->add_option("file", *file, "The backup to check")->required();
    check_cmd->callback([&options, &exit_code, file] {
        exit_code = run_guarded([&] {
            // On a copy: opening a SQLite file may write beside it.
            const auto copy = std::filesystem::temp_directory_path() /
                              fmt::format("iro-store-check-{}.sqlite3", ::getpid());
            std::filesystem::copy_file(*file, copy,
                                       std::filesystem::copy_options::overwrite_existing);
            std::filesystem::permissions(
                copy, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
            backup::StoreSummary summary;
            try {
                summary = backup::check_store_file(
                    copy, config::resolve_host_config(options.overrides).data_dir, *file);
            } catch (...) {
                std::filesystem::remove(copy);
                throw;
            }
            std::filesystem::remove(copy);
            summary.file = *file;
            if (options.json) {
                std::cout << summary_json(summary).dump(2) << "\n";
            } else {
                std::cout << "Usable backup " << summary_text(summary) << "\n";
            }
            return 0;
        });
    });

    auto* restore_cmd = store_cmd->add_subcommand(
        "restore",
        "Replace the store with a backup (the service must be stopped; the old store is kept)");
    restore_cmd->add_option("file", *file, "The backup to restore")->required();
    restore_cmd->callback([&options, &exit_code, file] {
        exit_code = run_guarded([&] {
            const auto config = config::resolve_host_config(options.overrides);
            host::ensure_data_dir(config.data_dir);
            if (auto running =
                    control::ask_running_host(config.control_socket_path(), {{"op", "status"}})) {
                throw backup::BackupRefused(
                    fmt::format("an iro-host (pid {}) is serving {}; stop it first (systemctl stop "
                                "iro-oversight)",
                                running->value("pid", 0), config.data_dir.string()));
            }
            const auto clock = config::council_clock(config);
            const auto result = backup::restore_store(
                *file, config.database_path(), file_stamp(clock::utc_timestamp(clock.now())));
            // Opening migrates a backup from an older version; then the restore is on record.
            auto db = open_store(config, clock);
            record(db, options, "store restore",
                   "from=" + *file + " previous=" + result.previous.string());
            if (options.json) {
                std::cout << nlohmann::json{{"restored", summary_json(result.restored)},
                                            {"previous", result.previous.string()}}
                                 .dump(2)
                          << "\n";
            } else {
                std::cout << "Restored " << summary_text(result.restored) << "\n";
                if (!result.previous.empty()) {
                    std::cout << "The store it replaced is kept as " << result.previous.string()
                              << "\n";
                }
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
