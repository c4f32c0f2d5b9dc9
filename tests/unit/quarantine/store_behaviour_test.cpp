// The store behaviour suite (store_behaviour_suite.hpp) on the in-process backends.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "gateway/quarantine/memory_store.hpp"
#include "gateway/quarantine/sqlite_store.hpp"
#include "store_behaviour_suite.hpp"
#include "temp_dir.hpp"

namespace galguard::quarantine::testing {
namespace {

struct MemoryBackend {
  static std::string unavailable() { return ""; }
  std::unique_ptr<QuarantineStore> open() { return std::make_unique<MemoryStore>(); }
};

struct SqliteBackend {
  static std::string unavailable() { return ""; }
  TempDir dir;
  std::unique_ptr<QuarantineStore> open() {
    return std::make_unique<SqliteStore>(dir.file("quarantine.db"));
  }
};

using Backends = ::testing::Types<MemoryBackend, SqliteBackend>;
INSTANTIATE_TYPED_TEST_SUITE_P(InProcess, StoreBehaviour, Backends);

}  // namespace
}  // namespace galguard::quarantine::testing
