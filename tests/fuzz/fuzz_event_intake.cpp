// Case events from a CMS, one JSON object per line (schemas/events/), as `events ingest` and
// POST /api/v1/events take them. The store holds two children in care, so events about known
// children get past the first checks. Refusal is ImportRejected, nothing applied.
#include <cstdint>
#include <sstream>

#include "fuzz_support.hpp"
#include "importers/import_issue.hpp"
#include "importers/ssda903_import.hpp"
#include "intake/event_intake.hpp"

namespace {

// Two children, one with reviews (tests/fixtures/ssda903/march, cut down).
constexpr std::string_view kExtract =
    "=== header.csv\n"
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "1001,1,15/03/2012,WBRI,A123456789012,,\n"
    "1002,2,01/02/2022,WBRI,,,\n"
    "=== episodes.csv\n"
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
    "URN\n"
    "1001,05/01/2023,S,C2,N1,U1,PR1,,,,,,\n"
    "1002,01/03/2023,S,V2,N1,U3,PR1,,,,,,\n"
    "=== reviews.csv\n"
    "CHILD,DOB,REVIEW,REVIEW_CODE\n"
    "1001,15/03/2012,01/02/2023,PN1\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    using namespace std::chrono;
    static const auto base = [] {
        const auto dir = fuzz::write_extract(kExtract);
        auto db = fuzz::fresh_store();
        importers::import_ssda903(db, dir, {"fuzz", "2024-06-30T12:00:00Z"},
                                  year{2024} / June / 30);
        auto file = fuzz::scratch_dir() / "two-children.sqlite3";
        db.exec("VACUUM INTO '" + file.string() + "'");
        return fuzz::store_image(file);
    }();
    auto db = fuzz::fresh_store(base);
    std::istringstream in{std::string(fuzz::as_text(data, size))};
    try {
        intake::ingest_events(db, in, "request", {"fuzz", "2024-06-30T12:00:00Z"},
                              year{2024} / June / 30);
    } catch (const importers::ImportRejected&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    return 0;
}
