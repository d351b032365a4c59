// The IRO service's staffing in the configuration: FTE from each day on, in date order, and the
// council's caseload ceiling; a list out of order or a day that does not exist is refused, naming
// the field.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "config/host_config.hpp"
#include "support/temp_dir.hpp"

namespace iro::config {
namespace {

using namespace std::chrono;
using testing::HasSubstr;

HostConfig resolve(const test::TempDir& dir, const std::string& json) {
    const auto file = dir.path() / "host.json";
    std::ofstream(file, std::ios::trunc) << json;
    ConfigOverrides overrides;
    overrides.config_file = file;
    overrides.data_dir = dir.path() / "data";
    return resolve_host_config(overrides);
}

TEST(IroServiceConfig, FteHoldsFromEachDayUntilTheNext) {
    const test::TempDir dir;
    const auto config = resolve(dir, R"({"iro_service": {"caseload_cap": 80, "fte": [
        {"from": "2019-04-01", "fte": 6}, {"from": "2020-01-01", "fte": 7.5}]}})");
    EXPECT_EQ(config.iro_service.caseload_cap, 80);
    EXPECT_EQ(config.iro_service.fte_on(2019y / March / 31), std::nullopt);
    EXPECT_EQ(config.iro_service.fte_on(2019y / April / 1), 6.0);
    EXPECT_EQ(config.iro_service.fte_on(2019y / December / 31), 6.0);
    EXPECT_EQ(config.iro_service.fte_on(2020y / January / 1), 7.5);
    EXPECT_EQ(config.iro_service.fte_on(2030y / January / 1), 7.5);
    EXPECT_FALSE(resolve(dir, "{}").iro_service.caseload_cap.has_value());
}

TEST(IroServiceConfig, RefusesAListOutOfOrderOrADayThatDoesNotExist) {
    const test::TempDir dir;
    for (const auto& [json, says] : std::vector<std::pair<std::string, std::string>>{
             {R"({"iro_service": {"fte": [{"from": "2020-01-01", "fte": 8},
                                          {"from": "2019-04-01", "fte": 6}]}})",
              "/iro_service/fte/1/from: 2019-04-01 is not after the entry before it"},
             {R"({"iro_service": {"fte": [{"from": "2019-02-30", "fte": 6}]}})",
              "/iro_service/fte/0/from: '2019-02-30' is not a real date"},
             {R"({"iro_service": {"fte": [{"from": "2019-04-01", "fte": 0}]}})", "fte"},
             {R"({"iro_service": {"caseload_cap": 0}})", "caseload_cap"}}) {
        try {
            resolve(dir, json);
            ADD_FAILURE() << "accepted " << json;
        } catch (const ConfigError& e) {
            EXPECT_THAT(e.what(), HasSubstr(says)) << json;
        }
    }
}

}  // namespace
}  // namespace iro::config
