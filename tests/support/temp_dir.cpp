#include "support/temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace iro::test {

namespace {
// What the deepest socket path a test makes adds to the directory's own (the sandbox's data
// directory and the socket's name), with room to spare.
constexpr std::size_t kRoomForSockets = 56;
constexpr std::size_t kSocketPathRoom = 107;
}  // namespace

TempDir::TempDir() {
    const std::filesystem::path build_tmp = IRO_TEST_TMP_DIR;
    std::string pattern =
        (build_tmp.string().size() + kRoomForSockets <= kSocketPathRoom ? build_tmp.string()
                                                                        : std::string("/tmp")) +
        "/iro-XXXXXX";
    std::filesystem::create_directories(std::filesystem::path(pattern).parent_path());
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace iro::test
