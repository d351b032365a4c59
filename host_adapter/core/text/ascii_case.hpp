#pragma once
// Letter case as the standards' names use it: file names, column titles and codes are ASCII, so
// only A-Z fold; every other byte (UTF-8 included) is left as it is.

#include <string>
#include <string_view>

namespace iro::text {

/// `text` with A-Z folded to a-z.
inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

}  // namespace iro::text
