# Sources of engine/pack (paths relative to engine/).
list(APPEND JIUZHU_ENGINE_SOURCES pack/source.cpp pack/pack_loader.cpp)
list(APPEND JIUZHU_ENGINE_SOURCES pack/pack_tests.cpp)
