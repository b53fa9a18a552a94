# Sources of engine/expr (paths relative to engine/).
list(APPEND JIUZHU_ENGINE_SOURCES expr/parser.cpp)
