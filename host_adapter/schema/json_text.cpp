#include "schema/json_text.hpp"

#include <algorithm>

namespace iro::schema {

std::string describe_parse_error(const std::string& text,
                                 const nlohmann::json::parse_error& error) {
    // nlohmann reports the 1-based byte offset of the character it stopped at.
    std::size_t line = 1;
    std::size_t column = 0;
    const std::size_t end = std::min(error.byte, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 0;
        } else {
            ++column;
        }
    }
    // Its message repeats the position ("... at line 4, column 15: <reason>"); keep the reason.
    const std::string what = error.what();
    const auto at = what.find("column ");
    const auto reason = at == std::string::npos ? at : what.find(": ", at);
    return std::to_string(line) + ":" + std::to_string(column) +
           ": invalid JSON: " + (reason == std::string::npos ? what : what.substr(reason + 2));
}

}  // namespace iro::schema
