#pragma once
// A new store written from an image of the latest schema, instead of built by running every
// migration: eleven migrations took 20 to 35 ms of a first import (SQLite parses the schema again
// after each statement that changes it), writing the image takes a few.

#include <cstddef>
#include <filesystem>
#include <span>
#include <string_view>

namespace iro::store {

/// A run of non-zero bytes of the image, at `offset` in the file.
struct TemplateRun {
    std::size_t offset;
    std::string_view bytes;
};

/// The database file that running every migration on an empty store gives, as the build made it
/// (host_adapter/core/store/store_template_generator.cpp): its length, its non-zero runs, and where
/// each migration's `applied_at` is, so a new store records its own time.
struct TemplateImage {
    std::size_t size;
    int version;  ///< the schema version (PRAGMA user_version) it holds
    std::span<const TemplateRun> runs;
    std::span<const std::size_t> applied_at;  ///< offsets of kTemplateAppliedAt in the file
};

/// The stand-in `applied_at` the generator migrates with; the same length as a real one.
inline constexpr std::string_view kTemplateAppliedAt = "0000-00-00T00:00:00Z";

/// The image this build carries (generated at build time).
const TemplateImage& store_template_image();

/// Creates the store file at `path` from the image when nothing is there, with `applied_at`
/// (UTC, "YYYY-MM-DDTHH:MM:SSZ") as each migration's time, and returns whether it did. The file
/// is written beside `path`, synced, and moved into place only if `path` is still free, so a
/// crash leaves no store or a whole one, and of two processes creating it at once one wins and
/// the other opens the winner's. Throws std::system_error when the file cannot be written and
/// std::invalid_argument when `applied_at` is not a timestamp of that form.
bool create_store_from_template(const std::filesystem::path& path, std::string_view applied_at);

}  // namespace iro::store
