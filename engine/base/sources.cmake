# Sources of engine/base (paths relative to engine/).
list(APPEND JIUZHU_ENGINE_SOURCES base/num.cpp base/date.cpp base/did_you_mean.cpp)
