#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "loader/elf_preflight.hpp"
#include "loader/file_checks.hpp"
#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro::loader {
namespace {

using testing::Contains;
using testing::HasSubstr;
namespace fs = std::filesystem;

std::string preflight_error(const fs::path& path) {
    try {
        exported_symbols(path);
    } catch (const NotLoadable& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(ElfPreflight, FindsTheEntryPointOfARealPlugin) {
    const auto symbols = exported_symbols(test::probe_plugin_dir() / "probe_good.so");
    EXPECT_THAT(symbols, Contains("iro_plugin_descriptor_v1"));
}

TEST(ElfPreflight, FindsTheEntryPointAfterStrip) {
    // Packaged libraries are stripped; .symtab goes, .dynsym stays.
    test::TempDir dir;
    const auto stripped = dir.path() / "stripped.so";
    const auto result = test::run_command({"/usr/bin/strip", "--strip-all", "-o", stripped.string(),
                                           (test::probe_plugin_dir() / "probe_good.so").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(exported_symbols(stripped), Contains("iro_plugin_descriptor_v1"));
}

TEST(ElfPreflight, RejectsWhatIsNotALoadableLibrary) {
    test::TempDir dir;
    std::ofstream(dir.path() / "text.so") << "#!/bin/sh\necho hi\n";
    EXPECT_THAT(
        preflight_error(dir.path() / "text.so"),
        HasSubstr("is not a shared library (not an ELF file; it starts with \"#!/bin/s\")"));

    std::ofstream(dir.path() / "empty.so").close();
    EXPECT_THAT(preflight_error(dir.path() / "empty.so"), HasSubstr("not an ELF file"));

    // The first 100 bytes of a real library: a valid header whose sections lie past the end.
    std::ifstream real(test::probe_plugin_dir() / "probe_good.so", std::ios::binary);
    std::string head(100, '\0');
    real.read(head.data(), 100);
    std::ofstream(dir.path() / "truncated.so", std::ios::binary) << head;
    EXPECT_THAT(preflight_error(dir.path() / "truncated.so"), HasSubstr("truncated or corrupt"));

    // An executable is ELF but not ET_DYN... unless it is PIE; /bin/true on Debian is PIE, so
    // use a relocatable object instead.
    std::string object = head;
    object[16] = 1;  // e_type = ET_REL
    object[17] = 0;
    std::ofstream(dir.path() / "object.so", std::ios::binary) << object;
    EXPECT_THAT(preflight_error(dir.path() / "object.so"), HasSubstr("not a shared object"));

    std::string wrong_class = head;
    wrong_class[4] = 1;  // ELFCLASS32
    std::ofstream(dir.path() / "elf32.so", std::ios::binary) << wrong_class;
    EXPECT_THAT(preflight_error(dir.path() / "elf32.so"), HasSubstr("32-bit ELF file"));
}

class FileChecksTest : public testing::Test {
  protected:
    FileChecksTest() {
        fs::create_directory(dir.path() / "plugins");
        chmod((dir.path() / "plugins").c_str(), 0755);
        std::ofstream(library()) << "x";
        chmod(library().c_str(), 0644);
    }
    fs::path library() const { return dir.path() / "plugins" / "m.so"; }
    test::TempDir dir;
};

TEST_F(FileChecksTest, SafeFileIsAccepted) {
    EXPECT_EQ(unsafe_plugin_file(library()), std::nullopt);
}

TEST_F(FileChecksTest, WritableByOthersIsRefused) {
    chmod(library().c_str(), 0664);
    EXPECT_THAT(*unsafe_plugin_file(library()), HasSubstr("m.so is group-writable (mode 0664)"));
    chmod(library().c_str(), 0646);
    EXPECT_THAT(*unsafe_plugin_file(library()), HasSubstr("m.so is world-writable (mode 0646)"));
    chmod(library().c_str(), 0644);
    chmod((dir.path() / "plugins").c_str(), 0777);
    EXPECT_THAT(*unsafe_plugin_file(library()), HasSubstr("plugin directory"));
    EXPECT_THAT(*unsafe_plugin_file(library()), HasSubstr("world-writable (mode 0777)"));
}

TEST_F(FileChecksTest, SymlinksRelativePathsAndMissingFilesAreRefused) {
    const auto link = dir.path() / "plugins" / "link.so";
    fs::create_symlink(library(), link);
    EXPECT_THAT(*unsafe_plugin_file(link), HasSubstr("is a symbolic link"));
    EXPECT_THAT(*unsafe_plugin_file("plugins/m.so"), HasSubstr("is not absolute"));
    EXPECT_THAT(*unsafe_plugin_file(dir.path() / "plugins" / "gone.so"),
                HasSubstr("cannot be examined"));
}

TEST_F(FileChecksTest, FileOfAnotherUserIsRefused) {
    if (geteuid() != 0) {
        GTEST_SKIP() << "changing a file's owner needs root";
    }
    ASSERT_EQ(chown(library().c_str(), 65534, 65534), 0);
    EXPECT_THAT(*unsafe_plugin_file(library()), HasSubstr("is owned by uid 65534"));
}

}  // namespace
}  // namespace iro::loader
