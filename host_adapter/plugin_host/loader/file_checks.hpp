#pragma once
// Before any plugin file is read as code: it must be a regular file, owned by root or by the
// user the host runs as, and neither it nor its directory may be writable by group or others.

#include <filesystem>
#include <optional>
#include <string>

namespace iro::loader {

/// Why the host must not load `library` (an absolute path), or nullopt when it may.
std::optional<std::string> unsafe_plugin_file(const std::filesystem::path& library);

}  // namespace iro::loader
