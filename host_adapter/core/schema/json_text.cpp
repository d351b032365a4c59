#include "schema/json_text.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <vector>

#include "text/utf8.hpp"

namespace iro::schema {

namespace {

// "line:column" of the 1-based byte `byte` in `text`.
std::string position(std::string_view text, std::size_t byte) {
    std::size_t line = 1;
    std::size_t column = 0;
    const std::size_t end = std::min(byte, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 0;
        } else {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

// Thrown from the parser's callback, which sees no byte offsets; caught below.
struct TooDeep {};
struct RepeatedKey {
    std::string key;
};

}  // namespace

// nlohmann's reason for `error` without its own position ("... at line 4, column 15: <reason>").
std::string reason_of(const nlohmann::json::parse_error& error) {
    const std::string what = error.what();
    const auto at = what.find("column ");
    const auto reason = at == std::string::npos ? at : what.find(": ", at);
    return "invalid JSON: " + (reason == std::string::npos ? what : what.substr(reason + 2));
}

std::string describe_parse_error(const std::string& text,
                                 const nlohmann::json::parse_error& error) {
    // nlohmann reports the 1-based byte offset of the character it stopped at.
    return position(text, error.byte) + ": " + reason_of(error);
}

nlohmann::json parse_json_input(std::string_view text, int max_depth) {
    if (const auto fault = text::find_utf8_fault(text)) {
        throw JsonInputRefused(position(text, fault->byte_offset + 1),
                               "not UTF-8 text: " + fault->reason, fault->byte_offset + 1);
    }
    // Where the parser is: each open container, innermost last, with the keys seen so far in an
    // object and the index of the next element in an array.
    struct Open {
        bool array = false;
        std::size_t next = 0;  // array: the index of the next element
        std::string key;       // object: the key of the value being read
        std::set<std::string> keys;
    };
    std::vector<Open> open;
    // The JSON pointer of the value being read (RFC 6901: "~" and "/" escaped in keys).
    const auto here = [&] {
        std::string pointer;
        for (const auto& level : open) {
            pointer += '/';
            if (level.array) {
                pointer += std::to_string(level.next);
                continue;
            }
            for (const char c : level.key) {
                pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
            }
        }
        return pointer;
    };
    std::string at_fault;
    const auto check = [&](int depth, nlohmann::json::parse_event_t event,
                           const nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (event == Event::key && !open.empty()) {
            open.back().key = parsed.get<std::string>();  // the place of what follows
        }
        if (depth >= max_depth) {
            at_fault = here();
            throw TooDeep{};
        }
        switch (event) {
            case Event::object_start:
            case Event::array_start:
                open.push_back({event == Event::array_start, 0, {}, {}});
                break;
            case Event::object_end:
            case Event::array_end:
                if (!open.empty()) {
                    open.pop_back();
                }
                if (!open.empty() && open.back().array) {
                    ++open.back().next;  // the container just closed was an element
                }
                break;
            case Event::key:
                if (!open.empty()) {
                    if (!open.back().keys.insert(open.back().key).second) {
                        at_fault = here();
                        throw RepeatedKey{open.back().key};
                    }
                }
                break;
            case Event::value:
                if (!open.empty() && open.back().array) {
                    ++open.back().next;
                }
                break;
        }
        return true;
    };
    const std::string owned(text);
    try {
        return nlohmann::json::parse(owned, check);
    } catch (const nlohmann::json::parse_error& e) {
        throw JsonInputRefused(position(owned, e.byte), reason_of(e), e.byte);
    } catch (const nlohmann::json::out_of_range&) {
        throw JsonInputRefused("", "a number is beyond the range of a double (such as 1e400)", 0,
                               here());
    } catch (const TooDeep&) {
        throw JsonInputRefused("", "nested more than " + std::to_string(max_depth) + " levels deep",
                               0, at_fault);
    } catch (const RepeatedKey& repeated) {
        throw JsonInputRefused("", "the key \"" + repeated.key + "\" is given twice in one object",
                               0, at_fault);
    }
}

nlohmann::json read_json_file(const std::filesystem::path& file, int max_depth) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw JsonInputRefused(file.string(), "cannot be read", 0);
    }
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    try {
        return parse_json_input(text, max_depth);
    } catch (const JsonInputRefused& e) {
        throw JsonInputRefused(
            e.position().empty() ? file.string() : file.string() + ":" + e.position(), e.reason(),
            e.byte(), e.pointer());
    }
}

}  // namespace iro::schema
