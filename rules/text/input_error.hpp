// Untrusted input that cannot be used at all (a broken policy, a file that is not a message).
// what() reads "PLACE: MESSAGE", where PLACE is "file:line" or similar, so callers print it as is.
#pragma once

#include <stdexcept>
#include <string>

namespace galguard::rules {

class InputError : public std::runtime_error {
 public:
  InputError(std::string place, const std::string& message)
      : std::runtime_error(place.empty() ? message : place + ": " + message),
        place_(std::move(place)) {}
  const std::string& place() const { return place_; }

 private:
  std::string place_;
};

}  // namespace galguard::rules
