#include "cli/publication_output.hpp"

#include <iostream>
#include <stdexcept>

#include "annual_report/annual_render.hpp"
#include "cli/cli_context.hpp"

namespace iro::cli {

bool PublicationOptions::published() const {
    return format == "csv" || format == "html" || format == "xlsx";
}

void add_publication_options(CLI::App& command, PublicationOptions& options) {
    command
        .add_option("--format", options.format,
                    "table (default) or json to read; csv, html or xlsx to publish")
        ->check(CLI::IsMember({"table", "json", "csv", "html", "xlsx"}));
    command.add_option("--out", options.out, "Write to this file (required for xlsx)");
    command
        .add_option("--suppress-below", options.suppress_below,
                    "Publish counts from 1 to N-1 as c, and whatever would reveal them")
        ->check(CLI::Range(0, 1000));
}

void check_publication_options(const PublicationOptions& options) {
    if (options.format == "xlsx" && options.out.empty()) {
        throw std::invalid_argument("--format xlsx needs --out FILE.xlsx");
    }
    if (options.suppress_below > 0 && !options.published()) {
        throw std::invalid_argument(
            "--suppress-below is for the published forms: add --format csv, html or xlsx");
    }
}

void write_publication(const reports::annual::AnnualReport& report,
                       const PublicationOptions& options) {
    namespace annual = reports::annual;
    if (options.format == "xlsx") {
        annual::write_annual_report_xlsx(report, options.out);
        std::cout << "Wrote " << options.out << "\n";
        return;
    }
    write_output(options.format == "csv" ? annual::annual_report_csv(report)
                                         : annual::annual_report_html(report),
                 options.out);
}

void write_report(const PublicationOptions& options, bool json_flag,
                  const std::function<reports::annual::AnnualReport(int)>& publication,
                  const nlohmann::json& json, const std::function<std::string()>& text) {
    if (options.published()) {
        write_publication(publication(options.suppress_below), options);
    } else if (json_flag || options.format == "json") {
        std::cout << json.dump(2) << "\n";
    } else {
        std::cout << text();
    }
}

}  // namespace iro::cli
