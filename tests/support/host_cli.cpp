#include "support/host_cli.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <regex>
#include <stdexcept>

namespace iro::test {

HostCli::HostCli(const PluginSandbox& sandbox, const nlohmann::json& config)
    : sandbox_(sandbox), config_file_(sandbox.data_dir().parent_path() / "config.json") {
    std::ofstream(config_file_) << config.dump(2);
}

CommandResult HostCli::run(const std::vector<std::string>& args, const std::string& actor) const {
    std::vector<std::string> argv{host_binary().string(),
                                  "--config",
                                  config_file_.string(),
                                  "--data-dir",
                                  sandbox_.data_dir().string(),
                                  "--plugin-dir",
                                  sandbox_.plugin_dir().string(),
                                  "--actor",
                                  actor};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
}

nlohmann::json HostCli::json(const std::vector<std::string>& args, const std::string& actor) const {
    std::vector<std::string> with{"--json"};
    with.insert(with.end(), args.begin(), args.end());
    const auto r = run(with, actor);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto open = r.out.find_first_of("[{");
    if (open == std::string::npos) {
        ADD_FAILURE() << "no JSON in: " << r.out;
        return {};
    }
    const char close = r.out[open] == '[' ? ']' : '}';
    return nlohmann::json::parse(r.out.substr(open, r.out.rfind(close) + 1 - open));
}

std::map<std::string, std::string> HostCli::add_users(const std::vector<UserSpec>& users,
                                                      const std::string& actor) const {
    std::map<std::string, std::string> tokens;
    for (const auto& [user, options] : users) {
        std::vector<std::string> add{"users", "add", user};
        add.insert(add.end(), options.begin(), options.end());
        const auto added = run(add, actor);
        EXPECT_EQ(added.exit_code, 0) << added.err;
        tokens[user] = json({"tokens", "create", "--user", user}, actor)["token"];
    }
    return tokens;
}

HostCli::Served HostCli::serve() const {
    Served served;
    served.process = std::make_unique<BackgroundProcess>(std::vector<std::string>{
        host_binary().string(), "--config", config_file_.string(), "--data-dir",
        sandbox_.data_dir().string(), "--plugin-dir", sandbox_.plugin_dir().string(), "serve",
        "--listen", "127.0.0.1:0"});
    const auto out = served.process->wait_for_output("Serving.");
    std::smatch m;
    if (!std::regex_search(out, m, std::regex("HTTP API +(http://[0-9.:]+)/api/v1"))) {
        throw std::runtime_error("iro-host serve did not print its address: " + out);
    }
    served.base = m[1];
    return served;
}

void HostCli::expect_graceful_stop(Served& served) {
    if (served.process) {
        EXPECT_EQ(served.process->stop(SIGTERM), 0) << served.process->stderr_text();
    }
}

std::vector<HostCli::UserSpec> council_people() {
    return {{"SW1", {"--role", "social_worker", "--worker", "SW1"}},
            {"SW2", {"--role", "social_worker", "--worker", "SW2"}},
            {"TM1", {"--role", "team_manager", "--worker", "TM1"}},
            {"IRO1", {"--role", "iro", "--worker", "IRO1"}},
            {"MGR", {"--role", "iro_manager"}},
            {"ADM", {"--role", "admin"}}};
}

}  // namespace iro::test
