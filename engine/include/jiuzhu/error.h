// Exceptions are for infrastructure failures only (a database that cannot be opened or written, a file that
// cannot be read); user mistakes are data (diagnostics, error objects). The CLI catches jiuzhu::Error once.
#pragma once

#include <stdexcept>
#include <string>

namespace jiuzhu {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class IoError : public Error {
 public:
  using Error::Error;
};
class DatabaseError : public Error {
 public:
  using Error::Error;
};

}  // namespace jiuzhu
