#include "host/module_run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

namespace iro::host {

namespace {

int open_lock_file(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "modules.lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
    }
    return fd;
}

// flock, retried when a signal interrupts the wait. True when taken.
bool lock(int fd, int operation) {
    for (;;) {
        if (::flock(fd, operation) == 0) {
            return true;
        }
        if (errno == EWOULDBLOCK) {
            return false;
        }
        if (errno != EINTR) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            throw std::runtime_error("cannot lock the module lock file: " + reason);
        }
    }
}

}  // namespace

ModuleRunLock ModuleRunLock::wait(const std::filesystem::path& data_dir) {
    const int fd = open_lock_file(data_dir);
    lock(fd, LOCK_EX);
    return ModuleRunLock(fd);
}

std::optional<ModuleRunLock> ModuleRunLock::try_take(const std::filesystem::path& data_dir) {
    const int fd = open_lock_file(data_dir);
    if (!lock(fd, LOCK_EX | LOCK_NB)) {
        ::close(fd);
        return std::nullopt;
    }
    return ModuleRunLock(fd);
}

ModuleRunLock::ModuleRunLock(ModuleRunLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

ModuleRunLock& ModuleRunLock::operator=(ModuleRunLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

ModuleRunLock::~ModuleRunLock() {
    if (fd_ >= 0) {
        ::close(fd_);  // releases the lock
    }
}

}  // namespace iro::host
