# Test sources for output (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES output/decision_json_test.cpp output/decision_text_test.cpp)
