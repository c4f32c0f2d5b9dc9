#include "gateway/quarantine/delivery_log.hpp"

namespace galguard::quarantine {

void DeliveryLog::record(std::span<const std::string> recipients, std::int64_t at,
                         std::string_view message_id) {
  const Delivery one{{recipients.begin(), recipients.end()}, at, std::string(message_id)};
  record_all({&one, 1});
}

}  // namespace galguard::quarantine
