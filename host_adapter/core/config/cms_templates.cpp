#include "config/cms_templates.hpp"

#include <fmt/format.h>

#include <functional>
#include <stdexcept>

#include "text/percent_encoding.hpp"

namespace iro::writeback {

namespace {

bool is_name(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) {
        return false;
    }
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
            return false;
        }
    }
    return true;
}

// Calls `on_field` for each placeholder and `on_text` for the text between them.
void scan(std::string_view text, const std::function<void(std::string_view)>& on_text,
          const std::function<void(std::string_view)>& on_field) {
    std::size_t at = 0;
    while (at < text.size()) {
        const auto open = text.find('{', at);
        if (open == std::string_view::npos) {
            on_text(text.substr(at));
            return;
        }
        on_text(text.substr(at, open - at));
        const auto close = text.find('}', open);
        if (close == std::string_view::npos) {
            throw std::invalid_argument(fmt::format("'{}': a '{{' is never closed", text));
        }
        const auto name = text.substr(open + 1, close - open - 1);
        if (!is_name(name)) {
            throw std::invalid_argument(
                fmt::format("'{}': '{{{}}}' is not a field name (letters, digits, _)", text, name));
        }
        on_field(name);
        at = close + 1;
    }
}

const nlohmann::json& field(const nlohmann::json& fields, std::string_view name) {
    const auto it = fields.find(name);
    if (it == fields.end()) {
        std::string known;
        for (const auto& [key, value] : fields.items()) {
            known += (known.empty() ? "" : ", ") + key;
        }
        throw std::invalid_argument(fmt::format(
            "the template names {{{}}}, which the item does not have (it has: {})", name, known));
    }
    return *it;
}

std::string as_text(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string fill(std::string_view text, const nlohmann::json& fields, bool encode) {
    std::string out;
    scan(
        text, [&](std::string_view plain) { out += plain; },
        [&](std::string_view name) {
            const std::string value = as_text(field(fields, name));
            if (!encode) {
                out += value;
                return;
            }
            out += text::percent_encode(value);
        });
    return out;
}

}  // namespace

void check_text_template(std::string_view text) {
    scan(
        text, [](std::string_view) {}, [](std::string_view) {});
}

void check_body_template(const nlohmann::json& body) {
    if (body.is_string()) {
        check_text_template(body.get<std::string>());
    } else if (body.is_structured()) {
        for (const auto& item : body) {
            check_body_template(item);
        }
    }
}

std::string render_path(std::string_view path, const nlohmann::json& fields) {
    return fill(path, fields, /*encode=*/true);
}

nlohmann::json render_body(const nlohmann::json& body, const nlohmann::json& fields) {
    if (body.is_string()) {
        const auto text = body.get<std::string>();
        if (text.size() > 2 && text.front() == '{' && text.back() == '}' &&
            text.find('{', 1) == std::string::npos && is_name(text.substr(1, text.size() - 2))) {
            return field(fields, std::string_view(text).substr(1, text.size() - 2));
        }
        return fill(text, fields, /*encode=*/false);
    }
    if (body.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, value] : body.items()) {
            out[key] = render_body(value, fields);
        }
        return out;
    }
    if (body.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& value : body) {
            out.push_back(render_body(value, fields));
        }
        return out;
    }
    return body;
}

}  // namespace iro::writeback
