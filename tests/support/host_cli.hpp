#pragma once
// iro-host run as a process against a sandbox: its configuration file, data and plugin
// directories, and the worker acting, in one place for the integration tests.

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/plugin_sandbox.hpp"
#include "support/subprocess.hpp"

namespace iro::test {

class HostCli {
  public:
    /// Writes `config` beside the sandbox's data directory.
    HostCli(const PluginSandbox& sandbox, const nlohmann::json& config);

    const std::filesystem::path& config_file() const { return config_file_; }

    /// iro-host --config ... --data-dir ... --plugin-dir ... --actor `actor` `args`.
    CommandResult run(const std::vector<std::string>& args, const std::string& actor) const;
    /// The same with --json, expecting success; the reply parsed.
    nlohmann::json json(const std::vector<std::string>& args, const std::string& actor) const;

    /// `iro-host serve` on a free loopback port, once it is serving.
    struct Served {
        std::unique_ptr<BackgroundProcess> process;
        std::string base;  ///< "http://127.0.0.1:PORT", as the host printed it
    };
    /// Starts the service; throws std::runtime_error when it does not say where it listens.
    Served serve() const;
    /// Stops a service started by serve() with SIGTERM, expecting a clean exit (a graceful
    /// shutdown); nothing when it was never started.
    static void expect_graceful_stop(Served& served);

  private:
    const PluginSandbox& sandbox_;
    std::filesystem::path config_file_;
};

}  // namespace iro::test
