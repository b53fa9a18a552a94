# Sources of engine/eval (paths relative to engine/).
list(APPEND JIUZHU_ENGINE_SOURCES eval/evaluate.cpp eval/fields.cpp eval/programs.cpp eval/messages.cpp eval/flags.cpp eval/engine.cpp)
