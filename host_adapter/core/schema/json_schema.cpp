#include "schema/json_schema.hpp"

#include <algorithm>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/schema_patterns.hpp"
#include "schema/valijson_boost_regex.hpp"

namespace iro::schemas_embedded {
std::string_view embedded_file(std::string_view name);
}

namespace iro::schema {

JsonSchema JsonSchema::compile(const nlohmann::json& schema_document) {
    auto schema = std::make_shared<valijson::Schema>();
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::NlohmannJsonAdapter adapter(schema_document);
        parser.populateSchema(adapter, *schema);
    } catch (const std::exception& e) {
        throw InvalidSchema(e.what());
    }
    auto patterns = std::make_shared<const SchemaPatterns>(SchemaPatterns::of(schema_document));
    return JsonSchema(std::move(schema), std::move(patterns));
}

namespace {

// valijson's context is like ["<root>", "[events]", "[0]"]; turn it into "/events/0".
std::string pointer_from_context(const std::vector<std::string>& context) {
    std::string pointer;
    for (const std::string& part : context) {
        if (part == "<root>") {
            continue;
        }
        std::string token = part;
        if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
            token = token.substr(1, token.size() - 2);
        }
        if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
            token = token.substr(1, token.size() - 2);
        }
        pointer += "/" + token;
    }
    return pointer;
}

}  // namespace

std::vector<Violation> JsonSchema::validate(const nlohmann::json& document) const {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    const LentPatterns lent(*patterns_);
    try {
        if (validator.validate(*schema_, adapter, &results)) {
            return {};
        }
    } catch (const std::exception& e) {
        // valijson throws on what it cannot handle (a schema and value it does not expect
        // together); the document is then not known to conform.
        return {{"", std::string("could not be checked against the schema: ") + e.what()}};
    }
    std::vector<Violation> violations;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        violations.push_back({pointer_from_context(error.context), error.description});
    }
    // valijson reports each failing subschema on the way up; the deepest ones name the cause.
    std::vector<Violation> specific;
    for (const Violation& v : violations) {
        const bool has_deeper =
            std::any_of(violations.begin(), violations.end(), [&](const Violation& o) {
                return o.pointer.size() > v.pointer.size() &&
                       o.pointer.rfind(v.pointer + "/", 0) == 0;
            });
        const bool generic = v.message.rfind("Failed to validate against schema", 0) == 0 ||
                             v.message.rfind("Failed to validate item", 0) == 0 ||
                             v.message.rfind("Failed to validate against child schema", 0) == 0;
        if (!(has_deeper && generic)) {
            specific.push_back(v);
        }
    }
    return specific.empty() ? violations : specific;
}

namespace {
template <class Each>
std::string describe_each(const std::vector<Each>& violations) {
    std::string text;
    for (const Each& v : violations) {
        if (!text.empty()) {
            text += "; ";
        }
        text += (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
    }
    return text;
}
}  // namespace

std::string describe(const std::vector<Violation>& violations) {
    return describe_each(violations);
}

std::string describe(const std::vector<plugin::SchemaViolation>& violations) {
    return describe_each(violations);
}

nlohmann::json embedded_schema(std::string_view relative_path) {
    const std::string_view text = schemas_embedded::embedded_file(relative_path);
    if (text.empty()) {
        throw InvalidSchema("no schema " + std::string(relative_path) + " is built into iro-host");
    }
    return nlohmann::json::parse(text);
}

}  // namespace iro::schema
