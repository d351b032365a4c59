// iro-host modules check-manifest FILE: the checks the host makes of a manifest before opening
// its library, run by module authors' builds (iro_add_plugin) and by operators vetting a module
// before they install it. Needs no store and runs no plugin code.

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "loader/descriptor_check.hpp"
#include "loader/manifest.hpp"

namespace iro::cli {

namespace {

struct Expectations {
    std::string file;
    std::string id;
    std::string version;
    std::string library;
};

void expect(const std::string& file, const char* field, const std::string& declared,
            const std::string& built) {
    if (!built.empty() && declared != built) {
        throw std::invalid_argument(fmt::format(
            "{}: /{}: the manifest declares '{}' but the build makes '{}'; the host would "
            "refuse the module",
            file, field, declared, built));
    }
}

}  // namespace

void add_manifest_check_command(CLI::App& modules_cmd, const GlobalOptions& options,
                                int& exit_code) {
    auto args = std::make_shared<Expectations>();
    auto* check = modules_cmd.add_subcommand(
        "check-manifest", "Check a module's manifest as the host will before loading it");
    check->add_option("file", args->file, "The manifest (JSON)")->required();
    check->add_option("--expect-id", args->id, "Fail unless the manifest's id is this");
    check->add_option("--expect-version", args->version,
                      "Fail unless the manifest's version is this");
    check->add_option("--expect-library", args->library,
                      "Fail unless the manifest's library is this file name");
    check->callback([&options, &exit_code, args] {
        exit_code = run_guarded([&] {
            loader::Manifest manifest;
            try {
                manifest = loader::read_manifest(args->file);
            } catch (const loader::ManifestError& e) {
                throw std::invalid_argument(e.what());
            }
            if (auto rejection = loader::check_manifest_api(manifest)) {
                throw std::invalid_argument(args->file + ": /api: " + rejection->reason);
            }
            expect(args->file, "id", manifest.id, args->id);
            expect(args->file, "version", manifest.version, args->version);
            expect(args->file, "library", manifest.library_path.filename().string(), args->library);
            const std::string api =
                std::to_string(manifest.api_major) + "." + std::to_string(manifest.api_minor);
            if (options.json) {
                std::cout << nlohmann::json{{"ok", true},
                                            {"id", manifest.id},
                                            {"version", manifest.version},
                                            {"api", api},
                                            {"library", manifest.library_path.filename().string()}}
                                 .dump(2)
                          << "\n";
            } else {
                std::cout << fmt::format("{}: module {} {} (plugin API {}, library {}) is valid\n",
                                         args->file, manifest.id, manifest.version, api,
                                         manifest.library_path.filename().string());
            }
            return 0;
        });
    });
}

}  // namespace iro::cli
