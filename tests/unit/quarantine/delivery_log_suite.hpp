// The delivery log's behaviour, for every backend (delivery_log.hpp): what a DPO counts when a
// bad directory entry is found. Instantiated for SQLite by delivery_log_test.cpp and for
// PostgreSQL by tests/integration/postgres/, with
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Name, DeliveryLogBehaviour, ::testing::Types<Backend>);
//
// where Backend has `std::unique_ptr<DeliveryLog> open_log()`, a fresh empty log per test, and
// `static std::string unavailable()` ("" when it can run here).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "gateway/quarantine/delivery_log.hpp"

namespace galguard::quarantine::testing {

inline constexpr std::int64_t kDay = 86400;
inline constexpr std::int64_t kNow = 1'700'000'000;

template <typename Backend>
class DeliveryLogBehaviour : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Backend::unavailable(); !why.empty()) GTEST_SKIP() << why;
    log = backend.open_log();
  }

  Backend backend;
  std::unique_ptr<DeliveryLog> log;
};

TYPED_TEST_SUITE_P(DeliveryLogBehaviour);

TYPED_TEST_P(DeliveryLogBehaviour, CountsMessagesToAnyOfAnEntrysAddressesOnce) {
  DeliveryLog& log = *this->log;
  const std::vector<std::string> both = {"m.exempel@elevstockholm.onmicrosoft.com",
                                         "anna@stockholm.se"};
  log.record(both, kNow - 3 * kDay, "a@stockholm.se");  // to the entry once, although two rows
  log.record({{"M.Exempel@ElevStockholm.onmicrosoft.com"}}, kNow - kDay, "b@stockholm.se");
  log.record({{"anna@stockholm.se"}}, kNow - kDay, "c@stockholm.se");
  log.record({{"m.exempel@elevstockholm.onmicrosoft.com"}}, kNow - 40 * kDay, "old@stockholm.se");

  const std::vector<std::string> entry = {"m.exempel@elevstockholm.onmicrosoft.com",
                                          "smtp-alias@elevstockholm.onmicrosoft.com"};
  const Exposure last_30_days = log.exposure(entry, kNow - 30 * kDay);
  EXPECT_EQ(last_30_days.messages, 2);
  EXPECT_EQ(last_30_days.first, kNow - 3 * kDay);
  EXPECT_EQ(last_30_days.last, kNow - kDay);
  EXPECT_EQ(log.exposure(entry, kNow - 60 * kDay).messages, 3);
  EXPECT_EQ(log.exposure({{"nobody@stockholm.se"}}, 0).messages, 0);
  EXPECT_EQ(log.exposure({}, 0).messages, 0);
}

TYPED_TEST_P(DeliveryLogBehaviour, PurgeForgetsOldDeliveries) {
  DeliveryLog& log = *this->log;
  log.record({{"a@x.se"}}, kNow - 100 * kDay, "1");
  log.record({{"a@x.se"}}, kNow - kDay, "2");
  EXPECT_EQ(log.purge(kNow - 90 * kDay), 1u);
  EXPECT_EQ(log.exposure({{"a@x.se"}}, 0).messages, 1);
  EXPECT_EQ(log.purge(kNow - 90 * kDay), 0u);
}

TYPED_TEST_P(DeliveryLogBehaviour, OddBytesFromTheWireDoNotStopTheLog) {
  // Relayed mail is logged after the next hop's 250: a Message-ID or address with 8-bit junk
  // must not make that fail, and must not hide the other recipients.
  DeliveryLog& log = *this->log;
  const std::vector<std::string> rcpts = {"caf\xe9@x.se", "b@x.se"};
  log.record(rcpts, kNow, std::string("<id\xff\0x@x.se>", 11));
  EXPECT_EQ(log.exposure({{"b@x.se"}}, 0).messages, 1);
}

REGISTER_TYPED_TEST_SUITE_P(DeliveryLogBehaviour, CountsMessagesToAnyOfAnEntrysAddressesOnce,
                            PurgeForgetsOldDeliveries, OddBytesFromTheWireDoNotStopTheLog);

}  // namespace galguard::quarantine::testing
