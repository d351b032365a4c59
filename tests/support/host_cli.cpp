#include "support/host_cli.hpp"

#include <gtest/gtest.h>

#include <fstream>

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

}  // namespace iro::test
