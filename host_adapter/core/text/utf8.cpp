#include "text/utf8.hpp"

#include <fmt/format.h>

namespace iro::text {

namespace {

// The length of the UTF-8 sequence at text[i], or 0 when it is not one. Table 3-7 of the Unicode
// Standard: the second byte's range depends on the first, which rules out overlong forms,
// surrogates and code points past U+10FFFF.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto at = [&](std::size_t k) -> unsigned {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0x100U;
    };
    const unsigned b0 = at(0);
    if (b0 < 0x80) {
        return 1;
    }
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    std::size_t length = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        lo = b0 == 0xE0 ? 0xA0 : 0x80;
        hi = b0 == 0xED ? 0x9F : 0xBF;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        lo = b0 == 0xF0 ? 0x90 : 0x80;
        hi = b0 == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (at(1) < lo || at(1) > hi) {
        return 0;
    }
    for (std::size_t k = 2; k < length; ++k) {
        if (at(k) < 0x80 || at(k) > 0xBF) {
            return 0;
        }
    }
    return length;
}

}  // namespace

std::optional<Utf8Fault> find_utf8_fault(std::string_view text) {
    std::size_t column = 1;
    for (std::size_t i = 0; i < text.size(); ++column) {
        const std::size_t length = sequence_length(text, i);
        if (length == 0) {
            const auto byte = static_cast<unsigned char>(text[i]);
            const bool lead = byte >= 0xC2 && byte <= 0xF4;
            const std::size_t wanted = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
            if (lead && i + 1 < text.size() && i + wanted > text.size()) {
                bool continues = true;  // every byte to the end is a continuation byte
                for (std::size_t k = i + 1; k < text.size(); ++k) {
                    const auto next = static_cast<unsigned char>(text[k]);
                    continues = continues && next >= 0x80 && next <= 0xBF;
                }
                if (continues) {
                    return Utf8Fault{i, column, byte,
                                     fmt::format("byte 0x{:02X} starts a UTF-8 character the text "
                                                 "ends inside (was it cut short?)",
                                                 byte)};
                }
            }
            // Windows-1252 and Latin-1 put accented letters, curly quotes and the pound sign in
            // 0x80-0xFF as single bytes: the commonest reason a council's export is not UTF-8.
            return Utf8Fault{
                i, column, byte,
                fmt::format("byte 0x{:02X} is not UTF-8 (the text looks like Windows-1252 or "
                            "Latin-1, as some Windows exports write it: save or export it as "
                            "UTF-8)",
                            byte)};
        }
        i += length;
    }
    return std::nullopt;
}

}  // namespace iro::text
