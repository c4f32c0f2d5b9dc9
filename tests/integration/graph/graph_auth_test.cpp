// How the Graph source proves who it is: a client secret from a file or the environment, or a
// certificate's signed client assertion (RFC 7523), which the stand-in checks and this test
// verifies against the certificate.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "directory/graph/client_assertion.hpp"
#include "directory/graph/graph_source.hpp"
#include "rules/text/input_error.hpp"
#include "tests/integration/graph/graph_fixture.hpp"

namespace galguard::testing {
namespace {

using directory::open_graph_source;

std::string base64url_decode(std::string text) {
  for (char& c : text)
    c = c == '-' ? '+' : c == '_' ? '/' : c;
  const std::size_t padding = (4 - text.size() % 4) % 4;
  text.append(padding, '=');
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n) - padding);  // DecodeBlock counts padding
  return out;
}

// True when `jwt`'s RS256 signature verifies with the public key of the PEM certificate.
bool signature_verifies(const std::string& jwt, const std::string& certificate_file) {
  const auto last_dot = jwt.rfind('.');
  const std::string input = jwt.substr(0, last_dot);
  const std::string signature = base64url_decode(jwt.substr(last_dot + 1));
  FILE* f = fopen(certificate_file.c_str(), "r");
  if (f == nullptr) return false;
  X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
  fclose(f);
  if (cert == nullptr) return false;
  EVP_PKEY* key = X509_get_pubkey(cert);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  return ok;
}

class GraphAuth : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = graph_standin_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(GraphAuth, CertificateAssertionIsAcceptedAndVerifies) {
  if (access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "/usr/bin/openssl is not installed";
  detail::TempDir keys;
  const std::string cert = keys.path() + "/app.crt", key = keys.path() + "/app.key";
  const CommandResult made =
      run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                   key, "-out", cert, "-days", "2", "-subj", "/CN=galguard-test"});
  ASSERT_EQ(made.exit_code, 0) << made.output;

  StandinOptions with_cert;
  with_cert.certificate = cert;
  GraphStandin graph(10, with_cert);
  auto options = graph.options();
  options.client_secret_file.clear();
  options.client_secret_env = "GALGUARD_TEST_NO_SUCH_SECRET";
  options.certificate_file = cert;
  options.certificate_key_file = key;
  auto source = open_graph_source(graph.url(), options, {});
  EXPECT_EQ(source->load().snapshot->entries().size(), standin_expected_entries(10));

  const auto tokens = graph.requests("/skarholmen.example/oauth2/v2.0/token");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0]["auth"], "assertion");
  const std::string jwt = tokens[0]["assertion"];
  EXPECT_TRUE(signature_verifies(jwt, cert));
  const auto header = nlohmann::json::parse(base64url_decode(jwt.substr(0, jwt.find('.'))));
  EXPECT_EQ(header["alg"], "RS256");
  EXPECT_EQ(header["x5t"], directory::graph::CertificateCredential(cert, key).x5t());

  // The same assertion with another signature must not verify: the check above means something.
  std::string tampered = jwt;
  tampered[jwt.rfind('.') + 5] = tampered[jwt.rfind('.') + 5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(signature_verifies(tampered, cert));
}

TEST_F(GraphAuth, SecretFromTheEnvironment) {
  GraphStandin graph(10);
  auto options = graph.options();
  options.client_secret_file.clear();
  options.client_secret_env = "GALGUARD_TEST_GRAPH_SECRET";
  setenv("GALGUARD_TEST_GRAPH_SECRET", kStandinSecret, 1);
  auto source = open_graph_source(graph.url(), options, {});
  EXPECT_EQ(source->load().snapshot->entries().size(), standin_expected_entries(10));
  unsetenv("GALGUARD_TEST_GRAPH_SECRET");
  EXPECT_EQ(graph.requests("/skarholmen.example/oauth2")[0]["auth"], "secret");
}

TEST_F(GraphAuth, SecretFileWithCrLfLineEnd) {
  GraphStandin graph(10);
  auto options = graph.options();
  std::ofstream(options.client_secret_file) << kStandinSecret << "\r\n";
  EXPECT_EQ(open_graph_source(graph.url(), options, {})->load().snapshot->entries().size(),
            standin_expected_entries(10));
}

TEST_F(GraphAuth, WrongSecretIsRefusedWithTheEndpointsReason) {
  GraphStandin graph(10);
  auto options = graph.options();
  std::ofstream(options.client_secret_file) << "wrong\n";
  try {
    open_graph_source(graph.url(), options, {})->load();
    FAIL() << "loaded with a wrong secret";
  } catch (const rules::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(": token refused: 401 invalid_client: AADSTS7000215: Invalid client "
                        "secret provided. (error codes 7000215, trace id "),
              std::string::npos)
        << what;
    EXPECT_EQ(what.find("Correlation ID"), std::string::npos) << what;
  }
}

TEST_F(GraphAuth, NoCredentialAtAll) {
  GraphStandin graph(10);
  auto options = graph.options();
  options.client_secret_file.clear();
  options.client_secret_env = "GALGUARD_TEST_NO_SUCH_SECRET";
  try {
    open_graph_source(graph.url(), options, {})->load();
    FAIL() << "loaded without a credential";
  } catch (const rules::InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "graph://skarholmen.example: no client credential: set client_secret_file, the "
              "GALGUARD_TEST_NO_SUCH_SECRET environment variable, or certificate_file");
  }
  EXPECT_EQ(graph.token_requests(), 0u);
}

TEST_F(GraphAuth, UnknownTenantIsNamed) {
  GraphStandin graph(10);
  try {
    open_graph_source("graph://other.example", graph.options(), {})->load();
    FAIL() << "loaded an unknown tenant";
  } catch (const rules::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("400 invalid_request: AADSTS90002: Tenant 'other.example' "
                                         "not found."),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace galguard::testing
