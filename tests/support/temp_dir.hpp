#pragma once
#include <filesystem>

namespace iro::test {

/// A fresh private directory (mode 0700) under /tmp, removed with everything in it. Kept short so
/// Unix socket paths inside it fit.
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
