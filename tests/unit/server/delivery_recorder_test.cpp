#include "gateway/server/delivery_recorder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace galguard::server {
namespace {

// Counts commits; the first one can be made to wait, as a slow fsync does, or to fail.
class SlowLog : public quarantine::DeliveryLog {
 public:
  void record_all(std::span<const quarantine::Delivery> deliveries) override {
    std::unique_lock lock(mutex_);
    ++commits;
    if (commits == 1) {
      first_started_ = true;
      started_.notify_all();
      released_.wait(lock, [&] { return released_flag_; });
      if (fail_first) throw std::runtime_error("disk full");
    }
    for (const auto& d : deliveries)
      ids.push_back(d.message_id);
  }
  quarantine::Exposure exposure(std::span<const std::string>, std::int64_t) override { return {}; }
  std::size_t purge(std::int64_t) override { return 0; }

  void wait_first_started() {
    std::unique_lock lock(mutex_);
    started_.wait(lock, [&] { return first_started_; });
  }
  void release_first() {
    std::lock_guard lock(mutex_);
    released_flag_ = true;
    released_.notify_all();
  }

  bool fail_first = false;
  int commits = 0;
  std::vector<std::string> ids;

 private:
  std::mutex mutex_;
  std::condition_variable started_, released_;
  bool first_started_ = false;
  bool released_flag_ = false;
};

class TempLog {
 public:
  TempLog()
      : path_(std::filesystem::temp_directory_path() /
              ("delivery_recorder_test_" + std::to_string(::getpid()) + ".log")),
        log(path_.string()) {}
  ~TempLog() { std::filesystem::remove(path_); }
  std::string text() const {
    std::ifstream in(path_);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

 private:
  std::filesystem::path path_;

 public:
  Log log;
};

quarantine::Delivery delivery(const std::string& message_id) {
  return {{"anna@stockholm.se"}, 1000, message_id};
}

TEST(DeliveryRecorder, WhatArrivesDuringACommitGoesIntoTheNextOneAndNothingIsLost) {
  TempLog log;
  SlowLog deliveries;
  boost::asio::thread_pool pool(2);
  DeliveryRecorder recorder(&deliveries, log.log, pool);
  recorder.record(delivery("m0"), "id0");
  deliveries.wait_first_started();
  for (int i = 1; i <= 100; ++i)
    recorder.record(delivery("m" + std::to_string(i)), "id" + std::to_string(i));
  deliveries.release_first();
  pool.join();
  EXPECT_EQ(deliveries.commits, 2) << "one commit for the first, one for the hundred behind it";
  ASSERT_EQ(deliveries.ids.size(), 101u);
  EXPECT_EQ(deliveries.ids.front(), "m0");
  EXPECT_EQ(deliveries.ids.back(), "m100");
}

TEST(DeliveryRecorder, AFailedCommitNamesEachMessageInTheLogAndLaterOnesStillLand) {
  TempLog log;
  SlowLog deliveries;
  deliveries.fail_first = true;
  boost::asio::thread_pool pool(1);
  DeliveryRecorder recorder(&deliveries, log.log, pool);
  recorder.record(delivery("m0"), "id0");
  deliveries.wait_first_started();
  // Whether m1 joins the failing writer's next batch or starts a new one, it must land.
  deliveries.release_first();
  recorder.record(delivery("m1"), "id1");
  pool.join();
  EXPECT_NE(log.text().find("id0: delivery log: disk full"), std::string::npos) << log.text();
  EXPECT_EQ(deliveries.ids, std::vector<std::string>{"m1"});
}

TEST(DeliveryRecorder, WithoutADeliveryLogNothingIsRecorded) {
  TempLog log;
  boost::asio::thread_pool pool(1);
  DeliveryRecorder recorder(nullptr, log.log, pool);
  recorder.record(delivery("m0"), "id0");
  pool.join();
  EXPECT_EQ(log.text(), "");
}

}  // namespace
}  // namespace galguard::server
