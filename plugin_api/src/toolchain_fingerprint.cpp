#include "iro/plugin_api/toolchain_fingerprint.hpp"

#include <cstring>
#include <string_view>

namespace iro::plugin {

namespace {

std::string_view compiler_id(const iro_toolchain_fingerprint& f) {
    return {f.compiler_id, strnlen(f.compiler_id, sizeof f.compiler_id)};
}

std::string dotted(std::uint32_t major, std::uint32_t minor, std::uint32_t patch) {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

// nlohmann packs 3.11.2 as 31102; Boost packs 1.74.0 as 107400.
std::string json_version(std::uint32_t v) {
    return dotted(v / 10000U, v / 100U % 100U, v % 100U);
}
std::string boost_version(std::uint32_t v) {
    return dotted(v / 100000U, v / 100U % 1000U, v % 100U);
}

}  // namespace

std::string describe(const iro_toolchain_fingerprint& f) {
    return std::string(compiler_id(f)) + " " + std::to_string(f.compiler_major) + "." +
           std::to_string(f.compiler_minor) + "." + std::to_string(f.compiler_patch) +
           ", libstdc++ " + std::to_string(f.glibcxx_release) + " (cxx11 ABI " +
           std::to_string(f.glibcxx_cxx11_abi) + "), nlohmann/json " +
           json_version(f.nlohmann_json_version) +
           (f.nlohmann_json_diagnostics != 0 ? " with JSON_DIAGNOSTICS" : "") + ", Boost " +
           boost_version(f.boost_version);
}

std::string fingerprint_mismatch(const iro_toolchain_fingerprint& host,
                                 const iro_toolchain_fingerprint& plugin) {
    // Minor and patch releases of one compiler major share an ABI; anything else must match.
    if (compiler_id(host) != compiler_id(plugin) || host.compiler_major != plugin.compiler_major) {
        return "built with " + std::string(compiler_id(plugin)) + " " +
               std::to_string(plugin.compiler_major) + ", host built with " +
               std::string(compiler_id(host)) + " " + std::to_string(host.compiler_major);
    }
    if (host.glibcxx_cxx11_abi != plugin.glibcxx_cxx11_abi) {
        return "built with _GLIBCXX_USE_CXX11_ABI=" + std::to_string(plugin.glibcxx_cxx11_abi) +
               ", host uses " + std::to_string(host.glibcxx_cxx11_abi) +
               " (std::string layouts differ)";
    }
    if (host.glibcxx_release != plugin.glibcxx_release) {
        return "built against libstdc++ " + std::to_string(plugin.glibcxx_release) +
               ", host uses libstdc++ " + std::to_string(host.glibcxx_release);
    }
    if (host.nlohmann_json_version != plugin.nlohmann_json_version ||
        host.nlohmann_json_diagnostics != plugin.nlohmann_json_diagnostics) {
        return "built with nlohmann/json " + json_version(plugin.nlohmann_json_version) +
               (plugin.nlohmann_json_diagnostics != 0 ? " (JSON_DIAGNOSTICS)" : "") +
               ", host uses " + json_version(host.nlohmann_json_version) +
               (host.nlohmann_json_diagnostics != 0 ? " (JSON_DIAGNOSTICS)" : "");
    }
    if (host.boost_version != plugin.boost_version) {
        return "built with Boost " + boost_version(plugin.boost_version) + ", host uses Boost " +
               boost_version(host.boost_version);
    }
    return {};
}

}  // namespace iro::plugin
