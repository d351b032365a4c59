#include "backup/store_backup.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

#include "audit/audit_log.hpp"
#include "store/migrations.hpp"

namespace iro::backup {

namespace fs = std::filesystem;

namespace {

fs::path with_suffix(const fs::path& file, const std::string& suffix) {
    return fs::path(file.string() + suffix);
}

void remove_with_sidecars(const fs::path& file) noexcept {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(with_suffix(file, suffix), ec);
    }
}

// Data first, then the directory entry, so a crash after "done" never leaves a half file.
void sync_file(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int err = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        throw std::system_error(err, std::generic_category(), "cannot sync " + file.string());
    }
    ::close(fd);
}

void sync_directory(const fs::path& dir) {
    sync_file(dir.empty() ? fs::path(".") : dir);
}

// An empty file only we may read, for VACUUM INTO to fill (it accepts an empty target).
void create_private_empty(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        throw BackupRefused("cannot create " + file.string() + ": " +
                            std::system_category().message(errno));
    }
    ::close(fd);
}

}  // namespace

StoreSummary check_store_file(const fs::path& file, const fs::path& key_dir,
                              const fs::path& shown_as) {
    const std::string name = shown_as.empty() ? file.string() : shown_as.string();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        throw BackupRefused(name + ": no such file");
    }
    StoreSummary summary;
    summary.file = file;
    summary.bytes = fs::file_size(file, ec);
    try {
        auto db = store::Database::open(file);
        {
            auto check = db.prepare("PRAGMA integrity_check");
            std::string problems;
            while (check.step()) {
                const auto line = check.text(0);
                if (line != "ok") {
                    problems += (problems.empty() ? "" : "; ") + line;
                }
            }
            if (!problems.empty()) {
                throw BackupRefused(name + ": SQLite's integrity check fails: " + problems);
            }
        }
        summary.schema_version = store::schema_version(db);
        const int known = store::migrations().back().version;
        if (summary.schema_version == 0) {
            throw BackupRefused(name + ": not an IRO Oversight store (no schema)");
        }
        if (summary.schema_version > known) {
            throw BackupRefused(name + ": written by a newer iro-host (schema version " +
                                std::to_string(summary.schema_version) + ", this one knows up to " +
                                std::to_string(known) + "); restore it with that version");
        }
        auto children = db.prepare("SELECT count(*) FROM children");
        children.step();
        summary.children = children.integer(0);
        const auto audit = audit::verify(db, audit::read_chain_key(key_dir));
        if (!audit.problems.empty()) {
            throw BackupRefused(name + ": its audit log is not intact: " + audit.problems.front());
        }
        summary.audit_entries = audit.entries;
        summary.audit_head = std::to_string(audit.head_seq) + ":" + audit.head_hash;
    } catch (const store::SqliteError& e) {
        throw BackupRefused(name + ": not a usable SQLite store: " + e.what());
    }
    return summary;
}

StoreSummary backup_store(store::Database& db, const fs::path& target) {
    std::error_code ec;
    if (fs::exists(target, ec)) {
        throw BackupRefused(target.string() + " exists already; a backup never overwrites a file");
    }
    const fs::path dir = target.parent_path();
    if (!dir.empty() && !fs::is_directory(dir, ec)) {
        throw BackupRefused(dir.string() + ": no such directory");
    }
    const fs::path partial = with_suffix(target, ".partial");
    remove_with_sidecars(partial);
    try {
        create_private_empty(partial);
        db.prepare("VACUUM INTO ?").bind(1, partial.string()).run();
        sync_file(partial);
        auto summary = check_store_file(partial, db.path().parent_path(), target);
        summary.file = target;
        fs::rename(partial, target);
        sync_directory(dir);
        return summary;
    } catch (...) {
        remove_with_sidecars(partial);
        throw;
    }
}

RestoreResult restore_store(const fs::path& backup, const fs::path& database,
                            const std::string& stamp) {
    std::error_code ec;
    if (!fs::is_regular_file(backup, ec)) {
        throw BackupRefused(backup.string() + ": no such file");
    }
    if (fs::equivalent(backup, database, ec)) {
        throw BackupRefused(backup.string() + " is the store itself");
    }
    const fs::path restoring = with_suffix(database, ".restoring");
    remove_with_sidecars(restoring);
    RestoreResult result;
    try {
        // Work on a copy: checking opens the file, and the operator's backup stays as it was.
        fs::copy_file(backup, restoring);
        fs::permissions(restoring, fs::perms::owner_read | fs::perms::owner_write);
        result.restored = check_store_file(restoring, database.parent_path(), backup);
        sync_file(restoring);
    } catch (...) {
        remove_with_sidecars(restoring);
        throw;
    }
    result.restored.file = database;
    if (fs::exists(database, ec)) {
        {
            // Everything in the write-ahead log into the main file, so the kept store is whole.
            auto current = store::Database::open(database);
            current.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        result.previous = with_suffix(database, ".before-restore-" + stamp);
        fs::rename(database, result.previous);
        for (const char* suffix : {"-wal", "-shm"}) {
            fs::remove(with_suffix(database, suffix), ec);
        }
    }
    fs::rename(restoring, database);
    sync_directory(database.parent_path());
    return result;
}

}  // namespace iro::backup
