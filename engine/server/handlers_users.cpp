// GET /api/users: admin only.
#include "jiuzhu/decision_writer.h"
#include "server/handlers.h"
#include "server/users.h"

namespace jiuzhu::server {
namespace {

void AppendList(const std::vector<std::string>& items, std::string& out) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(items[i], out);
  }
  out += ']';
}

}  // namespace

Response HandleUsers(Call& call) {
  if (call.session->user.role != Role::kAdmin) {
    call.Audit("users", "list", 403);
    return ErrorResponse(403, "forbidden", "only an admin lists users");
  }
  std::string out = "{\"users\":[";
  bool first = true;
  for (const User& u : ListUsers(call.worker.db)) {
    if (!first) out += ',';
    first = false;
    out += "{\"name\":";
    AppendJsonString(u.name, out);
    out += ",\"role\":";
    AppendJsonString(RoleName(u.role), out);
    out += ",\"grids\":";
    AppendList(u.grids, out);
    out += ",\"regions\":";
    AppendList(u.regions, out);
    out += std::string(",\"disabled\":") + (u.disabled ? "true" : "false") + "}";
  }
  out += "]}";
  call.Audit("users", "list", 200);
  Response r;
  r.body = std::move(out);
  return r;
}

}  // namespace jiuzhu::server
