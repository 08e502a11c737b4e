// The one exception type of vitrum: a message meant for the user, naming the file/key/line at fault.
#pragma once
#include <stdexcept>
#include <string>

namespace vitrum {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace vitrum
