#include "gateway/quarantine/incident_number.hpp"

namespace galguard::quarantine {

std::string incident_id(int number) {
  return "INC-" + std::to_string(number);
}

}  // namespace galguard::quarantine
