#include "store/store_template.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

namespace iro::store {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

// Closes the descriptor and removes the half-made file unless it was moved into place.
struct PendingFile {
    explicit PendingFile(fs::path file) : path(std::move(file)) {}
    fs::path path;
    int fd = -1;
    bool placed = false;
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;
    ~PendingFile() {
        if (fd >= 0) {
            ::close(fd);
        }
        if (!placed) {
            ::unlink(path.c_str());
        }
    }
};

void write_all(int fd, std::string_view bytes, const fs::path& path) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("cannot write " + path.string());
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Moves `from` to `to` only if `to` does not exist; false when it does.
bool place(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
        return true;
    }
    if (errno == EEXIST) {
        return false;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        fail("cannot move " + from.string() + " to " + to.string());
    }
    // A file system without RENAME_NOREPLACE: a hard link is just as exclusive.
    if (::link(from.c_str(), to.c_str()) != 0) {
        if (errno == EEXIST) {
            return false;
        }
        fail("cannot link " + from.string() + " to " + to.string());
    }
    ::unlink(from.c_str());
    return true;
}

void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) {
            ::close(fd);
        }
        fail("cannot sync " + dir.string());
    }
    ::close(fd);
}

}  // namespace

bool create_store_from_template(const fs::path& path, std::string_view applied_at) {
    if (applied_at.size() != kTemplateAppliedAt.size() || applied_at.back() != 'Z') {
        throw std::invalid_argument("applied_at '" + std::string(applied_at) +
                                    "' is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
    }
    std::error_code ec;
    if (fs::symlink_status(path, ec).type() != fs::file_type::not_found) {
        return false;  // a store (or something else the caller will report) is already there
    }
    const TemplateImage& image = store_template_image();
    std::string bytes(image.size, '\0');
    for (const TemplateRun& run : image.runs) {
        bytes.replace(run.offset, run.bytes.size(), run.bytes);
    }
    for (const std::size_t offset : image.applied_at) {
        bytes.replace(offset, applied_at.size(), applied_at);
    }

    PendingFile pending(path.string() + ".creating-" + std::to_string(::getpid()));
    // Our process id makes the name ours: a file already there is left from a crash.
    pending.fd =
        ::open(pending.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (pending.fd < 0) {
        pending.placed = true;  // nothing to remove
        fail("cannot create " + pending.path.string());
    }
    write_all(pending.fd, bytes, pending.path);
    if (::fdatasync(pending.fd) != 0) {
        fail("cannot sync " + pending.path.string());
    }
    if (!place(pending.path, path)) {
        return false;  // another process created the store meanwhile: use theirs
    }
    pending.placed = true;
    sync_directory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
    return true;
}

}  // namespace iro::store
