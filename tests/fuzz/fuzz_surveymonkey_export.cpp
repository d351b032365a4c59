// A SurveyMonkey "expanded" CSV export of York's QAF, matched column by column to the shipped
// questionnaire (plugins/qaf/york-qaf-1.json). Refusal: std::invalid_argument for a file that is
// not an export, CsvError for a malformed one; everything else is listed in `problems`.
#include <cstdint>
#include <fstream>

#include "fuzz_support.hpp"
#include "importers/csv_reader.hpp"
#include "qaf/questionnaire_definition.hpp"
#include "qaf/surveymonkey_export.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    static const auto definition = [] {
        std::ifstream in(IRO_YORK_QAF_DEFINITION);
        return questionnaires::parse_definition(nlohmann::json::parse(in));
    }();
    const auto file = fuzz::scratch_dir() / "export.csv";
    fuzz::write_file(file, fuzz::as_text(data, size));
    try {
        const auto read = importers::read_surveymonkey_export(file, definition);
        (void)importers::mapping_report(read, definition);
        (void)read.rows.dump();  // every text in the rows is valid UTF-8, or this throws
    } catch (const std::invalid_argument&) {
    } catch (const importers::CsvError&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
