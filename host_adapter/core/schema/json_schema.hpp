#pragma once
// JSON Schema (draft 7) validation with valijson, with violations reported by JSON pointer so an
// administrator can find the field.

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/services.hpp"

namespace valijson {
class Schema;
}

namespace iro::schema {

class SchemaPatterns;

/// The schema document itself is not a usable JSON Schema.
class InvalidSchema : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// One reason a document does not match.
struct Violation {
    std::string pointer;  ///< JSON pointer of the offending value, "" for the root
    std::string message;
};

/// A compiled schema. Immutable; cheap to copy.
class JsonSchema {
  public:
    /// Throws InvalidSchema with valijson's reason, or naming the JSON pointer of a "pattern"
    /// that is not a regular expression.
    static JsonSchema compile(const nlohmann::json& schema_document);

    /// Empty when `document` conforms. A value that cannot be checked in bounded time is a
    /// violation, not an exception.
    std::vector<Violation> validate(const nlohmann::json& document) const;

  private:
    JsonSchema(std::shared_ptr<const valijson::Schema> schema,
               std::shared_ptr<const SchemaPatterns> patterns)
        : schema_(std::move(schema)), patterns_(std::move(patterns)) {}
    std::shared_ptr<const valijson::Schema> schema_;
    std::shared_ptr<const SchemaPatterns> patterns_;
};

/// "/events/0: Value must be one of ...; /id: required" in one line.
std::string describe(const std::vector<Violation>& violations);
/// The same for what a module's own check of its settings found (API 1.5).
std::string describe(const std::vector<plugin::SchemaViolation>& violations);

/// A schema shipped inside the binary (schemas/ in the source tree), by its relative path.
nlohmann::json embedded_schema(std::string_view relative_path);

}  // namespace iro::schema
