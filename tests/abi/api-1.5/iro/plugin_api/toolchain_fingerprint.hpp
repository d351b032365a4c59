#pragma once
#include "iro/plugin_api/export.hpp"
// The toolchain fingerprint is stamped into every plugin at the plugin's compile time and compared
// with the host's before any C++ object crosses the boundary: C++ classes, std::string and
// nlohmann::json are only safe to share between binaries built by the same toolchain.

#include <boost/version.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

extern "C" {

/// Fixed-layout record of how a binary was compiled. No padding: all fields are 32-bit.
struct iro_toolchain_fingerprint {
    char compiler_id[16];          ///< "gcc" or "clang"
    std::uint32_t compiler_major;  ///< e.g. 12
    std::uint32_t compiler_minor;
    std::uint32_t compiler_patch;
    std::uint32_t glibcxx_cxx11_abi;          ///< _GLIBCXX_USE_CXX11_ABI (std::string layout)
    std::uint32_t glibcxx_release;            ///< _GLIBCXX_RELEASE (libstdc++ major)
    std::uint32_t nlohmann_json_version;      ///< major * 10000 + minor * 100 + patch
    std::uint32_t nlohmann_json_diagnostics;  ///< JSON_DIAGNOSTICS changes nlohmann's layout
    std::uint32_t boost_version;              ///< BOOST_VERSION, e.g. 107400
};
}

#if defined(__clang__)
#define IRO_COMPILER_ID "clang"
#define IRO_COMPILER_MAJOR __clang_major__
#define IRO_COMPILER_MINOR __clang_minor__
#define IRO_COMPILER_PATCH __clang_patchlevel__
#elif defined(__GNUC__)
#define IRO_COMPILER_ID "gcc"
#define IRO_COMPILER_MAJOR __GNUC__
#define IRO_COMPILER_MINOR __GNUC_MINOR__
#define IRO_COMPILER_PATCH __GNUC_PATCHLEVEL__
#else
#error "IRO plugins are built with GCC or Clang"
#endif

#ifndef _GLIBCXX_USE_CXX11_ABI
#define IRO_CXX11_ABI 0
#else
#define IRO_CXX11_ABI _GLIBCXX_USE_CXX11_ABI
#endif
#ifndef _GLIBCXX_RELEASE
#define IRO_GLIBCXX_RELEASE 0
#else
#define IRO_GLIBCXX_RELEASE _GLIBCXX_RELEASE
#endif
#if defined(JSON_DIAGNOSTICS) && JSON_DIAGNOSTICS
#define IRO_JSON_DIAGNOSTICS 1
#else
#define IRO_JSON_DIAGNOSTICS 0
#endif

/// The fingerprint of the translation unit that expands this macro.
#define IRO_THIS_TOOLCHAIN_FINGERPRINT                                                  \
    iro_toolchain_fingerprint {                                                         \
        IRO_COMPILER_ID, IRO_COMPILER_MAJOR, IRO_COMPILER_MINOR, IRO_COMPILER_PATCH,    \
            IRO_CXX11_ABI, IRO_GLIBCXX_RELEASE,                                         \
            NLOHMANN_JSON_VERSION_MAJOR * 10000U + NLOHMANN_JSON_VERSION_MINOR * 100U + \
                NLOHMANN_JSON_VERSION_PATCH,                                            \
            IRO_JSON_DIAGNOSTICS, BOOST_VERSION                                         \
    }

namespace iro::plugin {

/// Human-readable form, e.g. "gcc 12.2.0, libstdc++ 12 (cxx11 ABI 1), nlohmann/json 3.11.2,
/// Boost 1.74.0".
IRO_API_VISIBLE std::string describe(const iro_toolchain_fingerprint& fingerprint);

/// Empty when a plugin built with `plugin` may run inside a host built with `host`; otherwise the
/// first difference that matters, worded for an administrator.
IRO_API_VISIBLE std::string fingerprint_mismatch(const iro_toolchain_fingerprint& host,
                                                 const iro_toolchain_fingerprint& plugin);

}  // namespace iro::plugin
