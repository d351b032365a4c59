#pragma once
// One process runs a data directory's modules at a time: the serving host for as long as it
// serves, or, when none serves, the one command that runs them itself. Each holds an exclusive
// lock on <data_dir>/modules.lock (flock). The kernel releases it when the process ends, so a
// crash never leaves it held.

#include <filesystem>
#include <optional>

namespace iro::host {

/// The lock, held while this object lives. Move-only.
class ModuleRunLock {
  public:
    /// Takes the lock, waiting while another process holds it.
    static ModuleRunLock wait(const std::filesystem::path& data_dir);
    /// Takes the lock when no other process holds it; nullopt when one does.
    static std::optional<ModuleRunLock> try_take(const std::filesystem::path& data_dir);

    ModuleRunLock(ModuleRunLock&& other) noexcept;
    ModuleRunLock& operator=(ModuleRunLock&& other) noexcept;
    ModuleRunLock(const ModuleRunLock&) = delete;
    ModuleRunLock& operator=(const ModuleRunLock&) = delete;
    ~ModuleRunLock();

  private:
    explicit ModuleRunLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace iro::host
