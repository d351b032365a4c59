#pragma once
// Online backup and restore of the SQLite store. A backup is a consistent snapshot taken while the
// service keeps serving (VACUUM INTO reads inside one transaction; WAL lets writers go on), checked
// before it is kept. A restore never touches the operator's backup file and never loses the store
// it replaces.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "common/error.hpp"
#include "store/sqlite.hpp"

namespace iro::backup {

/// The backup or restore cannot be done; the message says which file and why. Nothing was changed.
class BackupRefused : public Error {
  public:
    explicit BackupRefused(const std::string& what) : Error(ErrorKind::invalid, what) {}
};

/// What a checked store file holds.
struct StoreSummary {
    std::filesystem::path file;
    std::uintmax_t bytes = 0;
    int schema_version = 0;
    std::int64_t children = 0;
    std::int64_t audit_entries = 0;
    std::string audit_head;  ///< "SEQ:HASH" of the last audit entry
};

/// Writes a snapshot of `db` to `target` (mode 0600), which must not exist yet, then checks it
/// (check_store_file). Written beside the target and renamed into place only when whole and sound.
StoreSummary backup_store(store::Database& db, const std::filesystem::path& target);

/// Checks that `file` is an IRO Oversight store this build can use: SQLite's integrity check
/// passes, its schema version is not newer than this build's, and its audit chain is whole
/// under the chain key of the data directory `key_dir`. Opens the file itself, so use it on a
/// copy or on a file nothing else has open; messages name `shown_as` (the operator's file the
/// copy was made from) when it is given.
StoreSummary check_store_file(const std::filesystem::path& file,
                              const std::filesystem::path& key_dir,
                              const std::filesystem::path& shown_as = {});

/// What restore_store did.
struct RestoreResult {
    StoreSummary restored;
    std::filesystem::path previous;  ///< where the replaced store was kept; empty if there was none
};

/// Replaces the store at `database` with a copy of `backup` (which is not modified), after
/// checking the copy. The store it replaces is checkpointed and kept as
/// <database>.before-restore-<stamp>. The caller makes sure no host is serving `database`.
RestoreResult restore_store(const std::filesystem::path& backup,
                            const std::filesystem::path& database, const std::string& stamp);

}  // namespace iro::backup
