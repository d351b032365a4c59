#include "support/plugin_sandbox.hpp"

#include <fstream>
#include <stdexcept>

namespace iro::test {

namespace fs = std::filesystem;

fs::path probe_plugin_dir() {
    return IRO_TEST_PLUGIN_DIR;
}
fs::path product_plugin_dir() {
    return IRO_PRODUCT_PLUGIN_DIR;
}
fs::path host_binary() {
    return IRO_HOST_BINARY;
}
fs::path smtp_sink_binary() {
    return IRO_SMTP_SINK_BINARY;
}

PluginSandbox::PluginSandbox()
    : plugin_dir_(root_.path() / "plugins"), data_dir_(root_.path() / "data") {
    fs::create_directory(plugin_dir_);
    fs::permissions(plugin_dir_, fs::perms::owner_all | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read |
                                     fs::perms::others_exec);
}

PluginSandbox& PluginSandbox::add_probe(const std::string& variant) {
    return add_module_from(probe_plugin_dir(), variant);
}

PluginSandbox& PluginSandbox::add_module_from(const fs::path& dir, const std::string& name) {
    const fs::path manifest = dir / (name + ".json");
    if (!fs::exists(manifest)) {
        throw std::runtime_error("no module " + name + " in " + dir.string());
    }
    fs::copy_file(manifest, plugin_dir_ / manifest.filename());
    const fs::path library = dir / (name + ".so");
    if (fs::exists(library)) {
        fs::copy_file(library, plugin_dir_ / library.filename());
    }
    return *this;
}

PluginSandbox& PluginSandbox::add_product_modules() {
    for (const auto& item : fs::directory_iterator(product_plugin_dir())) {
        fs::copy_file(item.path(), plugin_dir_ / item.path().filename());
    }
    return *this;
}

PluginSandbox& PluginSandbox::add_product_module(const std::string& library_name) {
    for (const char* ext : {".json", ".so"}) {
        fs::copy_file(product_plugin_dir() / (library_name + ext),
                      plugin_dir_ / (library_name + ext));
    }
    return *this;
}

PluginSandbox& PluginSandbox::write(const std::string& name, const std::string& content) {
    std::ofstream(plugin_dir_ / name) << content;
    return *this;
}

config::HostConfig PluginSandbox::host_config(int error_threshold) const {
    config::HostConfig config;
    config.data_dir = data_dir_;
    config.plugin_dir = plugin_dir_;
    config.module_error_threshold = error_threshold;
    return config;
}

std::vector<std::string> PluginSandbox::host_argv(const std::string& actor,
                                                  const std::vector<std::string>& args) const {
    std::vector<std::string> argv{host_binary().string(),
                                  "--data-dir",
                                  data_dir_.string(),
                                  "--plugin-dir",
                                  plugin_dir_.string(),
                                  "--actor",
                                  actor};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

}  // namespace iro::test
