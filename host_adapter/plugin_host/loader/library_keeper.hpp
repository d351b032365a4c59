#pragma once
// Opening plugin libraries. This and library_keeper.cpp are the only place the host uses
// Boost.DLL, so a Boost upgrade (import -> import_symbol in 1.75, std::shared_ptr in 1.88)
// touches one file.

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "iro/plugin_api/plugin.hpp"

namespace iro::loader {

/// dlopen or the entry-point lookup failed; the message carries the dynamic linker's reason.
class OpenFailure : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Keeps every library it opened mapped until the keeper itself is destroyed, at the very end of
/// main. A plugin is never unloaded while anything it created may still exist; disabling a module
/// stops and destroys its instance but leaves the code mapped. A new version needs a restart.
class LibraryKeeper {
  public:
    LibraryKeeper();
    LibraryKeeper(const LibraryKeeper&) = delete;
    LibraryKeeper& operator=(const LibraryKeeper&) = delete;
    ~LibraryKeeper();

    /// Opens `library` (absolute path) with RTLD_NOW | RTLD_LOCAL, so a missing symbol fails here
    /// rather than in the middle of a hook, and returns what its IRO_PLUGIN_ENTRY_POINT reports.
    /// Opening the same path again returns the mapping already held.
    const iro_plugin_descriptor& open(const std::filesystem::path& library);

  private:
    struct Libraries;
    std::unique_ptr<Libraries> libraries_;
};

}  // namespace iro::loader
