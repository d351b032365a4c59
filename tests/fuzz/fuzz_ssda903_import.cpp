// The SSDA903 extract import, all of it: file discovery, headers, codes, dates, episode and review
// rules, staging and applying. The input is the extract's files, each after a line "=== NAME"
// (fuzz_support.hpp). Refusal is ImportRejected, nothing applied.
#include <cstdint>

#include "fuzz_support.hpp"
#include "importers/import_issue.hpp"
#include "importers/ssda903_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    using namespace std::chrono;
    const auto dir = fuzz::write_extract(fuzz::as_text(data, size));
    auto db = fuzz::fresh_store();
    const store::Change change{"fuzz", "2024-06-30T12:00:00Z"};
    importers::Ssda903Options options;
    options.full_history = size % 2 == 0;
    try {
        importers::import_ssda903(db, dir, change, year{2024} / June / 30, options);
    } catch (const importers::ImportRejected&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
