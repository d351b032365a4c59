#pragma once
// Where a JSON document stopped parsing, said the way people find it in an editor.

#include <nlohmann/json.hpp>
#include <string>

namespace iro::schema {

/// "4:15: invalid JSON: syntax error while parsing object - unexpected string literal": the line
/// and column of `error` in `text`, then nlohmann's reason without its own position.
std::string describe_parse_error(const std::string& text, const nlohmann::json::parse_error& error);

}  // namespace iro::schema
