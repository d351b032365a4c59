#pragma once
#include <filesystem>
#include <string>

namespace iro::test {

/// The whole of a file, as bytes; empty when it cannot be read.
std::string read_text(const std::filesystem::path& file);

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
