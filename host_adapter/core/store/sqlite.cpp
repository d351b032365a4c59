#include "store/sqlite.hpp"

#include <spdlog/spdlog.h>

#include <utility>

namespace iro::store {

namespace {
constexpr int kDefaultAutocheckpointPages = 1000;  // SQLite's own default

std::string message(sqlite3* db, std::string_view what) {
    return std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory");
}
}  // namespace

ConnectionTurn::Inside::Inside(ConnectionTurn& turn, std::nothrow_t) noexcept : turn_(turn) {
    const auto self = std::this_thread::get_id();
    std::thread::id owner;
    entered_ = turn_.owner_.compare_exchange_strong(owner, self, std::memory_order_acquire) ||
               owner == self;
    if (entered_) {
        ++turn_.depth_;
    } else {
        spdlog::error(
            "event=connection_in_use detail=\"a store connection was used by two "
            "threads at once; the second was refused\"");
    }
}

ConnectionTurn::Inside::Inside(ConnectionTurn& turn) : Inside(turn, std::nothrow) {
    if (!entered_) {
        throw SqliteError(
            "the store connection is in use by another thread (a fault of the host: nothing was "
            "done)",
            SQLITE_MISUSE);
    }
}

ConnectionTurn::Inside::~Inside() {
    if (entered_ && --turn_.depth_ == 0) {
        turn_.owner_.store(std::thread::id{}, std::memory_order_release);
    }
}

void configure_sqlite() {
    // Fails harmlessly (SQLITE_MISUSE) once SQLite is initialised: the setting is an optimisation.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

Database Database::open_with(const std::filesystem::path& path, int flags,
                             std::string_view purpose) {
    sqlite3* db = nullptr;
    // Multi-thread mode: each connection is used by one thread at a time (readers are leased,
    // the writer is taken in turns), which ConnectionTurn enforces; SQLite's own per-call mutex
    // (serialized mode) would only add a lock to every row read.
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        std::string text =
            message(db, "cannot open database " + path.string() + std::string(purpose));
        sqlite3_close(db);
        throw SqliteError(text);
    }
    Database database(db, path);
    sqlite3_busy_timeout(db, 10000);
    // Import staging (and a scan's child list) lives in temporary tables: give them a bounded
    // cache, so a council-sized extract stays in memory while a larger one spills to a temporary
    // file instead of growing.
    database.exec("PRAGMA temp.cache_size=-16384");
    return database;
}

Database Database::open(const std::filesystem::path& path) {
    Database database = open_with(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "");
    // Larger pages for a new store (an existing one keeps its own): an import writes thousands
    // of rows in one transaction, and every page goes through the WAL and back, a system call
    // each way; 16 KiB pages make a quarter as many of them.
    database.exec("PRAGMA page_size=16384");
    database.exec("PRAGMA journal_mode=WAL");
    database.exec("PRAGMA foreign_keys=ON");
    database.exec("PRAGMA synchronous=NORMAL");
    return database;
}

Database Database::open_reader(const std::filesystem::path& path) {
    return open_with(path, SQLITE_OPEN_READONLY, " to read");
}

Database::Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      changes_at_begin_(other.changes_at_begin_),
      cache_(std::move(other.cache_)),
      wal_hook_(std::move(other.wal_hook_)),
      turn_(std::move(other.turn_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        changes_at_begin_ = other.changes_at_begin_;
        cache_ = std::move(other.cache_);
        wal_hook_ = std::move(other.wal_hook_);
        turn_ = std::move(other.turn_);
    }
    return *this;
}

Database::~Database() {
    close();
}

void Database::close() noexcept {
    if (db_ == nullptr) {
        return;
    }
    const ConnectionTurn::Inside inside(*turn_, std::nothrow);
    if (!inside) {
        return;  // left open rather than closed under another thread's call
    }
    cache_.clear();  // statements are finalized before their connection closes
    sqlite3_close(db_);
    db_ = nullptr;
    wal_hook_.reset();
}

void Database::on_wal_commit(std::function<void(int pages)> on_commit) {
    const ConnectionTurn::Inside inside(*turn_);
    if (!on_commit) {
        sqlite3_wal_autocheckpoint(db_, kDefaultAutocheckpointPages);
        wal_hook_.reset();
        return;
    }
    auto hook = std::make_unique<std::function<void(int)>>(std::move(on_commit));
    sqlite3_wal_hook(
        db_,
        [](void* self, sqlite3*, const char*, int pages) {
            (*static_cast<std::function<void(int)>*>(self))(pages);
            return SQLITE_OK;
        },
        hook.get());
    wal_hook_ = std::move(hook);
}

Statement& Database::cached(const std::string& sql) {
    const ConnectionTurn::Inside inside(*turn_);
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        it = cache_.emplace(sql, std::make_unique<Statement>(db_, *turn_, sql)).first;
    } else {
        it->second->reset();
    }
    return *it->second;
}

void Database::reset_statements() noexcept {
    const ConnectionTurn::Inside inside(*turn_, std::nothrow);
    if (!inside) {
        return;
    }
    for (auto& [sql, statement] : cache_) {
        statement->reset();
    }
}

void Database::exec(std::string_view sql) {
    const ConnectionTurn::Inside inside(*turn_);
    char* error = nullptr;
    const std::string text(sql);
    if (const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error); rc != SQLITE_OK) {
        std::string detail = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        throw SqliteError("SQL failed (" + detail + "): " + text.substr(0, 200), rc);
    }
}

Statement Database::prepare(std::string_view sql) {
    return Statement(db_, *turn_, sql);
}

std::int64_t Database::last_insert_rowid() const {
    const ConnectionTurn::Inside inside(*turn_);
    return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
    const ConnectionTurn::Inside inside(*turn_);
    return sqlite3_changes(db_);
}

bool Database::in_transaction() const {
    const ConnectionTurn::Inside inside(*turn_);
    return sqlite3_get_autocommit(db_) == 0;
}

void Database::begin_immediate() {
    const ConnectionTurn::Inside inside(*turn_);
    exec("BEGIN IMMEDIATE");
    changes_at_begin_ = sqlite3_total_changes64(db_);
}

bool Database::another_connection_reads_the_same() const {
    const ConnectionTurn::Inside inside(*turn_);
    if (!in_transaction()) {
        return true;
    }
    // The count only grows, so an earlier transaction's count that still matches means no row
    // has changed since, in this transaction either.
    return changes_at_begin_ && *changes_at_begin_ == sqlite3_total_changes64(db_);
}

Statement::Statement(sqlite3* db, ConnectionTurn& turn, std::string_view sql)
    : db_(db), turn_(&turn), sql_(sql) {
    const ConnectionTurn::Inside inside(*turn_);
    if (sqlite3_prepare_v2(db_, sql_.c_str(), static_cast<int>(sql_.size()), &stmt_, nullptr) !=
        SQLITE_OK) {
        throw SqliteError(message(db_, "cannot prepare \"" + sql_.substr(0, 120) + "\""),
                          sqlite3_extended_errcode(db_));
    }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      turn_(other.turn_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      sql_(std::move(other.sql_)) {}

Statement::~Statement() {
    if (stmt_ == nullptr) {
        return;
    }
    if (const ConnectionTurn::Inside inside(*turn_, std::nothrow); inside) {
        sqlite3_finalize(stmt_);
    }
}

void Statement::fail() const {
    throw SqliteError(message(db_, "statement \"" + sql_.substr(0, 120) + "\" failed"),
                      sqlite3_extended_errcode(db_));
}

Statement& Statement::bind_text(int index, std::string_view value, void (*lifetime)(void*)) {
    const ConnectionTurn::Inside inside(*turn_);
    // An empty view may have no data pointer, which SQLite would read as NULL.
    const int rc = sqlite3_bind_text(stmt_, index, value.empty() ? "" : value.data(),
                                     static_cast<int>(value.size()), lifetime);
    if (rc != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    return bind_text(index, value, SQLITE_TRANSIENT);
}

Statement& Statement::bind_static(int index, std::string_view value) {
    return bind_text(index, value, SQLITE_STATIC);
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    const ConnectionTurn::Inside inside(*turn_);
    const int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(),
                                       static_cast<sqlite3_uint64>(bytes.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    const ConnectionTurn::Inside inside(*turn_);
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bind_real(int index, double value) {
    const ConnectionTurn::Inside inside(*turn_);
    const int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
    const ConnectionTurn::Inside inside(*turn_);
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind(index, std::nullopt);
}

bool Statement::step() {
    const ConnectionTurn::Inside inside(*turn_);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail();
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() noexcept {
    const ConnectionTurn::Inside inside(*turn_, std::nothrow);
    if (!inside) {
        return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

// The column readers below do not enter the turn: they read the row step() left, and run once
// per column of every row read.

std::string_view Statement::text_view(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr) {
        return {};
    }
    return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::string_view Statement::blob_view(int column) const {
    const void* data = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr) {
        return {};
    }
    return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int Statement::column_count() const {
    return sqlite3_column_count(stmt_);
}

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr) {
        return {};
    }
    return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return text(column);
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

Transaction::Transaction(Database& db) : db_(db) {
    db_.begin_immediate();
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // The connection reports the original failure; a failed rollback adds nothing.
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

Savepoint::Savepoint(Database& db) : db_(db), nested_(db.in_transaction()) {
    if (nested_) {
        db_.exec("SAVEPOINT unit");
    } else {
        db_.begin_immediate();
    }
}

Savepoint::~Savepoint() {
    if (!done_) {
        try {
            db_.exec(nested_ ? "ROLLBACK TO unit; RELEASE unit" : "ROLLBACK");
        } catch (...) {
            // As for Transaction: the original failure is what matters.
        }
    }
}

void Savepoint::commit() {
    db_.exec(nested_ ? "RELEASE unit" : "COMMIT");
    done_ = true;
}

}  // namespace iro::store
