#pragma once
// The command line's exit codes, and its one table from the kinds of iro::Error to them
// (core/error.hpp). 0 done; 1 failed; 2 bad usage (CLI11's own); 3 refused: nothing changed.

#include "common/error.hpp"

namespace iro::cli {

inline constexpr int kExitFailed = 1;
inline constexpr int kExitRefused = 3;

/// kExitRefused for a refusal (invalid, forbidden, not found, conflict), kExitFailed otherwise.
int exit_code(ErrorKind kind);

}  // namespace iro::cli
