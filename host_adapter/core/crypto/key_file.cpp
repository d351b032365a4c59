#include "crypto/key_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>

#include "crypto/crypto.hpp"

namespace iro::auth {

bool create_key_file_if_missing(const std::filesystem::path& file, std::size_t bytes,
                                std::string_view trailer) {
    if (std::filesystem::exists(file)) {
        return false;
    }
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (errno == EEXIST) {
            return false;  // another process wrote it first: that key is the key
        }
        throw std::runtime_error("cannot create the key file " + file.string());
    }
    std::string text = random_hex(bytes) + "\n";
    if (!trailer.empty()) {
        text.append(trailer).append("\n");
    }
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) {
        std::filesystem::remove(file);
        throw std::runtime_error("cannot write the key file " + file.string());
    }
    return true;
}

std::string read_key_file(const std::filesystem::path& file, std::size_t bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::is_regular_file(status)) {
        throw std::runtime_error("there is no key file " + file.string());
    }
    using std::filesystem::perms;
    if ((status.permissions() & (perms::group_all | perms::others_all)) != perms::none) {
        throw std::runtime_error("the key file " + file.string() +
                                 " may be read by others: make it mode 0600 (chmod 600), and "
                                 "replace the key if others did read it");
    }
    std::ifstream in(file);
    std::string text;
    in >> text;
    if (text.size() != 2 * bytes ||
        text.find_first_not_of("0123456789abcdef") != std::string::npos) {
        throw std::runtime_error("the key file " + file.string() + " is damaged");
    }
    return text;
}

std::string load_or_create_key_file(const std::filesystem::path& file, std::size_t bytes) {
    create_key_file_if_missing(file, bytes);
    return read_key_file(file, bytes);
}

}  // namespace iro::auth
