// What the HTTP service does with a request line before any handler runs: the path split and
// percent-decoded (http/router.hpp), the query decoded into parameters, UTF-8 checked, and the
// result matched against the service's own route table. The input is a request target.
#include <cstdint>

#include "api/service.hpp"
#include "fuzz_support.hpp"
#include "http/router.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iro;
    namespace bh = boost::beast::http;
    static const auto router = [] {
        http::Router<int> r;
        int n = 0;
        for (const auto& [method, pattern] : api::route_table()) {
            r.add(bh::string_to_verb(method), pattern, n++);
        }
        return r;
    }();
    const auto target = fuzz::as_text(data, size);
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    const auto query =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    for (const auto method : {bh::verb::get, bh::verb::post, bh::verb::delete_}) {
        const auto match = router.match(method, path);
        if (match.route != nullptr && match.malformed) {
            __builtin_trap();
        }
        // A route matched carries one value per {name} in its pattern.
        if (match.route != nullptr) {
            std::size_t names = 0;
            for (const auto& segment : match.route->segments) {
                names += segment.size() > 2 && segment.front() == '{' ? 1 : 0;
            }
            if (names != match.params.size()) {
                __builtin_trap();
            }
        }
    }
    (void)http::decode_component(path);
    if (http::query_decodes(query)) {
        (void)http::parse_query(query);
        (void)http::parse_pairs(query);
    }
    (void)text::find_utf8_fault(target);
    return 0;
}
