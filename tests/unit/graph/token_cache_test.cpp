// The pure parts of the client credentials grant: the form, the answer, where the secret is read.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "directory/graph/token_cache.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

TEST(TokenCache, Form) {
  GraphOptions options;
  options.client_id = "11111111-2222";
  EXPECT_EQ(token_form(options, "client_secret=a%2Bb"),
            "client_id=11111111-2222&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
            "&grant_type=client_credentials&client_secret=a%2Bb");
}

TEST(TokenCache, Answer) {
  TokenAnswer a = parse_token_answer(
      R"({"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0"})");
  EXPECT_EQ(a.access_token, "eyJ0");
  EXPECT_EQ(a.expires_in, std::chrono::seconds(3599));
  EXPECT_EQ(parse_token_answer(R"({"expires_in":"3600","access_token":"t"})").expires_in,
            std::chrono::seconds(3600));
  for (std::string_view bad :
       {"", "[]", R"({"expires_in":1})", R"({"access_token":""})", R"({"access_token":"t"})",
        R"({"access_token":"t","expires_in":"x"})", R"({"access_token":"t","expires_in":-5})"})
    EXPECT_THROW(parse_token_answer(bad), std::runtime_error) << bad;
}

TEST(TokenCache, SecretFromFileThenEnvironment) {
  const std::string file =
      std::filesystem::temp_directory_path() / ("galguard-secret-" + std::to_string(::getpid()));
  GraphOptions options;
  options.client_secret_env = "GALGUARD_UNIT_SECRET";
  setenv("GALGUARD_UNIT_SECRET", "from-env", 1);
  EXPECT_EQ(read_client_secret(options), "from-env");
  options.client_secret_file = file;
  std::ofstream(file) << "from-file\r\n\n";
  EXPECT_EQ(read_client_secret(options), "from-file");
  std::ofstream(file) << "\n";
  EXPECT_THROW(read_client_secret(options), rules::InputError);
  std::filesystem::remove(file);
  EXPECT_THROW(read_client_secret(options), rules::InputError);
  unsetenv("GALGUARD_UNIT_SECRET");
  options.client_secret_file.clear();
  EXPECT_EQ(read_client_secret(options), "");
}

}  // namespace
}  // namespace galguard::directory::graph
