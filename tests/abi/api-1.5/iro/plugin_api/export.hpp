#pragma once
// Symbol visibility for the plugin API. Everything else in a plugin or the host stays hidden,
// so two plugins never see each other's symbols (Boost.DLL "symbol shadowing" on Linux).

#define IRO_API_VISIBLE __attribute__((visibility("default")))
