// Compiler: RawPack -> RulePack. Declares regions and parameter tables, binds every expression (check/binder),
// parses message templates, orders program entries and rejects dependency cycles. Any error leaves the pack
// unloaded; warnings (pack lints, compile/pack_checks.cpp) do not.
#pragma once

#include <memory>

#include "compile/plan.h"
#include "pack/raw_pack.h"

namespace jiuzhu::compile {

std::unique_ptr<RulePack> Compile(const pack::RawPack& raw, pack::DiagnosticSink& sink);

// Lints that do not stop a pack from loading (warnings), then RunProgramChecks.
void RunPackChecks(const pack::RawPack& raw, const RulePack& pack, pack::DiagnosticSink& sink);

// Cross-program checks (compile/program_checks.cpp): TEKUN_COUNTED_IN_DIBAO (an error) and
// DERIVED_PARAM_MISSING (a warning).
void RunProgramChecks(const pack::RawPack& raw, const RulePack& pack, pack::DiagnosticSink& sink);

}  // namespace jiuzhu::compile
