#pragma once
// One self-contained document from a document whose "$ref"s lead to other files: the OpenAPI
// document refers to the JSON Schemas beside it (schemas/api, schemas/events, schemas/notes), and
// a client generator fetching it from the service can follow only references inside it.

#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iro::schema {

/// A reference that leads nowhere, or two files that would share a component name.
class BundleError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The file a relative path names, as parsed JSON. Throws when there is none.
using SchemaLoader = std::function<nlohmann::json(const std::string& path)>;

/// The OpenAPI document at `root_path` with each file it references, directly or through other
/// files, placed once under /components/schemas and every "$ref" pointing there: a file's name
/// becomes the component's ("api/qaf-response.schema.json" is QafResponse, "notes/rag.schema.json"
/// NotesRag), and a reference inside a file ("#/definitions/date") is rewritten to reach into its
/// component. The files' "$schema" and "$id" are dropped: the document is their dialect's scope.
nlohmann::json bundle_openapi(const std::string& root_path, const SchemaLoader& load);

/// The component name for a schema file's path (see bundle_openapi).
std::string component_name(std::string_view path);

/// The path `reference` names, relative to the file at `from` ("api/x.json" and "../notes/y.json"
/// give "notes/y.json"). Throws BundleError when it climbs out of the root.
std::string resolve_relative(std::string_view from, std::string_view reference);

}  // namespace iro::schema
