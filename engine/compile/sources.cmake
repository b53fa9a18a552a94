# Sources of engine/compile (paths relative to engine/).
list(APPEND JIUZHU_ENGINE_SOURCES compile/compiler.cpp compile/plan.cpp compile/pack_checks.cpp
  compile/program_checks.cpp)
