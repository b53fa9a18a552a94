// The subcommands of `jiuzhu`, each in its own file; main.cpp dispatches on argv[1].
#pragma once

#include <memory>
#include <string>

#include "jiuzhu/engine.h"

namespace jiuzhu::cli {

int ScreenCommand(int argc, char** argv);   // screen_command.cpp
int RulesCommand(int argc, char** argv);    // rules_command.cpp: rules check | rules test
int RegistryCommand(int argc, char** argv); // registry_commands.cpp: registry import | registry records
int BatchCommand(int argc, char** argv);    // registry_commands.cpp
int ExportCommand(int argc, char** argv);   // registry_commands.cpp
int WhatifCommand(int argc, char** argv);   // whatif_command.cpp: two packs over a registry
int ServeCommand(int argc, char** argv);    // serve_command.cpp: the caseworkers' server (http.md)
int UsersCommand(int argc, char** argv);    // users_command.cpp: users add | passwd | disable
int AuditCommand(int argc, char** argv);    // audit_command.cpp

// Loads the pack at `dir`; on failure prints every diagnostic to standard error and returns null.
std::shared_ptr<const RulePack> LoadPackOrReport(const std::string& dir);

}  // namespace jiuzhu::cli
