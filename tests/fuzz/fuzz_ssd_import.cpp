// The Standard Safeguarding Dataset import (persons, professionals, involvements, episodes,
// reviews). The input is the extract's files, each after a line "=== NAME" (fuzz_support.hpp).
// Refusal is ImportRejected, nothing applied.
#include <cstdint>

#include "fuzz_support.hpp"
#include "importers/import_issue.hpp"
#include "importers/ssd_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    using namespace std::chrono;
    const auto dir = fuzz::write_extract(fuzz::as_text(data, size));
    auto db = fuzz::fresh_store();
    const store::Change change{"fuzz", "2024-06-30T12:00:00Z"};
    try {
        importers::import_ssd(db, dir, change, year{2024} / June / 30);
    } catch (const importers::ImportRejected&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
