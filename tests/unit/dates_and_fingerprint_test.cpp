#include <gtest/gtest.h>

#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/events.hpp"
#include "iro/plugin_api/toolchain_fingerprint.hpp"

namespace iro::plugin {
namespace {

TEST(Dates, RoundTripAndRejectWhatIsNotADay) {
    const auto day = parse_iso_date("2024-02-29");
    ASSERT_TRUE(day);
    EXPECT_EQ(to_iso(*day), "2024-02-29");
    EXPECT_FALSE(parse_iso_date("2023-02-29"));
    EXPECT_FALSE(parse_iso_date("2023-13-01"));
    EXPECT_FALSE(parse_iso_date("01/02/2023"));
    EXPECT_FALSE(parse_iso_date("2023-1-01"));
    EXPECT_FALSE(parse_iso_date("2023-01-01x"));
    EXPECT_FALSE(parse_iso_date(""));
}

TEST(Events, NamesRoundTrip) {
    for (const EventKind kind : kAllEventKinds) {
        EXPECT_EQ(event_kind_from_string(to_string(kind)), kind);
    }
    EXPECT_FALSE(event_kind_from_string("review-held"));
}

TEST(Fingerprint, SameToolchainMatches) {
    constexpr iro_toolchain_fingerprint here = IRO_THIS_TOOLCHAIN_FINGERPRINT;
    EXPECT_EQ(fingerprint_mismatch(here, here), "");
    EXPECT_NE(describe(here).find("nlohmann/json 3.11.2"), std::string::npos) << describe(here);
    EXPECT_NE(describe(here).find("Boost 1.74.0"), std::string::npos) << describe(here);
}

TEST(Fingerprint, EachDifferenceIsNamed) {
    constexpr iro_toolchain_fingerprint host = IRO_THIS_TOOLCHAIN_FINGERPRINT;
    auto plugin = host;
    plugin.compiler_patch += 1;
    EXPECT_EQ(fingerprint_mismatch(host, plugin), "") << "patch releases share an ABI";

    plugin = host;
    plugin.compiler_major += 1;
    EXPECT_NE(fingerprint_mismatch(host, plugin)
                  .find("built with " + std::string(host.compiler_id) + " " +
                        std::to_string(host.compiler_major + 1)),
              std::string::npos);
    plugin = host;
    plugin.glibcxx_cxx11_abi = 0;
    EXPECT_NE(fingerprint_mismatch(host, plugin).find("_GLIBCXX_USE_CXX11_ABI=0"),
              std::string::npos);
    plugin = host;
    plugin.nlohmann_json_diagnostics = 1;
    EXPECT_NE(fingerprint_mismatch(host, plugin).find("JSON_DIAGNOSTICS"), std::string::npos);
    plugin = host;
    plugin.boost_version = 108300;
    EXPECT_NE(
        fingerprint_mismatch(host, plugin).find("built with Boost 1.83.0, host uses Boost 1.74.0"),
        std::string::npos);
}

}  // namespace
}  // namespace iro::plugin
