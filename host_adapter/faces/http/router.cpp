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

// Calls `each(name, value)` with each name=value pair of `query`, percent-decoded (nullopt for a
// part that does not decode), in order, while it returns true. True when it never returned false.
template <class Each>
bool each_pair(std::string_view query, Each&& each) {
    std::size_t start = 0;
    while (start < query.size()) {
        const auto end = std::min(query.find('&', start), query.size());
        const auto pair = query.substr(start, end - start);
        const auto eq = pair.find('=');
        auto name = decode(pair.substr(0, eq), true);
        auto value = decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
        if (!each(name, value)) {
            return false;
        }
        start = end + 1;
    }
    return true;
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
    return each_pair(query, [](const auto& name, const auto& value) { return name && value; });
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
    each_pair(query, [&](std::optional<std::string>& name, std::optional<std::string>& value) {
        if (name && value && !name->empty()) {
            params.emplace_back(std::move(*name), std::move(*value));
        }
        return true;
    });
    return params;
}

}  // namespace iro::http
