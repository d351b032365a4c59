#include "common/executable_path.hpp"

namespace iro {

std::filesystem::path executable_path() {
    // The kernel's own answer, independent of argv[0] and the working directory.
    return std::filesystem::read_symlink("/proc/self/exe");
}

}  // namespace iro
