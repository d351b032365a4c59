#include "net/curl_library.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace iro::net {

namespace {

// The soname of Debian's libcurl4 (and of every libcurl since 7.16).
constexpr const char* kLibrary = "libcurl.so.4";

template <typename Function>
void bind(void* library, const char* name, Function& function) {
    void* symbol = dlsym(library, name);
    if (symbol == nullptr) {
        throw std::runtime_error(std::string(kLibrary) + " has no " + name);
    }
    function = reinterpret_cast<Function>(symbol);  // NOLINT: dlsym's documented use
}

CurlLibrary load() {
    // Never closed: the process keeps it for its lifetime, as it would a linked library.
    void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = dlerror();
        throw std::runtime_error(std::string("cannot load ") + kLibrary + " (package libcurl4): " +
                                 (why == nullptr ? "unknown error" : why));
    }
    CurlLibrary curl{};
    decltype(&::curl_global_init) global_init = nullptr;
    bind(library, "curl_global_init", global_init);
    bind(library, "curl_easy_init", curl.easy_init);
    bind(library, "curl_easy_cleanup", curl.easy_cleanup);
    bind(library, "curl_easy_reset", curl.easy_reset);
    bind(library, "curl_easy_setopt", curl.easy_setopt);
    bind(library, "curl_easy_perform", curl.easy_perform);
    bind(library, "curl_easy_getinfo", curl.easy_getinfo);
    bind(library, "curl_easy_strerror", curl.easy_strerror);
    bind(library, "curl_easy_escape", curl.easy_escape);
    bind(library, "curl_free", curl.free);
    bind(library, "curl_slist_append", curl.slist_append);
    bind(library, "curl_slist_free_all", curl.slist_free_all);
    bind(library, "curl_getdate", curl.getdate);
    if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        throw std::runtime_error("libcurl could not be initialised");
    }
    return curl;
}

}  // namespace

const CurlLibrary& libcurl() {
    // Initialised once, by whichever thread asks first; a failed load is retried on the next
    // call (a static whose initialiser throws is not yet initialised).
    static const CurlLibrary library = load();
    return library;
}

}  // namespace iro::net
