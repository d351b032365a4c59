#include "cli/exit_codes.hpp"

namespace iro::cli {

int exit_code(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid:
        case ErrorKind::forbidden:
        case ErrorKind::not_found:
        case ErrorKind::conflict:
            return kExitRefused;
        case ErrorKind::unavailable:
        case ErrorKind::failed:
            return kExitFailed;
    }
    return kExitFailed;
}

}  // namespace iro::cli
