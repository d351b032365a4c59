#include "http/router.hpp"

#include "text/utf8.hpp"

namespace iro::http {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::optional<std::string> decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    // What a request spells with escapes is text like any other: %E9 (Latin-1) is refused here,
    // before it can reach a note, a log or the store.
    if (!text::is_utf8(out)) {
        return std::nullopt;
    }
    return out;
}

}  // namespace

std::optional<std::vector<std::string>> split_path(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        return std::nullopt;
    }
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        const auto raw = path.substr(start, end - start);
        auto segment = decode(raw, false);
        if (!segment || segment->find('/') != std::string::npos) {
            return std::nullopt;
        }
        if (!(end == path.size() && raw.empty() && !segments.empty())) {
            segments.push_back(std::move(*segment));
        }
        start = end + 1;
    }
    return segments;
}

std::optional<std::string> decode_component(std::string_view text) {
    return decode(text, true);
}

bool query_decodes(std::string_view query) {
    std::size_t start = 0;
    while (start < query.size()) {
        const auto end = std::min(query.find('&', start), query.size());
        const auto pair = query.substr(start, end - start);
        const auto eq = pair.find('=');
        if (!decode_component(pair.substr(0, eq)) ||
            (eq != std::string_view::npos && !decode_component(pair.substr(eq + 1)))) {
            return false;
        }
        start = end + 1;
    }
    return true;
}

Params parse_query(std::string_view query) {
    Params params;
    for (auto& [name, value] : parse_pairs(query)) {
        params[name] = std::move(value);
    }
    return params;
}

std::vector<std::pair<std::string, std::string>> parse_pairs(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t start = 0;
    while (start < query.size()) {
        const auto end = std::min(query.find('&', start), query.size());
        const auto pair = query.substr(start, end - start);
        const auto eq = pair.find('=');
        auto name = decode_component(pair.substr(0, eq));
        auto value = decode_component(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (name && value && !name->empty()) {
            params.emplace_back(std::move(*name), std::move(*value));
        }
        start = end + 1;
    }
    return params;
}

}  // namespace iro::http
