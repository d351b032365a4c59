// The start markers that tell a module's crash in start() from a process another iro-host is
// still running.

#include "modules/start_markers.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace iro::modules {
namespace {

namespace fs = std::filesystem;

/// The id of a process that has ended (and been reaped).
pid_t ended_process() {
    const pid_t child = ::fork();
    if (child == 0) {
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

TEST(StartMarkersTest, AMarkerIsThereWhileStartingAndGoneAfter) {
    const test::TempDir dir;
    const StartMarkers markers(dir.path() / "module-starts");
    const auto file = dir.path() / "module-starts" / ("probe-good." + std::to_string(::getpid()));
    {
        const auto guard = markers.starting("probe-good", "2026-12-06T09:00:00Z");
        EXPECT_EQ(test::read_text(file), "2026-12-06T09:00:00Z");
        EXPECT_FALSE(markers.crashed_start("probe-good")) << "this process is alive";
    }
    EXPECT_FALSE(fs::exists(file));
}

TEST(StartMarkersTest, OnlyAMarkerLeftByAProcessThatEndedIsACrash) {
    const test::TempDir dir;
    const StartMarkers markers(dir.path());
    const pid_t dead = ended_process();
    std::ofstream(dir.path() / ("qaf." + std::to_string(dead))) << "2026-12-06T08:00:00Z";
    // Another host loading the same module now (its parent here, alive), and another module.
    std::ofstream(dir.path() / ("qaf." + std::to_string(::getppid()))) << "2026-12-06T08:30:00Z";
    std::ofstream(dir.path() / ("qaf-extra." + std::to_string(dead))) << "2026-12-06T08:00:00Z";

    EXPECT_EQ(markers.crashed_start("qaf"), "2026-12-06T08:00:00Z");
    EXPECT_FALSE(fs::exists(dir.path() / ("qaf." + std::to_string(dead))));
    EXPECT_TRUE(fs::exists(dir.path() / ("qaf." + std::to_string(::getppid()))));
    EXPECT_FALSE(markers.crashed_start("qaf")) << "found once, then forgotten";
    EXPECT_EQ(markers.crashed_start("qaf-extra"), "2026-12-06T08:00:00Z");
}

TEST(StartMarkersTest, WithoutADirectoryNothingIsMarked) {
    const StartMarkers none{fs::path()};
    const auto guard = none.starting("qaf", "2026-12-06T09:00:00Z");
    EXPECT_FALSE(none.crashed_start("qaf"));
}

}  // namespace
}  // namespace iro::modules
