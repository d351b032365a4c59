#pragma once
// Helpers for a module's check_settings (API 1.5), so modules report problems with their
// settings alike: each with the JSON pointer of its field.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iro/plugin_api/questionnaires.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::plugin {

/// The problem a settings reader reported as "ladder[2].id: 'x' is used twice": the field as a
/// JSON pointer (/ladder/2/id) and the rest as the message. A message without a field first
/// concerns the settings as a whole (pointer "").
inline SchemaViolation violation_from_message(std::string_view text) {
    const auto colon = text.find(": ");
    const std::string_view field = colon == std::string_view::npos ? "" : text.substr(0, colon);
    if (field.empty() || field.find_first_of(" '\"") != std::string_view::npos) {
        return {"", std::string(text)};
    }
    std::string pointer = "/";
    for (const char c : field) {
        if (c == '.' || c == '[') {
            pointer += '/';
        } else if (c != ']') {
            pointer += c;
        }
    }
    return {pointer, std::string(text.substr(colon + 2))};
}

/// The problem a settings reader (one that throws std::invalid_argument "field: why") finds in
/// the settings it reads; empty when it reads them.
template <class Reader>
std::vector<SchemaViolation> problems_reading(Reader&& read) {
    try {
        std::forward<Reader>(read)();
        return {};
    } catch (const std::invalid_argument& e) {
        return {violation_from_message(e.what())};
    }
}

/// A setting at `pointer` naming the questionnaire `id`: one of those defined, once any is (a
/// store no questionnaire module has run in cannot say). nullopt when acceptable.
inline std::optional<SchemaViolation> questionnaire_setting_problem(const Questionnaires& known,
                                                                    std::string pointer,
                                                                    const std::string& id) {
    const auto ids = known.defined_ids();
    if (ids.empty() || known.definition(id, 0)) {
        return std::nullopt;
    }
    std::string defined;
    for (const auto& each : ids) {
        defined += (defined.empty() ? "" : ", ") + each;
    }
    return SchemaViolation{std::move(pointer),
                           "no questionnaire '" + id + "' is defined (defined: " + defined + ")"};
}

}  // namespace iro::plugin
