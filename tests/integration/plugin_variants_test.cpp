// Each broken variant of the probe plugin must end in a named state with a specific message,
// while the good module beside it keeps loading and receiving events.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include "clock/fixed_clock.hpp"
#include "host/host.hpp"
#include "module_store/module_kv_store.hpp"
#include "support/plugin_sandbox.hpp"

namespace iro {
namespace {

using modules::ModuleState;
using testing::HasSubstr;

struct Expectation {
    std::string variant;
    std::string module_id;
    ModuleState state;
    std::vector<std::string> reason_contains;
};

void PrintTo(const Expectation& e, std::ostream* os) {
    *os << e.variant;
}

class PluginVariantTest : public testing::TestWithParam<Expectation> {};

plugin::ReviewHeld review(const std::string& id) {
    return plugin::ReviewHeld{
        {"evt-" + id, "child-1", plugin::Date{std::chrono::year{2024} / 3 / 14}},
        id,
        "PN1",
        "green"};
}

TEST_P(PluginVariantTest, EndsInNamedStateAndGoodModuleKeepsServing) {
    const Expectation& expected = GetParam();
    test::PluginSandbox sandbox;
    sandbox.add_probe("probe_good");
    if (expected.variant != "probe_good") {
        sandbox.add_probe(expected.variant);
    }
    const auto library = sandbox.plugin_dir() / (expected.variant + ".so");
    if (expected.variant == "probe_text_file") {
        sandbox.write("probe_text_file.so", "This is a text file, not a shared library.\n");
    }
    if (expected.variant == "probe_world_writable") {
        ASSERT_EQ(chmod(library.c_str(), 0666), 0);
    }

    clock::FixedClock clock(plugin::Date{std::chrono::year{2024} / 3 / 14});
    host::Host host(sandbox.host_config(), clock, /*run_modules=*/true);
    host.load_modules();

    const auto status = host.registry().status(expected.module_id);
    ASSERT_TRUE(status) << "no module " << expected.module_id;
    EXPECT_EQ(modules::to_string(status->state), modules::to_string(expected.state))
        << status->reason;
    for (const auto& fragment : expected.reason_contains) {
        EXPECT_THAT(status->reason, HasSubstr(fragment));
    }
    if (!expected.reason_contains.empty()) {
        // Every reason ends with its most specific part, not with stray library noise.
        EXPECT_THAT(status->reason, testing::EndsWith(expected.reason_contains.back()));
    }

    const auto good = host.registry().status("probe-good");
    ASSERT_TRUE(good);
    EXPECT_EQ(good->state, ModuleState::enabled) << good->reason;
    const auto report = host.registry().dispatch(review("R1"));
    EXPECT_EQ(report.delivered, 1);
    EXPECT_EQ(store::ModuleKeyValueStore(host.database(), "probe-good").get("review_held_count"),
              "1");
}

INSTANTIATE_TEST_SUITE_P(
    Variants, PluginVariantTest,
    testing::Values(
        Expectation{"probe_good", "probe-good", ModuleState::enabled, {}},
        Expectation{"probe_api_major",
                    "probe-api-major",
                    ModuleState::incompatible,
                    {"built for plugin API 2.0", "this host provides API 1.6",
                     "major version must match)"}},
        Expectation{
            "probe_api_minor_newer",
            "probe-api-minor-newer",
            ModuleState::incompatible,
            {"plugin API 1.7, newer than this host's API 1.6", "upgrade iro-host to run it"}},
        Expectation{"probe_struct_short",
                    "probe-struct-short",
                    ModuleState::incompatible,
                    {"descriptor is", "bytes, but API 1.6 defines",
                     "rebuild it against this SDK's headers"}},
        Expectation{"probe_no_entry",
                    "probe-no-entry",
                    ModuleState::failed_to_load,
                    {"not an IRO plugin",
                     "probe_no_entry.so does not export the entry point iro_plugin_descriptor_v1"}},
        Expectation{"probe_other_major",
                    "probe-other-major",
                    ModuleState::incompatible,
                    {"exports iro_plugin_descriptor_v2",
                     "another plugin API major; this host provides API 1.x"}},
        Expectation{"probe_json_mismatch",
                    "probe-json-mismatch",
                    ModuleState::incompatible,
                    {"toolchain mismatch", "nlohmann/json 3.10.5", "host uses 3.11.2"}},
        Expectation{"probe_factory_throws",
                    "probe-factory-throws",
                    ModuleState::failed_to_load,
                    {"the module's factory failed", "licence server unreachable"}},
        Expectation{"probe_unresolved",
                    "probe-unresolved",
                    ModuleState::failed_to_load,
                    {"cannot load probe_unresolved.so: the dynamic linker refused it: /",
                     "probe_unresolved.so: undefined symbol: iro_probe_symbol_nobody_defines"}},
        Expectation{"probe_bad_json",
                    "probe_bad_json",
                    ModuleState::failed_to_load,
                    {"probe_bad_json.json:4:15: invalid JSON: syntax error while parsing object - "
                     "unexpected string literal; expected '}'"}},
        Expectation{"probe_missing_field",
                    "probe-missing-field",
                    ModuleState::failed_to_load,
                    {"probe_missing_field.json: /: Missing required property 'events'."}},
        Expectation{
            "probe_id_mismatch",
            "probe-id-mismatch",
            ModuleState::failed_to_load,
            {"reports plugin id 'probe-somebody-else'", "manifest declares 'probe-id-mismatch'"}},
        Expectation{"probe_text_file",
                    "probe-text-file",
                    ModuleState::failed_to_load,
                    {"is not a shared library", "starts with \"This is \")"}},
        Expectation{"probe_world_writable",
                    "probe-world-writable",
                    ModuleState::failed_to_load,
                    {"refused", "probe_world_writable.so is world-writable (mode 0666)"}}),
    [](const testing::TestParamInfo<Expectation>& param_info) { return param_info.param.variant; });

TEST(PluginOwnership, LibraryOwnedByAnotherUserIsRefused) {
    if (geteuid() != 0) {
        GTEST_SKIP() << "changing a file's owner needs root";
    }
    test::PluginSandbox sandbox;
    sandbox.add_probe("probe_good").add_probe("probe_foreign_owner");
    const auto library = sandbox.plugin_dir() / "probe_foreign_owner.so";
    ASSERT_EQ(chown(library.c_str(), 65534, 65534), 0);

    clock::FixedClock clock(plugin::Date{std::chrono::year{2024} / 3 / 14});
    host::Host host(sandbox.host_config(), clock, true);
    host.load_modules();
    const auto status = host.registry().status("probe-foreign-owner");
    ASSERT_TRUE(status);
    EXPECT_EQ(status->state, ModuleState::failed_to_load);
    EXPECT_THAT(status->reason, HasSubstr("is owned by uid 65534, not by root or the host's user"));
    EXPECT_EQ(host.registry().status("probe-good")->state, ModuleState::enabled);
}

TEST(PluginOwnership, GroupWritablePluginDirectoryIsRefused) {
    test::PluginSandbox sandbox;
    sandbox.add_probe("probe_good");
    ASSERT_EQ(chmod(sandbox.plugin_dir().c_str(), 0775), 0);
    clock::FixedClock clock(plugin::Date{std::chrono::year{2024} / 3 / 14});
    host::Host host(sandbox.host_config(), clock, true);
    host.load_modules();
    const auto status = host.registry().status("probe-good");
    EXPECT_EQ(status->state, ModuleState::failed_to_load);
    EXPECT_THAT(status->reason, HasSubstr("plugin directory " + sandbox.plugin_dir().string() +
                                          " is group-writable (mode 0775)"));
}

TEST(DuplicateIds, SecondManifestWithTheSameIdIsRefused) {
    test::PluginSandbox sandbox;
    sandbox.add_probe("probe_good");
    // Same id and library as probe_good, under another manifest name.
    std::ifstream in(test::probe_plugin_dir() / "probe_good.json");
    std::stringstream text;
    text << in.rdbuf();
    sandbox.write("zz_copy.json", text.str());
    clock::FixedClock clock(plugin::Date{std::chrono::year{2024} / 3 / 14});
    host::Host host(sandbox.host_config(), clock, true);
    host.load_modules();
    const auto statuses = host.registry().statuses();
    ASSERT_EQ(statuses.size(), 2U);
    EXPECT_EQ(statuses[0].state, ModuleState::enabled);
    EXPECT_EQ(statuses[1].state, ModuleState::failed_to_load);
    EXPECT_THAT(statuses[1].reason, HasSubstr("module id 'probe-good' is already declared by"));
}

TEST(ManifestFiles, AFifoOrAnOversizedManifestIsRefusedAndTheOthersLoad) {
    test::PluginSandbox sandbox;
    sandbox.add_probe("probe_good");
    // A FIFO would block a reader until someone wrote to it: the host must not open it.
    ASSERT_EQ(mkfifo((sandbox.plugin_dir() / "a_fifo.json").c_str(), 0600), 0);
    sandbox.write("b_huge.json",
                  "{\"id\": \"huge\", \"pad\": \"" + std::string(2 << 20, 'x') + "\"}");
    clock::FixedClock clock(plugin::Date{std::chrono::year{2024} / 3 / 14});
    host::Host host(sandbox.host_config(), clock, true);
    host.load_modules();
    std::map<std::string, std::string> reasons;
    for (const auto& status : host.registry().statuses()) {
        reasons[status.id] = status.state == ModuleState::enabled ? "enabled" : status.reason;
    }
    EXPECT_EQ(reasons["probe-good"], "enabled");
    std::string all;
    for (const auto& [id, reason] : reasons) {
        all.append(id).append(": ").append(reason).append("\n");
    }
    EXPECT_THAT(all, HasSubstr("not a regular file"));
    EXPECT_THAT(all, HasSubstr("over the limit of 1 MiB for a manifest"));
}

}  // namespace
}  // namespace iro
