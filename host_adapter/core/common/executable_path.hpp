#pragma once
// Where the running executable is: the host finds its plugins and its configuration relative to
// it, so one binary works in the build tree, in a staged install and installed by the packages.

#include <filesystem>

namespace iro {

/// Absolute path of the running executable (Linux's /proc/self/exe, symbolic links resolved).
std::filesystem::path executable_path();

}  // namespace iro
