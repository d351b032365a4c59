#include "notifications/smtp_sender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "config/cms_config.hpp"
#include "config/loopback_url.hpp"
#include "net/curl_library.hpp"

namespace iro::notifications {

namespace {

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
        }
        for (std::size_t k = 0; k < 4; ++k) {
            out += k <= n ? kBase64[(v >> (18 - 6 * k)) & 0x3FU] : '=';
        }
    }
    return out;
}

// RFC 2047: a header holds ASCII only.
std::string header_text(const std::string& text) {
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    });
    return ascii ? text : "=?UTF-8?B?" + base64(text) + "?=";
}

std::string crlf_lines(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\r') {
            continue;
        }
        if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    if (out.size() < 2 || out.substr(out.size() - 2) != "\r\n") {
        out += "\r\n";
    }
    return out;
}

struct Upload {
    std::string data;
    std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
    std::copy_n(upload->data.data() + upload->sent, n, buffer);
    upload->sent += n;
    return n;
}

std::string domain_of(const std::string& address) {
    return address.substr(address.find('@') + 1);
}

}  // namespace

std::string format_mail(const SmtpSettings& smtp, const Mail& mail,
                        std::chrono::system_clock::time_point now) {
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char date[64];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &utc);
    std::string to;
    for (const auto& address : mail.to) {
        to += (to.empty() ? "" : ", ") + address;
    }
    return "Date: " + std::string(date) + "\r\nFrom: " + smtp.from + "\r\nTo: " + to +
           "\r\nMessage-ID: <" + mail.message_id + "@" + domain_of(smtp.from) +
           ">\r\nSubject: " + header_text(mail.subject) +
           "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n" +
           crlf_lines(mail.text);
}

void send_mail(const SmtpSettings& smtp, const Mail& mail,
               std::chrono::system_clock::time_point now) {
    if (mail.to.empty()) {
        throw SendFailed("no recipient");
    }
    const auto& curl_api = net::libcurl();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle(curl_api.easy_init(),
                                                               curl_api.easy_cleanup);
    if (!handle) {
        throw SendFailed("libcurl could not create a handle");
    }
    CURL* curl = handle.get();
    Upload upload{format_mail(smtp, mail, now), 0};
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(nullptr,
                                                                           curl_api.slist_free_all);
    for (const auto& address : mail.to) {
        recipients.reset(
            curl_api.slist_append(recipients.release(), ("<" + address + ">").c_str()));
    }
    const std::string from = "<" + smtp.from + ">";
    std::string password;
    if (!smtp.password_file.empty()) {
        password = writeback::read_secret(smtp.password_file);
    }
    char error[CURL_ERROR_SIZE] = {};
    curl_api.easy_setopt(curl, CURLOPT_URL, smtp.url.c_str());
    curl_api.easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_api.easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
    curl_api.easy_setopt(curl, CURLOPT_READFUNCTION, &read_upload);
    curl_api.easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_api.easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_api.easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const long timeout_seconds = smtp.timeout.count();
    curl_api.easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds);
    // Notifications name children only by id, but they are still about children in care: they
    // leave the machine encrypted, or not at all.
    curl_api.easy_setopt(curl, CURLOPT_USE_SSL,
                         config::is_loopback_url(smtp.url) ? CURLUSESSL_TRY : CURLUSESSL_ALL);
    if (!smtp.ca_file.empty()) {
        curl_api.easy_setopt(curl, CURLOPT_CAINFO, smtp.ca_file.c_str());
    }
    if (!smtp.username.empty()) {
        curl_api.easy_setopt(curl, CURLOPT_USERNAME, smtp.username.c_str());
        curl_api.easy_setopt(curl, CURLOPT_PASSWORD, password.c_str());
    }
    const CURLcode result = curl_api.easy_perform(curl);
    if (result != CURLE_OK) {
        long code = 0;
        curl_api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
        std::string why = error[0] != '\0' ? error : curl_api.easy_strerror(result);
        if (code != 0) {
            why += " (server replied " + std::to_string(code) + ")";
        }
        throw SendFailed(why);
    }
}

}  // namespace iro::notifications
