// Incidents are numbered, unlike held messages (message_id.hpp): a DPO cites "INC-3" to the
// authority and in the register of breaches, where a gap-free sequence is what is expected.
#pragma once

#include <string>

namespace galguard::quarantine {

// "INC-3"
std::string incident_id(int number);

}  // namespace galguard::quarantine
