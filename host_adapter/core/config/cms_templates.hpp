#pragma once
// The route templates of the write-back configuration: "{field}" placeholders in a path or a JSON
// body, filled from an item's fields.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace iro::writeback {

/// Throws std::invalid_argument when a placeholder is unterminated or not a field name
/// ([A-Za-z_][A-Za-z0-9_]*) in `text`, or anywhere in the strings of `body`.
void check_text_template(std::string_view text);
void check_body_template(const nlohmann::json& body);

/// The path with each {field} replaced by the field's text, percent-encoded for a path segment.
/// Throws std::invalid_argument naming a field the item does not have.
std::string render_path(std::string_view path, const nlohmann::json& fields);

/// The body with its placeholders filled: a string that is exactly "{field}" becomes the field's
/// JSON value; placeholders inside longer strings become the field's text. Throws
/// std::invalid_argument naming a field the item does not have.
nlohmann::json render_body(const nlohmann::json& body, const nlohmann::json& fields);

}  // namespace iro::writeback
