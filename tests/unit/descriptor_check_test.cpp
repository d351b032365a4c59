#include "loader/descriptor_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "iro/plugin_api/module.hpp"

namespace iro::loader {
namespace {

using testing::HasSubstr;

class Nothing final : public plugin::Module {
  public:
    using Module::Module;
};

class DescriptorCheckTest : public testing::Test {
  protected:
    DescriptorCheckTest() {
        manifest.id = "probe";
        manifest.version = "1.2.3";
        manifest.api_major = plugin::kApiMajor;
        manifest.api_minor = plugin::kApiMinor;
        manifest.library_path = "/opt/plugins/probe.so";
    }

    std::optional<Rejection> check() const { return check_descriptor(descriptor, manifest, host); }

    Manifest manifest;
    iro_toolchain_fingerprint host = IRO_THIS_TOOLCHAIN_FINGERPRINT;
    iro_plugin_descriptor descriptor = plugin::detail::make_descriptor<Nothing>("probe", "1.2.3");
};

TEST_F(DescriptorCheckTest, MatchingDescriptorPasses) {
    EXPECT_FALSE(check());
}

TEST_F(DescriptorCheckTest, ApiRule) {
    descriptor.api_minor = static_cast<std::uint16_t>(plugin::kApiMinor + 1);
    EXPECT_TRUE(check()->incompatible);
    EXPECT_THAT(check()->reason, HasSubstr("newer than this host's API"));
    descriptor.api_minor = plugin::kApiMinor;
    descriptor.api_major = static_cast<std::uint16_t>(plugin::kApiMajor + 1);
    EXPECT_THAT(check()->reason, HasSubstr("the major version must match"));
}

TEST_F(DescriptorCheckTest, SizeIsCheckedBeforeReadingLaterFields) {
    descriptor.struct_size = 4;
    EXPECT_FALSE(check()->incompatible);
    EXPECT_THAT(check()->reason, HasSubstr("too small to be an IRO plugin descriptor"));
    descriptor.struct_size = static_cast<std::uint32_t>(sizeof(iro_plugin_descriptor) - 8);
    EXPECT_TRUE(check()->incompatible);
    EXPECT_THAT(check()->reason, HasSubstr("rebuild it against this SDK's headers"));
}

TEST_F(DescriptorCheckTest, ToolchainIdAndVersionMustMatch) {
    descriptor.toolchain.glibcxx_cxx11_abi = 0;
    EXPECT_THAT(
        check()->reason,
        HasSubstr("toolchain mismatch: the library was built with _GLIBCXX_USE_CXX11_ABI=0"));
    descriptor.toolchain = host;
    descriptor.plugin_id = "someone-else";
    EXPECT_FALSE(check()->incompatible);
    EXPECT_EQ(
        check()->reason,
        "the library probe.so reports plugin id 'someone-else' but its manifest declares 'probe'");
    descriptor.plugin_id = "probe";
    descriptor.plugin_version = "1.2.4";
    EXPECT_THAT(check()->reason, HasSubstr("reports version '1.2.4'"));
    descriptor.plugin_version = "1.2.3";
    descriptor.create = nullptr;
    EXPECT_THAT(check()->reason, HasSubstr("no create or destroy function"));
}

}  // namespace
}  // namespace iro::loader
