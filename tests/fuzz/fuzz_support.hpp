#pragma once
// What the fuzz targets share: a scratch directory of the process's own, files written from the
// fuzzer's bytes, a fresh migrated store per input, and the rule for what a target may throw.
//
// Every target feeds the production entry point the bytes a council's file or a client would send.
// An input the code refuses with its documented error is a pass; a crash, a sanitizer report, a
// leak, or any other exception escaping is a defect (the host answers those with a 500 or a
// generic failure, not with the file, line and column the user needs).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "store/sqlite.hpp"

namespace iro::fuzz {

/// This process's scratch directory: under $TMPDIR (the fuzz script sets it inside the build
/// tree), made on first use and removed at exit.
const std::filesystem::path& scratch_dir();

/// Writes `bytes` to `path`, replacing it.
void write_file(const std::filesystem::path& path, std::string_view bytes);

/// The input as bytes.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// An input that stands for several files: each starts with a line "=== NAME" and runs to the
/// next such line. Text before the first marker is ignored; a repeated name keeps the last.
std::map<std::string, std::string> split_files(std::string_view input);

/// Writes the files of `input` (split_files) into a new empty directory and returns it.
std::filesystem::path write_extract(std::string_view input);

/// A migrated store with nothing in it, new for each call (copied from one migrated at start),
/// not synced to disk.
store::Database fresh_store();

/// The bytes of a closed store file: a target's own starting state, made once.
std::string store_image(const std::filesystem::path& file);

/// A store written from `image` (store_image), new for each call, not synced to disk.
store::Database fresh_store(const std::string& image);

/// Ends the process with the exception's type and message: an undocumented exception escaped.
[[noreturn]] void undocumented(const std::exception& e);

}  // namespace iro::fuzz
