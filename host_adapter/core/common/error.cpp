#include "common/error.hpp"

namespace iro {

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid:
            return "invalid";
        case ErrorKind::forbidden:
            return "forbidden";
        case ErrorKind::not_found:
            return "not-found";
        case ErrorKind::conflict:
            return "conflict";
        case ErrorKind::unavailable:
            return "unavailable";
        case ErrorKind::failed:
            return "failed";
    }
    return "failed";
}

}  // namespace iro
