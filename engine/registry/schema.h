// The registry's table layout (documented in README.md, "Registry"), versioned: opening a registry applies the
// migrations it lacks in order, so a newer jiuzhu opens an older registry; a registry newer than this program is
// refused (DatabaseError).
#pragma once

#include "registry/database.h"

namespace jiuzhu::registry {

inline constexpr int kSchemaVersion = 6;

// The view run_flags (schema v6) lists a run's flags `ORDER BY household_id` in (household_id, seq) order: it
// scans decisions by key and each row's flags in array order, and that order satisfies ORDER BY household_id
// without a sort. Adding `seq` to the ORDER BY would sort all of them, which the view cannot tell are in order.
// Tested in tests/registry/schema_test.cpp ("flags in order").

// Creates or upgrades the schema; REQUIRES: no transaction open.
void EnsureSchema(Database& db);

}  // namespace jiuzhu::registry
