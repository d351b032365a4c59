// Out-of-line key functions: the one place the interfaces' vtables and typeinfo are emitted, so
// dynamic_cast and exception matching agree between the host and every plugin.
#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/plugin.hpp"
#include "iro/plugin_api/requests.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::plugin {

CaseRecords::~CaseRecords() = default;
HostError::~HostError() = default;
Outputs::~Outputs() = default;
Clock::~Clock() = default;
WorkingDayCalendar::~WorkingDayCalendar() = default;
Logger::~Logger() = default;
KeyValueStore::~KeyValueStore() = default;
HostServices::~HostServices() = default;
CmsWriteBack::~CmsWriteBack() = default;
RequestRefused::~RequestRefused() = default;
Plugin::~Plugin() = default;
PluginHooks_1_1::~PluginHooks_1_1() = default;
PluginHooks_1_2::~PluginHooks_1_2() = default;
PluginHooks_1_5::~PluginHooks_1_5() = default;
PluginHooks_1_6::~PluginHooks_1_6() = default;
Prompts::~Prompts() = default;
CaseFileVisitor::~CaseFileVisitor() = default;
Alerts::~Alerts() = default;
Notifications::~Notifications() = default;
Questionnaires::~Questionnaires() = default;

}  // namespace iro::plugin
