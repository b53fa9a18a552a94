# Test sources for eval (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES eval/evaluate_test.cpp)
