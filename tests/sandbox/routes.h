// Registration of the sandbox's routes, one function per API area (each in
// its own routes_<area>.cc) plus the control API.
#ifndef GANDIMAIL_TESTS_SANDBOX_ROUTES_H_
#define GANDIMAIL_TESTS_SANDBOX_ROUTES_H_

#include <string>
#include <vector>

#include "tests/sandbox/api.h"
#include "tests/sandbox/faults.h"
#include "tests/sandbox/model.h"
#include "tests/sandbox/router.h"
#include "tests/sandbox/store.h"

namespace gandimail::sandbox {

// /v5/email/forwards/...
void AddForwardRoutes(Router& router, Store& store, const ApiOptions& options);
// /v5/email/mailboxes/... except the renew routes.
void AddMailboxRoutes(Router& router, Store& store, const ApiOptions& options);
// /v5/email/mailboxes/{domain}/renew and /{email}/renew.
void AddRenewRoutes(Router& router, Store& store);
// /v5/email/migration/{domain}
void AddMigrationRoutes(Router& router, Store& store);
// /v5/email/offers/{domain}
void AddOfferRoutes(Router& router, Store& store);
// /v5/email/slots/...
void AddSlotRoutes(Router& router, Store& store);
// /_sandbox/...
void AddControlRoutes(Router& router, Store& store, Faults& faults,
                      RequestCounter& counter);

// Checks a list of destination addresses (at least one, each a full
// address, no repeats), recording errors under `name`.
void CheckDestinations(const Json* list, const std::string& name,
                       std::vector<std::string>* out,
                       std::vector<FieldError>* errors);

// Paths of API objects, as used in href and Location.
std::string MailboxPath(const std::string& domain, const std::string& id);
std::string SlotPath(const std::string& domain, int64_t id);

}  // namespace gandimail::sandbox

#endif  // GANDIMAIL_TESTS_SANDBOX_ROUTES_H_
