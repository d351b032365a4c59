#pragma once
// Secrets kept in files of their own beside the store, never in it: the integration signing key,
// the panel's session key, the audit chain's key. Each is random hex, written once (mode 0600,
// O_EXCL so two processes never write two keys) and never changed.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace iro::auth {

/// Writes a new key of `bytes` random bytes to `file` unless it exists, followed by the line
/// `trailer` when one is given. True when this call wrote it. Throws std::runtime_error naming
/// the file when it cannot be written.
bool create_key_file_if_missing(const std::filesystem::path& file, std::size_t bytes,
                                std::string_view trailer = {});

/// The key in `file` (hex). Throws std::runtime_error naming the file when it is missing, not
/// `bytes` long, or readable by anyone but its owner (a key others can read keeps nothing).
std::string read_key_file(const std::filesystem::path& file, std::size_t bytes);

/// create_key_file_if_missing, then read_key_file.
std::string load_or_create_key_file(const std::filesystem::path& file, std::size_t bytes);

}  // namespace iro::auth
