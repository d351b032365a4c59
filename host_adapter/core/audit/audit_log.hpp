#pragma once
// The audit log: every read of a child's data and every change, refusals included, appended to a
// table the store's triggers keep append-only. Each entry carries the hash of the one before,
// keyed with a secret kept outside the store (audit/chain_key.hpp), so `verify` finds an entry
// edited, removed, moved or forged even by someone who bypasses the triggers with the file
// itself; and checked against heads recorded elsewhere (anchors: the service writes the head to
// its journal at start, every ten minutes and at stop), entries removed from the end too.
// Entries hold ids and outcomes, never a child's name or a token.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/chain_key.hpp"
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

/// The hash an entry must carry: HMAC-SHA256 under `key` over its sequence number, fields and
/// previous hash; plain SHA-256 for an entry written before the key (or with no key).
std::string entry_hash(std::int64_t seq, const NewEntry& fields, const std::string& prev_hash,
                       const ChainKey* key);

/// Appends one entry, chained to the last; serialised with every other writer of the store.
Entry append(store::Database& db, const ChainKey& key, const NewEntry& entry);

/// append() with the key of the store `db` is (audit-chain.key beside it; created on first use).
Entry append(store::Database& db, const NewEntry& entry);

/// The last entry's sequence number and hash (0 and the genesis hash when there is none).
std::pair<std::int64_t, std::string> head(store::Database& db);

struct VerifyReport {
    std::int64_t entries = 0;
    std::int64_t head_seq = 0;
    std::string head_hash{kGenesisHash};
    std::vector<std::string> problems;  ///< empty: the chain is whole
    std::int64_t first_broken = 0;      ///< the first entry that breaks (0: none)
};

/// Walks the whole chain with `key` (none: only entries from before keying can be checked).
/// Each anchor ("SEQ:HASH", as an earlier verify or the service's journal gave it) must still be
/// there with that hash: this also catches entries removed from the end.
VerifyReport verify(store::Database& db, const std::optional<ChainKey>& key,
                    const std::vector<std::string>& anchors = {});

/// The anchors ("SEQ:HASH") in `text`: lines holding "head=SEQ:HASH" (the service's
/// event=audit_anchor journal lines) or a bare "SEQ:HASH" each.
std::vector<std::string> parse_anchors(const std::string& text);

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
