# Sources of engine/output (paths relative to engine/).
list(APPEND JIUZHU_ENGINE_SOURCES output/decision.cpp output/decision_json.cpp output/decision_text.cpp)
