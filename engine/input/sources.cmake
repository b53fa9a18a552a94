# Sources of engine/input (paths relative to engine/). base/id_number.cpp is listed here, not in base's file,
# because the input reader is its first user and base's list was being edited in parallel.
list(APPEND JIUZHU_ENGINE_SOURCES
  base/id_number.cpp
  input/enum_names.cpp
  input/fields.cpp
  input/household.cpp
  input/household_reader.cpp
  input/json_node.cpp
  input/number_text.cpp
  input/validator.cpp
  input/yaml_node.cpp
)
