// The hand-written ELF reader that lists a module library's exported symbols before dlopen
// (loader/elf_preflight.hpp): headers, section table, dynamic symbols and their strings, from a
// file an administrator dropped in the plugin directory. Refusal is NotLoadable.
#include <cstdint>

#include "fuzz_support.hpp"
#include "loader/elf_preflight.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    const auto file = fuzz::scratch_dir() / "module.so";
    fuzz::write_file(file, fuzz::as_text(data, size));
    try {
        (void)loader::exported_symbols(file);
    } catch (const loader::NotLoadable&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
