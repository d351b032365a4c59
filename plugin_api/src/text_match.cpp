#include "iro/plugin_api/text_match.hpp"

namespace iro::plugin {

std::string normalised_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        // U+2013 en dash, U+2014 em dash, U+2212 minus: '-'; U+2018, U+2019 quotes: '\''.
        if (c == 0xE2 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            if ((b1 == 0x80 && (b2 == 0x93 || b2 == 0x94)) || (b1 == 0x88 && b2 == 0x92)) {
                c = '-';
                i += 2;
            } else if (b1 == 0x80 && (b2 == 0x98 || b2 == 0x99)) {
                c = '\'';
                i += 2;
            }
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    }
    return out;
}

}  // namespace iro::plugin
