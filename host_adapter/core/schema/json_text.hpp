#pragma once
// JSON from outside the host (a file, a command-line option, a request body, an event line),
// parsed within bounds, and where a document stopped parsing, said the way people find it in an
// editor.

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "common/error.hpp"

namespace iro::schema {

/// "4:15: invalid JSON: syntax error while parsing object - unexpected string literal": the line
/// and column of `error` in `text`, then nlohmann's reason without its own position.
std::string describe_parse_error(const std::string& text, const nlohmann::json::parse_error& error);

/// JSON from outside the host that cannot be taken: not UTF-8, not JSON, nested deeper than the
/// limit, a number beyond a double's range, or a key given twice in one object.
class JsonInputRefused : public Error {
  public:
    /// what(): "line:column: reason", or the reason alone when no one place is at fault.
    JsonInputRefused(const std::string& position, const std::string& reason, std::size_t byte,
                     std::optional<std::string> pointer = std::nullopt)
        : Error(ErrorKind::invalid, position.empty() ? reason : position + ": " + reason),
          position_(position),
          reason_(reason),
          byte_(byte),
          pointer_(std::move(pointer)) {}
    /// Where, "line:column" (after the file, when read_json_file read one); empty when no one
    /// place is at fault.
    const std::string& position() const noexcept { return position_; }
    /// Why, without the place (for a caller that names the place its own way).
    const std::string& reason() const noexcept { return reason_; }
    /// The 1-based byte where the input was refused (0 when it is the whole input).
    std::size_t byte() const noexcept { return byte_; }
    /// For a well-formed document refused for a limit (nesting, a number's range, a repeated
    /// key): the JSON pointer (RFC 6901) of the value at fault ("" is the whole document).
    /// Absent when the text is not JSON at all.
    const std::optional<std::string>& pointer() const noexcept { return pointer_; }

  private:
    std::string position_;
    std::string reason_;
    std::size_t byte_;
    std::optional<std::string> pointer_;
};

/// Parses `text`, JSON from outside the host, within bounds: UTF-8 checked first, nesting at
/// most `max_depth` (the parser recurses, and a deep enough document exhausts the stack), numbers
/// within a double's range, each key once per object (with two, which one counts is a guess).
/// Throws JsonInputRefused: "line:column: reason".
nlohmann::json parse_json_input(std::string_view text, int max_depth = 64);

/// The JSON document in `file` (a configuration, a note, a module's settings: files from
/// outside the host), read whole and parsed by parse_json_input. Throws JsonInputRefused whose
/// what() starts with the file: "FILE: cannot be read" or "FILE:LINE:COLUMN: reason".
nlohmann::json read_json_file(const std::filesystem::path& file, int max_depth = 64);

}  // namespace iro::schema
