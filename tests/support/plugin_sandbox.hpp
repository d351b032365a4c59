#pragma once
// A private plugin directory and data directory for one test, filled with chosen variants of the
// probe plugin (tests/plugins) or the product modules.

#include <filesystem>
#include <string>
#include <vector>

#include "config/host_config.hpp"
#include "support/temp_dir.hpp"

namespace iro::test {

/// Where the build put things (set by tests/CMakeLists.txt).
std::filesystem::path probe_plugin_dir();
std::filesystem::path product_plugin_dir();
std::filesystem::path host_binary();
std::filesystem::path smtp_sink_binary();

class PluginSandbox {
  public:
    PluginSandbox();

    const std::filesystem::path& plugin_dir() const { return plugin_dir_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }

    /// Copies <variant>.json and, when built, <variant>.so from the probe plugin directory.
    PluginSandbox& add_probe(const std::string& variant);
    /// Copies <name>.json and, when there, <name>.so from `dir`.
    PluginSandbox& add_module_from(const std::filesystem::path& dir, const std::string& name);
    /// Copies every product module (manifests and libraries).
    PluginSandbox& add_product_modules();
    /// Copies one product module: <library name>.json and .so, e.g. "midpoint_prompts".
    PluginSandbox& add_product_module(const std::string& library_name);
    /// Writes a file into the plugin directory (mode 0644).
    PluginSandbox& write(const std::string& name, const std::string& content);

    config::HostConfig host_config(int error_threshold = 3) const;
    /// iro-host --data-dir <data> --plugin-dir <plugins> --actor `actor` `args`: the command line
    /// of a CLI call against this sandbox.
    std::vector<std::string> host_argv(const std::string& actor,
                                       const std::vector<std::string>& args) const;

  private:
    TempDir root_;
    std::filesystem::path plugin_dir_;
    std::filesystem::path data_dir_;
};

}  // namespace iro::test
