#include "loader/manifest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

#include "iro/plugin_api/api_version.hpp"
#include "schema/json_schema.hpp"
#include "schema/json_text.hpp"

namespace iro::loader {

bool Manifest::subscribes_to(plugin::EventKind kind) const {
    return std::find(events.begin(), events.end(), kind) != events.end();
}

namespace {

nlohmann::json defaults_of(const nlohmann::json& config_schema) {
    nlohmann::json defaults = nlohmann::json::object();
    if (auto props = config_schema.find("properties");
        props != config_schema.end() && props->is_object()) {
        for (const auto& [key, property] : props->items()) {
            if (property.is_object() && property.contains("default")) {
                defaults[key] = property["default"];
            }
        }
    }
    return defaults;
}

// A manifest is a few kilobytes.
constexpr std::uintmax_t kMaxManifestBytes = std::uintmax_t{1} << 20;

// The manifest's text. Anything but a small regular file is refused before it is opened: a FIFO
// named *.json would block the host's start until someone wrote to it, a device could be read
// forever, and a file of megabytes is not a manifest.
std::string manifest_text(const std::filesystem::path& manifest_path, const std::string& where) {
    std::error_code ec;
    const auto status = std::filesystem::status(manifest_path, ec);
    if (ec) {
        throw ManifestError(where + ": cannot be read: " + ec.message());
    }
    if (!std::filesystem::is_regular_file(status)) {
        throw ManifestError(where + ": not a regular file (a FIFO, a device or a directory)");
    }
    const auto size = std::filesystem::file_size(manifest_path, ec);
    if (ec) {
        throw ManifestError(where + ": cannot be read: " + ec.message());
    }
    if (size > kMaxManifestBytes) {
        throw ManifestError(where + ": " + std::to_string(size) +
                            " bytes, over the limit of 1 MiB for a manifest");
    }
    std::ifstream in(manifest_path, std::ios::binary);
    if (!in) {
        throw ManifestError(where + ": cannot be read");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

Manifest read_manifest(const std::filesystem::path& manifest_path) {
    const std::string where = "manifest " + manifest_path.string();
    nlohmann::json doc;
    try {
        doc = schema::parse_json_input(manifest_text(manifest_path, where));
    } catch (const schema::JsonInputRefused& e) {
        throw ManifestError(where + ":" + e.what());
    }

    const auto schema =
        schema::JsonSchema::compile(schema::embedded_schema("plugin-manifest.schema.json"));
    if (auto violations = schema.validate(doc); !violations.empty()) {
        throw ManifestError(where + ": " + schema::describe(violations));
    }

    Manifest m;
    m.manifest_path = std::filesystem::absolute(manifest_path).lexically_normal();
    m.library_path = m.manifest_path.parent_path() / doc.at("library").get<std::string>();
    m.id = doc.at("id").get<std::string>();
    m.version = doc.at("version").get<std::string>();
    const std::string api = doc.at("api_version").get<std::string>();
    const auto dot = api.find('.');
    try {
        m.api_major = static_cast<std::uint16_t>(std::stoul(api.substr(0, dot)));
        m.api_minor = static_cast<std::uint16_t>(std::stoul(api.substr(dot + 1)));
    } catch (const std::exception&) {
        throw ManifestError(where + ": /api_version: '" + api + "' is not MAJOR.MINOR");
    }
    m.description = doc.at("description").get<std::string>();
    for (const auto& name : doc.at("events")) {
        const auto kind = *plugin::event_kind_from_string(name.get<std::string>());
        if (plugin::since_api_minor(kind) > m.api_minor && m.api_major == plugin::kApiMajor) {
            throw ManifestError(fmt::format(
                "{}: /events: {} needs api_version {}.{} or later; the manifest declares {}", where,
                name.get<std::string>(), plugin::kApiMajor, plugin::since_api_minor(kind), api));
        }
        m.events.push_back(kind);
    }
    if (const auto requests = doc.find("requests"); requests != doc.end()) {
        if (!requests->empty() && m.api_major == plugin::kApiMajor && m.api_minor < 1) {
            throw ManifestError(where + ": /requests: requests need api_version 1.1 or later; " +
                                "the manifest declares " + api);
        }
        for (const auto& name : *requests) {
            m.requests.insert(name.get<std::string>());
        }
    }
    m.config_schema = doc.at("config_schema");
    m.enabled_by_default = doc.at("enabled_by_default").get<bool>();
    for (const auto& kind : doc.at("records").at("reads")) {
        m.reads.insert(kind.get<std::string>());
    }
    for (const auto& kind : doc.at("records").at("writes")) {
        m.writes.insert(kind.get<std::string>());
    }

    try {
        const auto config_schema = schema::JsonSchema::compile(m.config_schema);
        m.config_defaults = defaults_of(m.config_schema);
        if (auto violations = config_schema.validate(m.config_defaults); !violations.empty()) {
            throw ManifestError(where + ": /config_schema: its defaults do not satisfy it: " +
                                schema::describe(violations));
        }
    } catch (const schema::InvalidSchema& e) {
        throw ManifestError(where + ": /config_schema: not a usable JSON Schema: " + e.what());
    }
    return m;
}

std::optional<std::string> declared_id(const std::filesystem::path& manifest_path) noexcept {
    try {
        const auto doc = schema::parse_json_input(manifest_text(manifest_path, ""));
        if (doc.is_object() && doc.contains("id") && doc["id"].is_string() &&
            !doc["id"].get<std::string>().empty()) {
            return doc["id"].get<std::string>();
        }
    } catch (...) {
        // Unreadable: the caller falls back to the file name.
    }
    return std::nullopt;
}

std::vector<std::filesystem::path> manifest_files(const std::filesystem::path& plugin_dir) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& item : std::filesystem::directory_iterator(plugin_dir, ec)) {
        if (item.path().extension() == ".json") {
            files.push_back(std::filesystem::absolute(item.path()).lexically_normal());
        }
    }
    if (ec) {
        throw std::runtime_error("plugin directory " + plugin_dir.string() +
                                 " cannot be read: " + ec.message());
    }
    std::sort(files.begin(), files.end());
    return files;
}

nlohmann::json effective_config(const Manifest& manifest, const nlohmann::json* stored) {
    nlohmann::json config = manifest.config_defaults;
    if (stored != nullptr && stored->is_object()) {
        for (const auto& [key, value] : stored->items()) {
            config[key] = value;
        }
    }
    return config;
}

}  // namespace iro::loader
