# Test sources for expr (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES expr/parser_test.cpp)
