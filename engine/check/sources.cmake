# Sources of engine/check (paths relative to engine/).
list(APPEND JIUZHU_ENGINE_SOURCES check/catalog.cpp)
list(APPEND JIUZHU_ENGINE_SOURCES check/binder.cpp)
