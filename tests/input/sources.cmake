# Test sources for input (paths relative to tests/).
list(APPEND JIUZHU_TEST_SOURCES
  input/bad_households_test.cpp
  input/enum_names_test.cpp
  input/household_reader_test.cpp
  input/id_number_test.cpp
  input/number_text_test.cpp
)
