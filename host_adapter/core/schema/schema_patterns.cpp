#include "schema/schema_patterns.hpp"

#include <string_view>

#include "schema/json_schema.hpp"

namespace iro::schema {

namespace {

// RFC 6901: "~" and "/" inside a key are escaped.
std::string pointer_token(std::string_view key) {
    std::string token;
    for (const char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

// Keywords whose value is data, not schema: a "pattern" inside an enum value is not a pattern.
bool holds_data(std::string_view keyword) {
    return keyword == "enum" || keyword == "const" || keyword == "default" || keyword == "examples";
}

// Keywords whose value maps names (of properties or definitions) to subschemas, so its keys are
// not keywords: a property may be called "pattern".
bool maps_names(std::string_view keyword) {
    return keyword == "properties" || keyword == "definitions" || keyword == "$defs" ||
           keyword == "dependencies";
}

class Walk {
  public:
    explicit Walk(std::unordered_map<std::string, boost::regex>& compiled) : compiled_(compiled) {}

    // `node` sits where a schema (or an array of schemas, or a keyword's value) may be.
    void schema(const nlohmann::json& node, const std::string& pointer) {
        if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i) {
                schema(node[i], pointer + "/" + std::to_string(i));
            }
            return;
        }
        if (!node.is_object()) {
            return;
        }
        for (const auto& [key, value] : node.items()) {
            const std::string at = pointer + "/" + pointer_token(key);
            if (holds_data(key)) {
                continue;
            }
            if (key == "pattern" && value.is_string()) {
                compile(value.get<std::string>(), at);
            } else if (key == "patternProperties" && value.is_object()) {
                throw InvalidSchema(at +
                                    ": patternProperties is not supported; list the properties "
                                    "or use additionalProperties");
            } else if (maps_names(key) && value.is_object()) {
                for (const auto& [name, subschema] : value.items()) {
                    schema(subschema, at + "/" + pointer_token(name));
                }
            } else {
                schema(value, at);
            }
        }
    }

  private:
    void compile(const std::string& pattern, const std::string& pointer) {
        if (compiled_.count(pattern) != 0) {
            return;
        }
        try {
            compiled_.emplace(pattern, compile_pattern(pattern));
        } catch (const boost::regex_error& e) {
            throw InvalidSchema(pointer + ": not a regular expression: " + e.what());
        }
    }

    std::unordered_map<std::string, boost::regex>& compiled_;
};

}  // namespace

SchemaPatterns SchemaPatterns::of(const nlohmann::json& schema_document) {
    SchemaPatterns patterns;
    Walk(patterns.compiled_).schema(schema_document, "");
    return patterns;
}

const boost::regex* SchemaPatterns::find(const std::string& pattern) const {
    const auto it = compiled_.find(pattern);
    return it == compiled_.end() ? nullptr : &it->second;
}

boost::regex compile_pattern(const std::string& pattern) {
    return boost::regex(pattern, boost::regex::ECMAScript);
}

bool pattern_matches(const boost::regex& pattern, const std::string& value) {
    return boost::regex_search(value, pattern);
}

}  // namespace iro::schema
