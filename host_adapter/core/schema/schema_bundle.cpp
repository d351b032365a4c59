#include "schema/schema_bundle.hpp"

#include <cctype>
#include <map>
#include <vector>

namespace iro::schema {

namespace {

constexpr std::string_view kComponents = "#/components/schemas/";

class Bundler {
  public:
    explicit Bundler(const SchemaLoader& load) : load_(load) {}

    nlohmann::json run(const std::string& root_path) {
        auto document = load_(root_path);
        rewrite(document, root_path, "");
        auto& schemas = document["components"]["schemas"];
        for (auto& [name, schema] : components_) {
            schemas[name] = std::move(schema);
        }
        return document;
    }

  private:
    /// Rewrites every "$ref" under `node`, which is in the file `file`; `component` is that
    /// file's component name ("" for the root document, whose own references stay as they are).
    void rewrite(nlohmann::json& node, const std::string& file, const std::string& component) {
        if (node.is_array()) {
            for (auto& item : node) {
                rewrite(item, file, component);
            }
            return;
        }
        if (!node.is_object()) {
            return;
        }
        for (auto& [key, value] : node.items()) {
            if (key == "$ref" && value.is_string()) {
                value = target(value.get<std::string>(), file, component);
            } else {
                rewrite(value, file, component);
            }
        }
    }

    std::string target(const std::string& reference, const std::string& file,
                       const std::string& component) {
        const auto hash = reference.find('#');
        const std::string path = reference.substr(0, hash);
        const std::string fragment = hash == std::string::npos ? "" : reference.substr(hash + 1);
        if (!fragment.empty() && fragment[0] != '/') {
            throw BundleError(file + ": \"$ref\": \"" + reference +
                              "\": only JSON pointer fragments are followed");
        }
        if (path.empty()) {
            return component.empty() ? reference : std::string(kComponents) + component + fragment;
        }
        if (path.find("://") != std::string::npos) {
            throw BundleError(file + ": \"$ref\": \"" + reference +
                              "\": only files beside the document are followed");
        }
        const std::string resolved = resolve_relative(file, path);
        return std::string(kComponents) + include(resolved, file) + fragment;
    }

    /// The component holding `path`, loaded and rewritten the first time it is met.
    std::string include(const std::string& path, const std::string& from) {
        std::string name = component_name(path);
        if (const auto it = file_of_.find(name); it != file_of_.end()) {
            if (it->second != path) {
                throw BundleError(path + " and " + it->second + " would both be component " + name);
            }
            return name;
        }
        file_of_.emplace(name, path);
        nlohmann::json schema;
        try {
            schema = load_(path);
        } catch (const std::exception& e) {
            throw BundleError(from + ": \"$ref\" to " + path + ": " + e.what());
        }
        if (schema.is_object()) {
            schema.erase("$schema");
            schema.erase("$id");
        }
        // Placed before its own references are followed, so a file that refers back (directly
        // or round a cycle) finds it there rather than loading it again.
        components_[name] = nlohmann::json();
        rewrite(schema, path, name);
        components_[name] = std::move(schema);
        return name;
    }

    const SchemaLoader& load_;
    std::map<std::string, nlohmann::json> components_;
    std::map<std::string, std::string> file_of_;
};

}  // namespace

std::string component_name(std::string_view path) {
    for (const std::string_view suffix : {".schema.json", ".json"}) {
        if (path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix) {
            path.remove_suffix(suffix.size());
            break;
        }
    }
    // The API's own bodies are the document's vocabulary: Prompt rather than ApiPrompt.
    if (path.substr(0, 4) == "api/") {
        path.remove_prefix(4);
    }
    std::string name;
    bool word_start = true;
    for (const char c : path) {
        if (c == '/' || c == '-' || c == '_' || c == '.') {
            word_start = true;
            continue;
        }
        const auto u = static_cast<unsigned char>(c);
        name += word_start ? static_cast<char>(std::toupper(u)) : c;
        word_start = false;
    }
    return name;
}

std::string resolve_relative(std::string_view from, std::string_view reference) {
    std::vector<std::string> parts;
    const auto slash = from.rfind('/');
    std::string joined = slash == std::string_view::npos
                             ? std::string(reference)
                             : std::string(from.substr(0, slash + 1)) + std::string(reference);
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto end = joined.find('/', start);
        if (end == std::string::npos) {
            end = joined.size();
        }
        const std::string part = joined.substr(start, end - start);
        if (part == "..") {
            if (parts.empty()) {
                throw BundleError(std::string(from) + ": \"$ref\" to " + std::string(reference) +
                                  " leads outside the schemas");
            }
            parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : "/") + part;
    }
    return out;
}

nlohmann::json bundle_openapi(const std::string& root_path, const SchemaLoader& load) {
    return Bundler(load).run(root_path);
}

}  // namespace iro::schema
