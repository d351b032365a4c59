#include "modules/start_markers.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace iro::modules {

namespace fs = std::filesystem;

namespace {

/// "<module id>.<pid>": the module ids are lower-case words joined by hyphens (the manifest
/// schema), so the last dot separates them.
std::optional<pid_t> pid_of(const fs::path& file, const std::string& module_id) {
    const std::string name = file.filename().string();
    if (name.size() <= module_id.size() + 1 || name.compare(0, module_id.size(), module_id) != 0 ||
        name[module_id.size()] != '.') {
        return std::nullopt;
    }
    try {
        std::size_t used = 0;
        const std::string digits = name.substr(module_id.size() + 1);
        const long pid = std::stol(digits, &used);
        if (used == digits.size() && pid > 0) {
            return static_cast<pid_t>(pid);
        }
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

bool process_alive(pid_t pid) {
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

StartMarkers::Guard::~Guard() {
    if (!file_.empty()) {
        std::error_code ignored;
        fs::remove(file_, ignored);
    }
}

StartMarkers::Guard StartMarkers::starting(const std::string& module_id,
                                           const std::string& at) const {
    if (directory_.empty()) {
        return Guard();
    }
    std::error_code ec;
    fs::create_directories(directory_, ec);
    const fs::path file = directory_ / (module_id + "." + std::to_string(::getpid()));
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot write the start marker " + file.string() + ": " +
                                 std::strerror(errno));
    }
    // On disk before the module's code runs: the point is to outlive a crash.
    const bool written =
        ::write(fd, at.data(), at.size()) == static_cast<ssize_t>(at.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        fs::remove(file, ec);
        throw std::runtime_error("cannot write the start marker " + file.string());
    }
    return Guard(file);
}

std::optional<std::string> StartMarkers::crashed_start(const std::string& module_id) const {
    std::error_code ec;
    if (directory_.empty() || !fs::is_directory(directory_, ec)) {
        return std::nullopt;
    }
    std::optional<std::string> when;
    for (const auto& item : fs::directory_iterator(directory_, ec)) {
        const auto pid = pid_of(item.path(), module_id);
        if (!pid || *pid == ::getpid() || process_alive(*pid)) {
            continue;
        }
        std::ifstream in(item.path());
        std::string written;
        std::getline(in, written);
        when = written.empty() ? "an unknown time" : written;
        fs::remove(item.path(), ec);
    }
    return when;
}

}  // namespace iro::modules
