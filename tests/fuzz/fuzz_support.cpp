#include "fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <typeinfo>

#include "store/migrations.hpp"

namespace iro::fuzz {

namespace fs = std::filesystem;

namespace {

// Removes the scratch directory when the process ends normally (libFuzzer exits through exit()).
struct Scratch {
    fs::path dir;
    Scratch() {
        dir = fs::temp_directory_path() / ("iro-fuzz-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
};

const std::string& migrated_template() {
    static const std::string image = [] {
        const fs::path file = scratch_dir() / "template.sqlite3";
        {
            auto db = store::Database::open(file);
            store::migrate(db, "2024-06-30T00:00:00Z");
        }
        return store_image(file);
    }();
    return image;
}

}  // namespace

const fs::path& scratch_dir() {
    static const Scratch scratch;
    return scratch.dir;
}

void write_file(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::map<std::string, std::string> split_files(std::string_view input) {
    constexpr std::string_view kMarker = "=== ";
    std::map<std::string, std::string> files;
    std::string* current = nullptr;
    std::size_t pos = 0;
    while (pos < input.size()) {
        const auto end = input.find('\n', pos);
        const auto stop = end == std::string_view::npos ? input.size() : end + 1;
        const auto line = input.substr(pos, stop - pos);
        if (line.substr(0, kMarker.size()) == kMarker) {
            auto name = std::string(line.substr(kMarker.size()));
            while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) {
                name.pop_back();
            }
            current = &files[name];
            current->clear();
        } else if (current != nullptr) {
            current->append(line);
        }
        pos = stop;
    }
    return files;
}

fs::path write_extract(std::string_view input) {
    fs::path dir = scratch_dir() / "extract";
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [name, text] : split_files(input)) {
        // Only plain names: the importers read a directory, and a name with a separator or a dot
        // path would write outside it.
        if (name.empty() || name.size() > 64 || name.find('/') != std::string::npos ||
            name.find('\0') != std::string::npos || name == "." || name == "..") {
            continue;
        }
        write_file(dir / name, text);
    }
    return dir;
}

store::Database fresh_store() {
    return fresh_store(migrated_template());
}

std::string store_image(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        throw std::runtime_error("cannot read " + file.string());
    }
    return bytes;
}

store::Database fresh_store(const std::string& image) {
    const fs::path file = scratch_dir() / "store.sqlite3";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(file.string() + suffix);
    }
    // Written through a stream, not fs::copy_file: libFuzzer's SIGALRM for -timeout is installed
    // without SA_RESTART, and copy_file gave up on the EINTR it caused (a 30-minute run stopped on
    // "cannot copy file: Interrupted system call"). The stream's writes are retried.
    write_file(file, image);
    auto db = store::Database::open(file);
    // A scratch store: no commit needs to reach the disk, and syncing would be most of the time.
    db.exec("PRAGMA synchronous=OFF");
    return db;
}

void undocumented(const std::exception& e) {
    std::fprintf(stderr, "undocumented exception escaped: %s: %s\n", typeid(e).name(), e.what());
    std::abort();
}

}  // namespace iro::fuzz
