#pragma once
// iro-host run as a process against a sandbox: its configuration file, data and plugin
// directories, and the worker acting, in one place for the integration tests.

#include <filesystem>
#include <map>
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

    /// A user to add: their id and their `users add` options ("--role", "iro", "--worker", ...).
    using UserSpec = std::pair<std::string, std::vector<std::string>>;
    /// Adds each user and issues each an API token; the tokens by user id. A refusal fails the
    /// calling test.
    std::map<std::string, std::string> add_users(const std::vector<UserSpec>& users,
                                                 const std::string& actor) const;

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

/// The people of the small council the HTTP tests use, as `users add` takes them: social workers
/// SW1 and SW2, team manager TM1, IRO IRO1, IRO manager MGR and administrator ADM.
std::vector<HostCli::UserSpec> council_people();

}  // namespace iro::test
