#include "loader/library_keeper.hpp"

#include <boost/dll/shared_library.hpp>
#include <map>

namespace iro::loader {

namespace {

// Boost 1.74 words a load failure as "...load() failed (dlerror system message: <text>): <errno
// text>"; the errno part is stale noise, the dynamic linker's text is the reason.
std::string linker_reason(const std::string& what) {
    const std::string marker = "dlerror system message: ";
    auto start = what.find(marker);
    if (start == std::string::npos) {
        return what;
    }
    start += marker.size();
    auto end = what.rfind("): ");
    if (end == std::string::npos || end < start) {
        end = what.size();
    }
    return what.substr(start, end - start);
}

}  // namespace

struct LibraryKeeper::Libraries {
    std::map<std::filesystem::path, boost::dll::shared_library> by_path;
};

LibraryKeeper::LibraryKeeper() : libraries_(std::make_unique<Libraries>()) {}

LibraryKeeper::~LibraryKeeper() = default;

const iro_plugin_descriptor& LibraryKeeper::open(const std::filesystem::path& library) {
    if (!library.is_absolute()) {
        // Boost 1.74 prepends "./" to bare names; only absolute paths say exactly which file.
        throw OpenFailure("refusing to open relative path " + library.string());
    }
    auto it = libraries_->by_path.find(library);
    if (it == libraries_->by_path.end()) {
        boost::dll::shared_library opened;
        try {
            // The throwing overload: 1.74 only appends dlerror()'s text on that path.
            opened.load(boost::dll::fs::path(library.string()),
                        boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
        } catch (const std::exception& e) {
            throw OpenFailure("the dynamic linker refused it: " + linker_reason(e.what()));
        }
        it = libraries_->by_path.emplace(library, std::move(opened)).first;
    }
    boost::dll::shared_library& lib = it->second;
    if (!lib.has(IRO_PLUGIN_ENTRY_POINT)) {
        throw OpenFailure("it does not export " IRO_PLUGIN_ENTRY_POINT);
    }
    const iro_plugin_descriptor* descriptor = nullptr;
    try {
        descriptor = lib.get<const iro_plugin_descriptor*()>(IRO_PLUGIN_ENTRY_POINT)();
    } catch (const std::exception& e) {
        throw OpenFailure(std::string("its entry point failed: ") + e.what());
    }
    if (descriptor == nullptr) {
        throw OpenFailure(IRO_PLUGIN_ENTRY_POINT " returned no descriptor");
    }
    return *descriptor;
}

}  // namespace iro::loader
