#pragma once
// Which modules a process was loading and starting when it ended. A module whose library,
// factory or start() kills the process (abort, a segfault, exit) would otherwise do it again at
// every start: under systemd the service would restart into the same crash forever. A marker file
// per module and process is written before the library is opened and removed once start()
// returns; the next process that finds one left by a process that is gone knows why it is gone.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

namespace iro::modules {

class StartMarkers {
  public:
    /// Markers live in `directory` (made when first needed); an empty path keeps none.
    explicit StartMarkers(std::filesystem::path directory) : directory_(std::move(directory)) {}

    /// Present while a module is being loaded and started by this process.
    class Guard {
      public:
        Guard() = default;
        explicit Guard(std::filesystem::path file) : file_(std::move(file)) {}
        Guard(Guard&& other) noexcept : file_(std::exchange(other.file_, {})) {}
        Guard& operator=(Guard&&) = delete;
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
        ~Guard();

      private:
        std::filesystem::path file_;
    };

    /// Writes (and syncs) the marker for `module_id` in this process, saying `at` (UTC), before
    /// its library is opened. Throws std::runtime_error when it cannot be written: a start that
    /// could not be traced is not attempted.
    Guard starting(const std::string& module_id, const std::string& at) const;

    /// When a process that has ended left a marker for `module_id`, the time it was written (UTC,
    /// as the marker says); its markers are removed. Markers of processes still running (another
    /// iro-host loading the same module now) are left alone.
    std::optional<std::string> crashed_start(const std::string& module_id) const;

  private:
    std::filesystem::path directory_;
};

}  // namespace iro::modules
