#pragma once
// The audit chain's key. Each entry's hash is an HMAC under a secret kept outside the store
// (audit-chain.key in the data directory, mode 0600), so whoever can write the store file alone
// can neither recompute the chain after removing entries nor forge one at the end. Entries
// written before the key existed keep their plain SHA-256 (the file records where keying began).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "store/sqlite.hpp"

namespace iro::audit {

struct ChainKey {
    std::string secret;           ///< hex
    std::int64_t keyed_from = 1;  ///< the first entry hashed with the key
};

/// <data_dir>/audit-chain.key
std::filesystem::path chain_key_path(const std::filesystem::path& data_dir);

/// The key of the store in `data_dir`, created on first use to key entries from the next one
/// `db` (that store, with its write lock held by the caller) appends.
ChainKey load_or_create_chain_key(const std::filesystem::path& data_dir, store::Database& db);

/// The key if there is one; verifying never creates one. Throws std::runtime_error naming the
/// file when it is damaged or readable by others.
std::optional<ChainKey> read_chain_key(const std::filesystem::path& data_dir);

}  // namespace iro::audit
