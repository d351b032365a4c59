#pragma once
// The product's version, defined in one file so that a version bump recompiles that file alone.

#include <string_view>

namespace iro {

/// The version of IRO Oversight this host was built as ("0.1.0"): the project version in CMake.
std::string_view product_version();

}  // namespace iro
