// The plugin SDK as a module author meets it: this build installed into a temporary root
// (DESTDIR), the example module (examples/placement_stability) configured, built and installed out
// of tree with find_package(IroPluginSdk) against that root, and the installed host loading it
// from its own plugin directory, with no environment variables, then running it on case events.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace iro {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

// Long enough for a cold compile of the example on a 2-core machine.
constexpr std::chrono::seconds kBuildTimeout{600};

nlohmann::json module_named(const nlohmann::json& list, const std::string& id) {
    for (const auto& m : list) {
        if (m.value("id", "") == id) {
            return m;
        }
    }
    return nullptr;
}

class InstalledSdkTest : public testing::Test {
  protected:
    void SetUp() override {
        stage = dir.path() / "root";
        prefix = stage / fs::path(IRO_INSTALL_PREFIX).relative_path();
        host = prefix / "bin/iro-host";
        test::run_succeeding({"/usr/bin/env", "DESTDIR=" + stage.string(), IRO_CMAKE_COMMAND,
                              "--install", IRO_BUILD_DIR});
        ASSERT_TRUE(fs::exists(host)) << host;
    }

    // The staged host, as an operator runs it: only a data directory given (its configuration's
    // points at /var/lib), plugins and configuration found beside the executable.
    // Live since before the test's history (go_live), so its prompt opens.
    test::CommandResult host_cli(const std::vector<std::string>& args) const {
        const fs::path config = dir.path() / "host.json";
        if (!fs::exists(config)) {
            std::ofstream(config) << R"({"go_live": "2025-01-01"})";
        }
        std::vector<std::string> argv{host.string(),
                                      "--config",
                                      config.string(),
                                      "--data-dir",
                                      (dir.path() / "data").string(),
                                      "--actor",
                                      "sdk-test"};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run_command(argv);
    }

    test::TempDir dir;
    fs::path stage;
    fs::path prefix;
    fs::path host;
};

TEST_F(InstalledSdkTest, ExampleModuleBuildsOutOfTreeAndRunsInTheInstalledHost) {
    // The SDK's files where a package puts them.
    EXPECT_TRUE(fs::exists(prefix / "lib/cmake/IroPluginSdk/IroPluginSdkConfig.cmake"));
    EXPECT_TRUE(fs::exists(prefix / "include/iro-plugin-sdk/iro/plugin_api/module.hpp"));

    const fs::path example_build = dir.path() / "example-build";
    std::vector<std::string> configure{
        IRO_CMAKE_COMMAND,
        "-S",
        std::string(IRO_SOURCE_DIR) + "/examples/placement_stability",
        "-B",
        example_build.string(),
        "-G",
        IRO_CMAKE_GENERATOR,
        "-DCMAKE_BUILD_TYPE=Release",
        std::string("-DCMAKE_CXX_COMPILER=") + IRO_CXX_COMPILER,
        "-DCMAKE_PREFIX_PATH=" + prefix.string()};
    if (fs::exists("/usr/bin/ccache")) {
        configure.emplace_back("-DCMAKE_CXX_COMPILER_LAUNCHER=/usr/bin/ccache");
    }
    test::run_succeeding(configure);
    test::run_succeeding({IRO_CMAKE_COMMAND, "--build", example_build.string()}, kBuildTimeout);
    // No --prefix: the SDK points the default at the host it belongs to.
    test::run_succeeding({IRO_CMAKE_COMMAND, "--install", example_build.string()});
    const fs::path plugin_dir = prefix / "lib/iro-oversight/plugins";
    ASSERT_TRUE(fs::exists(plugin_dir / "placement_stability.so"));
    ASSERT_TRUE(fs::exists(plugin_dir / "placement_stability.json"));

    const auto listed = host_cli({"--json", "modules", "list"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const auto modules = nlohmann::json::parse(listed.out);
    const auto example = module_named(modules, "placement-stability");
    ASSERT_FALSE(example.is_null()) << listed.out;
    EXPECT_EQ(example.value("state", ""), "enabled") << example.dump();
    EXPECT_EQ(example.value("version", ""), "1.0.0");
    for (const char* product : {"oversight-notes", "midpoint-prompts", "quality-alerts", "qaf"}) {
        EXPECT_EQ(module_named(modules, product).value("state", ""), "enabled") << product;
    }
    const auto table = host_cli({"modules", "list"});
    EXPECT_THAT(table.out, HasSubstr("placement-stability"));

    // Two moves within a year: the module opens its prompt for the child's IRO.
    const fs::path events = dir.path() / "events.jsonl";
    std::ofstream(events)
        << R"({"event_id":"ps-1","kind":"entered_care","child_id":"PS1","occurred_on":"2025-01-06","data":{"legal_status":"C2","placement":"U1","date_of_birth":"2015-02-03","sex":"1"}})"
        << "\n"
        << R"({"event_id":"ps-2","kind":"episode_changed","child_id":"PS1","occurred_on":"2025-03-03","data":{"reason_new_episode":"P","legal_status":"C2","placement":"U3"}})"
        << "\n"
        << R"({"event_id":"ps-3","kind":"episode_changed","child_id":"PS1","occurred_on":"2025-06-02","data":{"reason_new_episode":"P","legal_status":"C2","placement":"U4"}})"
        << "\n";
    const auto ingested = host_cli({"events", "ingest", events.string()});
    ASSERT_EQ(ingested.exit_code, 0) << ingested.out << ingested.err;
    const auto ticked = host_cli({"tick"});
    ASSERT_EQ(ticked.exit_code, 0) << ticked.out << ticked.err;
    const auto prompts = host_cli({"--json", "prompts", "list", "--child", "PS1"});
    ASSERT_EQ(prompts.exit_code, 0) << prompts.err;
    const auto listed_prompts = nlohmann::json::parse(prompts.out);
    const nlohmann::json* found = nullptr;
    for (const auto& p : listed_prompts) {
        if (p.value("module_id", "") == "placement-stability") {
            found = &p;
        }
    }
    ASSERT_NE(found, nullptr) << prompts.out;
    EXPECT_EQ(found->value("kind", ""), "placement_stability");
    EXPECT_EQ(found->value("audience", ""), "iro");
    EXPECT_THAT(found->dump(),
                HasSubstr("2 placement moves in 365 days, the latest on 2025-06-02"));
}

TEST_F(InstalledSdkTest, TheBuildRefusesAManifestTheHostWouldRefuse) {
    // An author's mistake: the manifest names another library than the one built.
    const fs::path source = dir.path() / "broken-module";
    fs::create_directories(source);
    fs::copy(std::string(IRO_SOURCE_DIR) + "/examples/placement_stability", source,
             fs::copy_options::recursive);
    std::ifstream in(source / "placement_stability.json");
    std::string manifest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string library = "\"library\": \"placement_stability.so\"";
    manifest.replace(manifest.find(library), library.size(), "\"library\": \"stability.so\"");
    std::ofstream(source / "placement_stability.json") << manifest;

    const fs::path build = dir.path() / "broken-build";
    test::run_succeeding({IRO_CMAKE_COMMAND, "-S", source.string(), "-B", build.string(), "-G",
                          IRO_CMAKE_GENERATOR,
                          std::string("-DCMAKE_CXX_COMPILER=") + IRO_CXX_COMPILER,
                          "-DCMAKE_PREFIX_PATH=" + prefix.string()});
    const auto built =
        test::run_command({IRO_CMAKE_COMMAND, "--build", build.string()}, kBuildTimeout);
    EXPECT_NE(built.exit_code, 0);
    EXPECT_THAT(built.out, HasSubstr("/library: the manifest declares 'stability.so' but the build "
                                     "makes 'placement_stability.so'"));
}

}  // namespace
}  // namespace iro
