// http.md's endpoints table, in one place.
#include "server/handlers.h"

namespace jiuzhu::server {

std::vector<Route> AllRoutes() {
  return {
      {"POST", "/api/login", false, true, true, nullptr, HandleLogin},
      {"GET", "/api/session", true, false, false, nullptr, HandleSession},
      {"POST", "/api/logout", true, false, true, nullptr, HandleLogout},
      {"POST", "/api/screen", true, false, true, ValidateScreen, HandleScreen},
      {"GET", "/api/households", true, false, false, ValidateHouseholdList, HandleHouseholdList},
      {"GET", "/api/households/{}", true, false, false, nullptr, HandleHousehold},
      {"GET", "/api/households/{}/history", true, false, false, nullptr, HandleHouseholdHistory},
      {"POST", "/api/households/{}/visits", true, true, true, ValidateVisit, HandleVisit},
      {"GET", "/api/worklists", true, false, false, ValidateWorklist, HandleWorklist},
      {"GET", "/api/worklists/{}", true, false, false, ValidateWorklist, HandleWorklistFile},
      {"GET", "/api/users", true, false, false, nullptr, HandleUsers},
  };
}

}  // namespace jiuzhu::server
