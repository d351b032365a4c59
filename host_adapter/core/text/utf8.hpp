#pragma once
// Strict UTF-8 (RFC 3629): what every text from a file, the network or a command line must be
// before it reaches the store, a warning, an event or a module. Overlong forms, surrogates and
// code points above U+10FFFF are refused, as the JSON library that later serialises the text
// would refuse them.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iro::text {

/// Where `text` stops being UTF-8, and why.
struct Utf8Fault {
    std::size_t byte_offset = 0;  ///< of the first byte of the bad sequence
    std::size_t column = 0;       ///< 1-based, in characters (code points) of `text`
    unsigned char byte = 0;       ///< the first bad byte
    std::string reason;  ///< "byte 0xE9 is not UTF-8: ...", naming the byte, never echoing it
};

/// The first fault in `text`, or nullopt when it is all UTF-8.
std::optional<Utf8Fault> find_utf8_fault(std::string_view text);

/// True when `text` is all UTF-8.
inline bool is_utf8(std::string_view text) {
    return !find_utf8_fault(text);
}

}  // namespace iro::text
