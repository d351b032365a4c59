#pragma once
// The audit log: every read of a child's data and every change, refusals included, appended to a
// table the store's triggers keep append-only. Each entry carries the hash of the one before, so
// `verify_audit` finds an entry edited, removed or moved even by someone who bypasses the
// triggers with the file itself. Entries hold ids and outcomes, never a child's name or a token.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace iro::audit {

struct NewEntry {
    std::string at;          ///< UTC timestamp
    std::string actor;       ///< user or integration id
    std::string role;        ///< the role acted through; "none" when refused before one applied
    std::string action;      ///< e.g. "GET /api/v1/children/{id}/prompts", "audit verify"
    std::string child_id;    ///< empty when no child is concerned
    std::string request_id;  ///< the HTTP request id, or the CLI invocation's
    std::string outcome;     ///< "allowed", "refused:403", "failed:500", ...
    std::string detail;      ///< a short reason; ids only
};

struct Entry {
    std::int64_t seq = 0;
    NewEntry fields;
    std::string prev_hash;
    std::string hash;
};

/// The previous-hash of the first entry.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash an entry must carry: SHA-256 over its sequence number, fields and previous hash.
std::string entry_hash(std::int64_t seq, const NewEntry& fields, const std::string& prev_hash);

/// Appends one entry, chained to the last; serialised with every other writer of the store.
Entry append(store::Database& db, const NewEntry& entry);

struct VerifyReport {
    std::int64_t entries = 0;
    std::int64_t head_seq = 0;
    std::string head_hash{kGenesisHash};
    std::vector<std::string> problems;  ///< empty: the chain is whole
};

/// Walks the whole chain. `expected_head` ("SEQ:HASH", as an earlier verify printed it) also
/// catches entries removed from the end.
VerifyReport verify(store::Database& db, const std::optional<std::string>& expected_head);

struct Query {
    std::string child_id;
    std::string actor;
    std::string from;  ///< YYYY-MM-DD, inclusive
    std::string to;    ///< YYYY-MM-DD, inclusive
    std::size_t limit = 1000;
};

/// Entries matching every given criterion, oldest first.
std::vector<Entry> search(store::Database& db, const Query& query);

}  // namespace iro::audit
