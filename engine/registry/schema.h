// The registry's table layout (documented in README.md, "Registry"), versioned: opening a registry applies the
// migrations it lacks in order, so a newer jiuzhu opens an older registry; a registry newer than this program is
// refused (DatabaseError).
#pragma once

#include "registry/database.h"

namespace jiuzhu::registry {

inline constexpr int kSchemaVersion = 5;

// Creates or upgrades the schema; REQUIRES: no transaction open.
void EnsureSchema(Database& db);

}  // namespace jiuzhu::registry
