// RS256 client assertions with OpenSSL's EVP interface.
#include "directory/graph/client_assertion.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>

#include "rules/text/base64.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::unique_ptr<BIO, BioFree> open_file(const std::string& path) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) throw rules::InputError(path, "cannot open: " + openssl_error());
  return bio;
}

std::string random_uuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw std::runtime_error("RAND_bytes: " + openssl_error());
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return text;
}

}  // namespace

struct CertificateCredential::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

std::string jwt_signing_input(const nlohmann::json& header, const nlohmann::json& claims) {
  return rules::base64url_encode(header.dump()) + "." + rules::base64url_encode(claims.dump());
}

nlohmann::json assertion_header(std::string_view x5t) {
  return {{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", x5t}};
}

nlohmann::json assertion_claims(std::string_view token_url, std::string_view client_id,
                                std::chrono::system_clock::time_point now, std::string_view jti) {
  const long long t =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return {{"aud", token_url}, {"iss", client_id}, {"sub", client_id}, {"jti", jti},
          {"nbf", t},         {"iat", t},         {"exp", t + 600}};
}

CertificateCredential::CertificateCredential(const std::string& certificate_file,
                                             const std::string& key_file)
    : key_(std::make_unique<Key>()), key_file_(key_file.empty() ? certificate_file : key_file) {
  auto cert_bio = open_file(certificate_file);
  std::unique_ptr<X509, X509Free> cert(
      PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!cert) throw rules::InputError(certificate_file, "not a PEM certificate: " + openssl_error());
  auto key_bio = open_file(key_file_);
  key_->pkey = PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr);
  if (key_->pkey == nullptr)
    throw rules::InputError(key_file_,
                            "not a PEM private key (or an encrypted one): " + openssl_error());
  if (EVP_PKEY_get_base_id(key_->pkey) != EVP_PKEY_RSA)
    throw rules::InputError(key_file_, "not an RSA key: Entra ID client assertions are RS256");
  if (X509_check_private_key(cert.get(), key_->pkey) != 1)
    throw rules::InputError(key_file_, "the key does not belong to " + certificate_file);

  unsigned char* der = nullptr;
  const int der_size = i2d_X509(cert.get(), &der);
  if (der_size <= 0) throw rules::InputError(certificate_file, "cannot encode as DER");
  unsigned char sha1[EVP_MAX_MD_SIZE];
  unsigned int sha1_size = 0;
  const int ok =
      EVP_Digest(der, static_cast<size_t>(der_size), sha1, &sha1_size, EVP_sha1(), nullptr);
  OPENSSL_free(der);
  if (ok != 1) throw std::runtime_error("SHA-1: " + openssl_error());
  x5t_ = rules::base64url_encode(std::string_view(reinterpret_cast<const char*>(sha1), sha1_size));
}

CertificateCredential::~CertificateCredential() = default;

std::string CertificateCredential::assertion(std::string_view token_url, std::string_view client_id,
                                             std::chrono::system_clock::time_point now) const {
  const std::string input = jwt_signing_input(
      assertion_header(x5t_), assertion_claims(token_url, client_id, now, random_uuid()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_->pkey) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    throw rules::InputError(key_file_, "cannot sign the client assertion: " + openssl_error());
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    throw rules::InputError(key_file_, "cannot sign the client assertion: " + openssl_error());
  signature.resize(size);
  return input + "." + rules::base64url_encode(signature);
}

}  // namespace galguard::directory::graph
