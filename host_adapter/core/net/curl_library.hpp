#pragma once
// libcurl, loaded the first time the host talks to a CMS or a mail server rather than when it
// starts. Linked in, it cost every iro-host command about 15 ms before main(): libcurl brings 32
// shared libraries (TLS, LDAP, Kerberos, SSH, IDN, ...), and most commands (imports, ticks,
// reports, the checks an operator runs) never use it. The host package depends on libcurl4
// itself, as dpkg-shlibdeps no longer sees the library (packaging/CMakeLists.txt).

#include <curl/curl.h>

namespace iro::net {

/// The libcurl functions the host uses.
struct CurlLibrary {
    decltype(&::curl_easy_init) easy_init;
    decltype(&::curl_easy_cleanup) easy_cleanup;
    decltype(&::curl_easy_reset) easy_reset;
    decltype(&::curl_easy_setopt) easy_setopt;
    decltype(&::curl_easy_perform) easy_perform;
    decltype(&::curl_easy_getinfo) easy_getinfo;
    decltype(&::curl_easy_strerror) easy_strerror;
    decltype(&::curl_easy_escape) easy_escape;
    decltype(&::curl_free) free;
    decltype(&::curl_slist_append) slist_append;
    decltype(&::curl_slist_free_all) slist_free_all;
    decltype(&::curl_getdate) getdate;
};

/// libcurl, loaded and globally initialised on the first call (once, whichever thread calls);
/// std::runtime_error naming the library when it cannot be loaded or initialised.
const CurlLibrary& libcurl();

}  // namespace iro::net
