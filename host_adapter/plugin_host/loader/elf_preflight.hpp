#pragma once
// Reads a shared library's dynamic symbol table from the file, without mapping or running it.
// Boost 1.74's library_info reads .symtab, which `strip` removes (every packaged library is
// stripped), and its bounds checks are disabled; this reader uses .dynsym, which the dynamic linker
// itself needs, and checks every offset.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace iro::loader {

/// The file is not a shared library this host can load; the message says how.
class NotLoadable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Names of the global, default-visibility symbols the library defines. Throws NotLoadable for a
/// file that is not an ELF shared object for this machine.
std::vector<std::string> exported_symbols(const std::filesystem::path& library);

}  // namespace iro::loader
