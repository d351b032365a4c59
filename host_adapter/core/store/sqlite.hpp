#pragma once
// A thin RAII layer over SQLite: one Database per connection, prepared Statements, and a
// Transaction guard that rolls back unless committed.

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace iro::store {

/// Any SQLite failure, with the statement or file it concerns, and SQLite's result code (0 when
/// the failure is the host's own) so a caller can tell a busy or full store from a broken one.
class SqliteError : public std::runtime_error {
  public:
    explicit SqliteError(const std::string& what, int code = 0)
        : std::runtime_error(what), code_(code) {}
    /// SQLite's primary result code (SQLITE_BUSY, SQLITE_FULL, ...), or 0.
    int code() const noexcept { return code_ & 0xff; }

  private:
    int code_;
};

class Statement;

/// Keeps a connection to one thread at a time. Connections are opened in SQLite's multi-thread
/// mode, where two threads inside one connection at once can corrupt the file; every call that
/// reaches SQLite enters the connection's turn first, and a call from a second thread while the
/// first is inside throws (SQLITE_MISUSE) instead, naming it a host fault. Not a lock: it never
/// waits, so whoever shares a connection still takes turns (store/serial_writer.hpp).
class ConnectionTurn {
  public:
    /// Inside the connection for its lifetime; the same thread may enter again (a commit's hook).
    class Inside {
      public:
        explicit Inside(ConnectionTurn& turn);
        /// For the calls that must not throw (a reset, a finalize): false when another thread
        /// is inside, and the caller then leaves the connection alone.
        Inside(ConnectionTurn& turn, std::nothrow_t) noexcept;
        Inside(const Inside&) = delete;
        Inside& operator=(const Inside&) = delete;
        ~Inside();
        explicit operator bool() const noexcept { return entered_; }

      private:
        ConnectionTurn& turn_;
        bool entered_;
    };

  private:
    std::atomic<std::thread::id> owner_{};
    int depth_ = 0;  // only the owner touches it
};

/// Process-wide SQLite settings, for a process's main() before it opens any database: no memory
/// statistics (nothing reads them, and keeping them takes a global lock on every allocation).
void configure_sqlite();

/// One open connection. Not copyable; use from one thread at a time.
class Database {
  public:
    /// Opens (creating if needed) with WAL, foreign keys and a busy timeout, so the CLI and a
    /// running host can share the file.
    static Database open(const std::filesystem::path& path);
    /// Opens an existing store read-only, for a second connection that reads alongside this
    /// process's main one (store/read_ahead.hpp).
    static Database open_reader(const std::filesystem::path& path);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    /// A statement prepared once per connection and reset for each use: for the small statements
    /// run thousands of times in one pass (a tick's prompt writes). Use it before calling
    /// cached() again with the same text.
    Statement& cached(const std::string& sql);
    /// Resets every cached statement, ending any read snapshot one still holds.
    void reset_statements() noexcept;
    std::int64_t last_insert_rowid() const;
    int changes() const;
    /// True inside BEGIN ... COMMIT.
    bool in_transaction() const;
    /// Starts a write transaction (BEGIN IMMEDIATE): the Transaction and Savepoint guards do.
    void begin_immediate();
    /// Whether a new connection to the same file would read what this one reads now: outside a
    /// transaction, or inside one begun by begin_immediate() (which holds the write lock, so no
    /// other connection can commit meanwhile) that has not changed a row yet.
    bool another_connection_reads_the_same() const;
    /// Calls `on_commit` with the WAL's length in pages after each commit, in place of SQLite's
    /// automatic checkpoints (so the connection no longer checkpoints on its own); an empty
    /// function puts automatic checkpoints back. `on_commit` must not throw or use this
    /// connection.
    void on_wal_commit(std::function<void(int pages)> on_commit);
    const std::filesystem::path& path() const { return path_; }

  private:
    Database(sqlite3* db, std::filesystem::path path);
    // Opens with `flags` and the settings every connection here has (busy timeout, temp cache);
    // `purpose` completes the error message.
    static Database open_with(const std::filesystem::path& path, int flags,
                              std::string_view purpose);
    void close() noexcept;
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    // sqlite3_total_changes64 when begin_immediate() last began a transaction.
    std::optional<std::int64_t> changes_at_begin_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
    // On the heap: SQLite keeps its address, which must survive a move of the Database.
    std::unique_ptr<std::function<void(int)>> wal_hook_;
    // On the heap, like the hook: statements keep its address.
    std::unique_ptr<ConnectionTurn> turn_ = std::make_unique<ConnectionTurn>();
};

/// A prepared statement. Bind indexes start at 1, column indexes at 0.
class Statement {
  public:
    /// Prepared on `db`, entering `turn` (the connection's) for each call that reaches SQLite.
    Statement(sqlite3* db, ConnectionTurn& turn, std::string_view sql);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    /// Binds text without copying it: it must stay alive and unchanged until reset().
    Statement& bind_static(int index, std::string_view value);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_real(int index, double value);
    /// Binds the bytes as a BLOB (copied).
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind(int index, std::nullopt_t);
    Statement& bind(int index, const std::optional<std::string>& value);

    /// True while a row is available.
    bool step();
    /// Runs a statement that returns no rows.
    void run();
    void reset() noexcept;

    /// How many columns a row of the statement has.
    int column_count() const;
    bool is_null(int column) const;
    std::string text(int column) const;
    /// The column's text without a copy: valid until the next step() or reset().
    std::string_view text_view(int column) const;
    std::optional<std::string> optional_text(int column) const;
    /// The column's bytes as a BLOB, without a copy: valid until the next step() or reset().
    std::string_view blob_view(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;

  private:
    [[noreturn]] void fail() const;
    Statement& bind_text(int index, std::string_view value, void (*lifetime)(void*));
    sqlite3* db_;
    ConnectionTurn* turn_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

/// A cached statement (Database::cached) for one use, reset when the use ends, however it ends:
/// a statement left mid-result would hold its read snapshot until its next use. For the queries
/// every HTTP request runs, which would otherwise be parsed and planned each time.
class CachedUse {
  public:
    CachedUse(Database& db, const std::string& sql) : statement_(db.cached(sql)) {}
    CachedUse(const CachedUse&) = delete;
    CachedUse& operator=(const CachedUse&) = delete;
    ~CachedUse() { statement_.reset(); }
    Statement& operator*() { return statement_; }
    Statement* operator->() { return &statement_; }

  private:
    Statement& statement_;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called.
class Transaction {
  public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

  private:
    Database& db_;
    bool done_ = false;
};

/// A nestable unit of work, committed by commit() and undone on destruction otherwise. Inside a
/// transaction it is a SAVEPOINT of it; outside one it is its own BEGIN IMMEDIATE transaction, so
/// its first read already holds the write lock (a deferred transaction that reads, then writes,
/// can find another writer got there first).
class Savepoint {
  public:
    explicit Savepoint(Database& db);
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    ~Savepoint();
    void commit();

  private:
    Database& db_;
    bool nested_;
    bool done_ = false;
};

}  // namespace iro::store
