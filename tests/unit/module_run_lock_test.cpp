// One process runs a data directory's modules: the lock `serve` holds while it serves and a
// command holds while it runs them itself.

#include "host/module_run_lock.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace iro::host {
namespace {

TEST(ModuleRunLock, IsHeldByOneHolderAtATimeAndFreedWithIt) {
    const test::TempDir dir;
    {
        auto first = ModuleRunLock::try_take(dir.path());
        ASSERT_TRUE(first.has_value());
        // A second holder (another open file description, as another process has) is refused.
        EXPECT_FALSE(ModuleRunLock::try_take(dir.path()).has_value());
        // Moved, it is still held.
        ModuleRunLock moved = std::move(*first);
        first.reset();
        EXPECT_FALSE(ModuleRunLock::try_take(dir.path()).has_value());
    }
    // Released with its holder: taken again, waiting or not.
    EXPECT_TRUE(ModuleRunLock::try_take(dir.path()).has_value());
    const auto waited = ModuleRunLock::wait(dir.path());
    EXPECT_FALSE(ModuleRunLock::try_take(dir.path()).has_value());
}

}  // namespace
}  // namespace iro::host
