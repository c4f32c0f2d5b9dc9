// JWT pieces of the certificate credential, and a signature made with a key generated here.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "directory/graph/client_assertion.hpp"
#include "rules/text/base64.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

TEST(ClientAssertion, Base64Url) {
  const struct {
    std::string_view in, want;
  } cases[] = {
      {"", ""},
      {"f", "Zg"},
      {"fo", "Zm8"},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"},
      {"fooba", "Zm9vYmE"},
      {"foobar", "Zm9vYmFy"},
      {"\xfb\xff", "-_8"},
      {"\xff\xff\xfe", "___-"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(rules::base64url_encode(c.in), c.want) << c.in;
}

TEST(ClientAssertion, HeaderClaimsAndSigningInput) {
  const auto now = std::chrono::system_clock::from_time_t(1700000000);
  const nlohmann::json claims =
      assertion_claims("https://login.microsoftonline.com/t/oauth2/v2.0/token", "app", now, "j1");
  EXPECT_EQ(claims.dump(),
            R"({"aud":"https://login.microsoftonline.com/t/oauth2/v2.0/token","exp":1700000600,)"
            R"("iat":1700000000,"iss":"app","jti":"j1","nbf":1700000000,"sub":"app"})");
  const nlohmann::json header = assertion_header("x5t-value");
  EXPECT_EQ(header.dump(), R"({"alg":"RS256","typ":"JWT","x5t":"x5t-value"})");
  EXPECT_EQ(jwt_signing_input({{"a", 1}}, {{"b", 2}}),
            rules::base64url_encode(R"({"a":1})") + "." + rules::base64url_encode(R"({"b":2})"));
}

// A self-signed RSA certificate and key written as PEM into a temporary directory.
class CertificateFiles {
 public:
  CertificateFiles() {
    dir_ = std::filesystem::temp_directory_path() /
           ("galguard-graph-unit-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    EVP_PKEY* key = EVP_RSA_gen(2048);
    X509* cert = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("unit"), -1, -1, 0);
    X509_set_issuer_name(cert, X509_get_subject_name(cert));
    X509_sign(cert, key, EVP_sha256());
    FILE* c = std::fopen(cert_path().c_str(), "w");
    PEM_write_X509(c, cert);
    std::fclose(c);
    FILE* k = std::fopen(key_path().c_str(), "w");
    PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(k);
    unsigned char sha1[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    X509_digest(cert, EVP_sha1(), sha1, &size);
    sha1_ = std::string(reinterpret_cast<const char*>(sha1), size);
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  ~CertificateFiles() { std::filesystem::remove_all(dir_); }
  std::string cert_path() const { return dir_ / "app.crt"; }
  std::string key_path() const { return dir_ / "app.key"; }
  const std::string& sha1() const { return sha1_; }

 private:
  std::filesystem::path dir_;
  std::string sha1_;
};

TEST(ClientAssertion, SignedWithTheCertificatesKey) {
  CertificateFiles files;
  const CertificateCredential credential(files.cert_path(), files.key_path());
  EXPECT_EQ(credential.x5t(), rules::base64url_encode(files.sha1()));
  const std::string jwt =
      credential.assertion("https://t/token", "app", std::chrono::system_clock::now());
  ASSERT_EQ(std::count(jwt.begin(), jwt.end(), '.'), 2);
  EXPECT_EQ(jwt.substr(0, jwt.find('.')),
            rules::base64url_encode(assertion_header(credential.x5t()).dump()));
  EXPECT_EQ(jwt.find('='), std::string::npos);
  // Two assertions differ (jti), so an intercepted one cannot be replayed as the next.
  EXPECT_NE(jwt, credential.assertion("https://t/token", "app", std::chrono::system_clock::now()));

  // The key file may be the certificate file itself.
  std::ofstream both(files.cert_path(), std::ios::app);
  std::ifstream key(files.key_path());
  both << key.rdbuf();
  both.close();
  EXPECT_EQ(CertificateCredential(files.cert_path(), "").x5t(), credential.x5t());
}

TEST(ClientAssertion, BadFilesAreNamed) {
  CertificateFiles files;
  try {
    CertificateCredential(files.key_path(), files.key_path());
    FAIL();
  } catch (const rules::InputError& e) {
    EXPECT_EQ(e.place(), files.key_path());
  }
  EXPECT_THROW(CertificateCredential(files.cert_path(), "/nonexistent/key.pem"), rules::InputError);
}

}  // namespace
}  // namespace galguard::directory::graph
