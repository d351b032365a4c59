#include "loader/elf_preflight.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace iro::loader {

namespace {

#if defined(__x86_64__)
constexpr int kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int kMachine = EM_AARCH64;
#else
#error "add this architecture's ELF machine"
#endif

// Plugin libraries are a few MB; anything far larger is not one of ours.
constexpr std::uintmax_t kMaxLibraryBytes = 512ULL * 1024 * 1024;

class Image {
  public:
    Image(std::vector<char> bytes, std::string name)
        : bytes_(std::move(bytes)), name_(std::move(name)) {}

    template <class T>
    T read(std::uint64_t offset) const {
        if (offset > bytes_.size() || bytes_.size() - offset < sizeof(T)) {
            throw NotLoadable(name_ + " is truncated or corrupt (read past the end at offset " +
                              std::to_string(offset) + ")");
        }
        T value;
        std::memcpy(&value, bytes_.data() + offset, sizeof(T));
        return value;
    }

    std::string c_string(std::uint64_t table_offset, std::uint64_t table_size,
                         std::uint64_t index) const {
        if (index >= table_size || table_offset > bytes_.size() ||
            bytes_.size() - table_offset < table_size) {
            throw NotLoadable(name_ + " has a corrupt string table");
        }
        const char* begin = bytes_.data() + table_offset + index;
        const char* end = bytes_.data() + table_offset + table_size;
        const void* nul = std::memchr(begin, '\0', static_cast<std::size_t>(end - begin));
        if (nul == nullptr) {
            throw NotLoadable(name_ + " has an unterminated string table");
        }
        return {begin, static_cast<const char*>(nul)};
    }

    std::size_t size() const { return bytes_.size(); }
    const std::string& name() const { return name_; }

  private:
    std::vector<char> bytes_;
    std::string name_;
};

std::string printable_prefix(const std::vector<char>& bytes) {
    std::string text;
    for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) {
        const char c = bytes[i];
        text += (c >= 32 && c < 127) ? c : '.';
    }
    return text;
}

}  // namespace

std::vector<std::string> exported_symbols(const std::filesystem::path& library) {
    const std::string name = library.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(library, ec);
    if (ec) {
        throw NotLoadable(name + " cannot be read: " + ec.message());
    }
    if (size > kMaxLibraryBytes) {
        throw NotLoadable(name + " is " + std::to_string(size) + " bytes, too large for a plugin");
    }
    std::ifstream in(library, std::ios::binary);
    // One read of the whole file: every CLI command that loads modules pays for this.
    std::vector<char> bytes(static_cast<std::size_t>(size));
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        throw NotLoadable(name + " cannot be read");
    }
    if (bytes.size() < EI_NIDENT || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0) {
        throw NotLoadable(name + " is not a shared library (not an ELF file; it starts with \"" +
                          printable_prefix(bytes) + "\")");
    }
    if (bytes[EI_CLASS] != ELFCLASS64) {
        throw NotLoadable(name + " is a 32-bit ELF file; the host is 64-bit");
    }
    if (bytes[EI_DATA] != ELFDATA2LSB) {
        throw NotLoadable(name + " is a big-endian ELF file; the host is little-endian");
    }
    const Image image(std::move(bytes), name);
    const auto header = image.read<Elf64_Ehdr>(0);
    if (header.e_type != ET_DYN) {
        throw NotLoadable(name + " is an ELF file but not a shared object (e_type " +
                          std::to_string(header.e_type) + ")");
    }
    if (header.e_machine != kMachine) {
        throw NotLoadable(name + " is built for ELF machine " + std::to_string(header.e_machine) +
                          ", not this host's (" + std::to_string(kMachine) + ")");
    }
    if (header.e_shentsize != sizeof(Elf64_Shdr)) {
        throw NotLoadable(name + " has an unexpected section header size");
    }

    std::vector<std::string> symbols;
    for (std::uint16_t i = 0; i < header.e_shnum; ++i) {
        const auto section = image.read<Elf64_Shdr>(header.e_shoff + i * sizeof(Elf64_Shdr));
        if (section.sh_type != SHT_DYNSYM) {
            continue;
        }
        if (section.sh_link >= header.e_shnum) {
            throw NotLoadable(name + " has a .dynsym section linked to a missing string table");
        }
        const auto strings =
            image.read<Elf64_Shdr>(header.e_shoff + section.sh_link * sizeof(Elf64_Shdr));
        const std::uint64_t count = section.sh_size / sizeof(Elf64_Sym);
        for (std::uint64_t s = 1; s < count; ++s) {
            const auto sym = image.read<Elf64_Sym>(section.sh_offset + s * sizeof(Elf64_Sym));
            const unsigned binding = ELF64_ST_BIND(sym.st_info);
            const bool defined = sym.st_shndx != SHN_UNDEF;
            const bool visible = ELF64_ST_VISIBILITY(sym.st_other) == STV_DEFAULT;
            if (defined && visible && (binding == STB_GLOBAL || binding == STB_WEAK)) {
                symbols.push_back(image.c_string(strings.sh_offset, strings.sh_size, sym.st_name));
            }
        }
    }
    return symbols;
}

}  // namespace iro::loader
