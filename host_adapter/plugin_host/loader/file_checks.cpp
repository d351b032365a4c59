#include "loader/file_checks.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace iro::loader {

namespace {

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 07777U);
    return text;
}

std::optional<std::string> check_owner_and_mode(const std::filesystem::path& path,
                                                const struct stat& info, const char* what) {
    const uid_t self = geteuid();
    if (info.st_uid != 0 && info.st_uid != self) {
        return std::string(what) + " " + path.string() + " is owned by uid " +
               std::to_string(info.st_uid) + ", not by root or the host's user (uid " +
               std::to_string(self) + ")";
    }
    if ((info.st_mode & S_IWOTH) != 0) {
        return std::string(what) + " " + path.string() + " is world-writable (mode " +
               octal_mode(info.st_mode) + ")";
    }
    if ((info.st_mode & S_IWGRP) != 0) {
        return std::string(what) + " " + path.string() + " is group-writable (mode " +
               octal_mode(info.st_mode) + ")";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> unsafe_plugin_file(const std::filesystem::path& library) {
    if (!library.is_absolute()) {
        return "plugin path " + library.string() + " is not absolute";
    }
    struct stat info {};
    if (lstat(library.c_str(), &info) != 0) {
        return "plugin library " + library.string() +
               " cannot be examined: " + std::strerror(errno);
    }
    if (S_ISLNK(info.st_mode)) {
        return "plugin library " + library.string() +
               " is a symbolic link; install the file itself";
    }
    if (!S_ISREG(info.st_mode)) {
        return "plugin library " + library.string() + " is not a regular file";
    }
    if (auto problem = check_owner_and_mode(library, info, "plugin library")) {
        return problem;
    }
    const std::filesystem::path directory = library.parent_path();
    struct stat dir_info {};
    if (stat(directory.c_str(), &dir_info) != 0) {
        return "plugin directory " + directory.string() +
               " cannot be examined: " + std::strerror(errno);
    }
    return check_owner_and_mode(directory, dir_info, "plugin directory");
}

}  // namespace iro::loader
