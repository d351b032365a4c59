// The CSV reader every extract importer and the tracker import read through: quoting, line ends,
// UTF-8 checks, field and line limits, header rules. Refusal is CsvError, with line and column.
#include <cstdint>

#include "fuzz_support.hpp"
#include "importers/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    const auto file = fuzz::scratch_dir() / "input.csv";
    fuzz::write_file(file, fuzz::as_text(data, size));
    // Small limits, so the fuzzer reaches them with small inputs; both header rules, by a bit of
    // the input so the same input always takes the same path.
    const bool strict = size % 2 == 0;
    try {
        importers::CsvReader reader(file, {64, strict, strict});
        importers::CsvRecord record;
        while (reader.next(record)) {
            if (record.fields.size() != record.columns.size()) {
                __builtin_trap();  // every field has its column
            }
        }
    } catch (const importers::CsvError& e) {
        if (e.line() == 0) {
            __builtin_trap();  // a refusal names its line
        }
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
