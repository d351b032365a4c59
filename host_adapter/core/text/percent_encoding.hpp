#pragma once
// Percent-encoding (RFC 3986, section 2.1) for a value placed in a URL: every byte outside the
// unreserved set (letters, digits, '-', '.', '_', '~') becomes %XX. What comes out is plain ASCII
// with no line break or space, so it is also safe in a header such as Location.

#include <string>
#include <string_view>

namespace iro::text {

/// `value` with every byte outside RFC 3986's unreserved characters written as %XX.
inline std::string percent_encode(std::string_view value) {
    constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                                (u >= '0' && u <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 0x0F];
        }
    }
    return out;
}

}  // namespace iro::text
