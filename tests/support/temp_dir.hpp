#pragma once
#include <filesystem>

namespace iro::test {

/// A fresh private directory (mode 0700) in the build tree's tmp/, removed with everything in it.
/// A host's control socket lives inside it, and a Unix socket's path has room for 107 bytes: in a
/// build tree whose path is too long to leave room for one, the directory is made under /tmp.
class TempDir {
  public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace iro::test
