// The signed-request check a CMS integration's calls pass (auth/signed_requests.hpp): client,
// timestamp window, nonce form, HMAC signature, replay, acting user. The input is up to four
// requests separated by a line "---", each seven lines (method, target, client, timestamp, nonce,
// acting user, signature) then its body. A signature "SIGN" is replaced by the right one, so the
// fuzzer also reaches what lies behind a good signature. Refusal is NotAuthenticated.
#include <cstdint>
#include <vector>

#include "auth/api_tokens.hpp"
#include "auth/signed_requests.hpp"
#include "fuzz_support.hpp"

namespace {

std::vector<std::string_view> split(std::string_view text, std::string_view separator,
                                    std::size_t max_parts) {
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < max_parts) {
        const auto at = text.find(separator);
        if (at == std::string_view::npos) {
            break;
        }
        parts.push_back(text.substr(0, at));
        text.remove_prefix(at + separator.size());
    }
    parts.push_back(text);
    return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    static const auth::SigningKey key(fuzz::scratch_dir() / "signing.key");
    // 2024-06-30T12:00:00Z
    const std::chrono::system_clock::time_point now{std::chrono::seconds{1719748800}};
    auto db = fuzz::fresh_store();
    const auto secret = auth::add_integration(db, key, "cms", {"fuzz", "2024-06-30T12:00:00Z"});
    for (const auto text : split(fuzz::as_text(data, size), "\n---\n", 4)) {
        const auto lines = split(text, "\n", 8);
        if (lines.size() < 8) {
            continue;
        }
        auth::SignedRequest request{std::string(lines[0]), std::string(lines[1]),
                                    std::string(lines[7]), std::string(lines[2]),
                                    std::string(lines[3]), std::string(lines[4]),
                                    std::string(lines[5]), std::string(lines[6])};
        if (request.signature == "SIGN") {
            request.signature = auth::sign(request, secret);
        }
        try {
            (void)auth::verify_signed_request(db, key, request, now);
        } catch (const auth::NotAuthenticated&) {
        } catch (const std::exception& e) {
            iro::fuzz::undocumented(e);
        }
    }
    return 0;
}
