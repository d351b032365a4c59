// A module's manifest (schemas/plugin-manifest.schema.json), read before any of its code runs:
// JSON limits, schema, API version, events, the configuration schema and its defaults.
// Refusal is ManifestError.
#include <cstdint>

#include "fuzz_support.hpp"
#include "loader/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    const auto file = fuzz::scratch_dir() / "module.json";
    fuzz::write_file(file, fuzz::as_text(data, size));
    try {
        const auto manifest = loader::read_manifest(file);
        (void)loader::effective_config(manifest, nullptr);
        (void)loader::effective_config(manifest, &manifest.config_defaults);
    } catch (const loader::ManifestError&) {
    } catch (const std::exception& e) {
        fuzz::undocumented(e);
    }
    (void)loader::declared_id(file);  // noexcept: a throw ends the process
    return 0;
}
