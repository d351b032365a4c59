#include "loader/descriptor_check.hpp"

#include <cstddef>
#include <cstring>

namespace iro::loader {

namespace {

std::string version_text(unsigned major, unsigned minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

std::string host_api() {
    return version_text(plugin::kApiMajor, plugin::kApiMinor);
}

std::optional<Rejection> check_api(unsigned major, unsigned minor, const std::string& who) {
    if (major != plugin::kApiMajor) {
        return Rejection{true, who + " plugin API " + version_text(major, minor) +
                                   ", but this host provides API " + host_api() +
                                   " (the major version must match)"};
    }
    if (minor > plugin::kApiMinor) {
        return Rejection{true, who + " plugin API " + version_text(major, minor) +
                                   ", newer than this host's API " + host_api() +
                                   "; upgrade iro-host to run it"};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Rejection> check_manifest_api(const Manifest& manifest) {
    return check_api(manifest.api_major, manifest.api_minor, "its manifest declares");
}

std::optional<Rejection> check_descriptor(const iro_plugin_descriptor& d, const Manifest& m,
                                          const iro_toolchain_fingerprint& host_toolchain) {
    constexpr std::size_t kVersionFieldsEnd =
        offsetof(iro_plugin_descriptor, api_minor) + sizeof(d.api_minor);
    if (d.struct_size < kVersionFieldsEnd) {
        return Rejection{false, "its descriptor is " + std::to_string(d.struct_size) +
                                    " bytes, too small to be an IRO plugin descriptor"};
    }
    if (auto r = check_api(d.api_major, d.api_minor, "the library was built for")) {
        return r;
    }
    if (d.struct_size < sizeof(iro_plugin_descriptor)) {
        return Rejection{true, "its descriptor is " + std::to_string(d.struct_size) +
                                   " bytes, but API " + host_api() + " defines " +
                                   std::to_string(sizeof(iro_plugin_descriptor)) +
                                   " bytes; rebuild it against this SDK's headers"};
    }
    if (auto mismatch = plugin::fingerprint_mismatch(host_toolchain, d.toolchain);
        !mismatch.empty()) {
        return Rejection{true, "toolchain mismatch: the library was " + mismatch};
    }
    if (d.plugin_id == nullptr || m.id != d.plugin_id) {
        return Rejection{false, "the library " + m.library_path.filename().string() +
                                    " reports plugin id '" +
                                    (d.plugin_id != nullptr ? d.plugin_id : "") +
                                    "' but its manifest declares '" + m.id + "'"};
    }
    if (d.plugin_version == nullptr || m.version != d.plugin_version) {
        return Rejection{false,
                         "the library reports version '" +
                             std::string(d.plugin_version != nullptr ? d.plugin_version : "") +
                             "' but its manifest declares '" + m.version + "'"};
    }
    if (d.api_major != m.api_major || d.api_minor != m.api_minor) {
        return Rejection{
            false, "the library was built for API " + version_text(d.api_major, d.api_minor) +
                       " but its manifest declares " + version_text(m.api_major, m.api_minor)};
    }
    if (d.create == nullptr || d.destroy == nullptr) {
        return Rejection{false, "its descriptor has no create or destroy function"};
    }
    return std::nullopt;
}

}  // namespace iro::loader
