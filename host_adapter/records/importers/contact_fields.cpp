#include "importers/contact_fields.hpp"

#include <algorithm>

namespace iro::importers {

namespace {

bool alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext, less the characters a mailto: link would read as a separator ('?', '&' are
// not atext anyway; '=' '/' '|' '{' '}' and the like are kept out of a work address too).
bool local_char(char c) {
    return alnum(c) || std::string_view("!#$%'*+-^_`~.").find(c) != std::string_view::npos;
}

bool dot_atom(std::string_view text, bool (*allowed)(char)) {
    if (text.empty() || text.front() == '.' || text.back() == '.' ||
        text.find("..") != std::string_view::npos) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), allowed);
}

}  // namespace

bool plausible_email(std::string_view text) {
    const auto at = text.find('@');
    if (text.size() > 254 || at == std::string_view::npos ||
        text.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const auto local = text.substr(0, at);
    const auto domain = text.substr(at + 1);
    const auto label_char = [](char c) { return alnum(c) || c == '-' || c == '.'; };
    return local.size() <= 64 && dot_atom(local, local_char) &&
           domain.find('.') != std::string_view::npos && dot_atom(domain, label_char);
}

bool plausible_phone(std::string_view text) {
    if (text.empty() || text.size() > 32) {
        return false;
    }
    std::size_t digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (!(c == ' ' || c == '(' || c == ')' || c == '-' || (c == '+' && i == 0))) {
            return false;
        }
    }
    return digits >= 6 && digits <= 15;
}

}  // namespace iro::importers
