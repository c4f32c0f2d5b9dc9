// The certificate credential of the client credentials grant: a JWT signed with the app's
// private key (RFC 7523 client_assertion), which Entra ID checks against the uploaded certificate.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace galguard::directory::graph {

// header "." claims, each compact JSON in base64url: the bytes the signature covers.
std::string jwt_signing_input(const nlohmann::json& header, const nlohmann::json& claims);

// {"alg":"RS256","typ":"JWT","x5t":x5t}
nlohmann::json assertion_header(std::string_view x5t);
// aud = the token URL, iss = sub = client id, jti, nbf = iat = now, exp = now + 10 minutes.
nlohmann::json assertion_claims(std::string_view token_url, std::string_view client_id,
                                std::chrono::system_clock::time_point now, std::string_view jti);

// A PEM certificate and its RSA private key (key_file "" → the key is in certificate_file).
// Throws rules::InputError naming the file when either cannot be read or they do not match.
class CertificateCredential {
 public:
  CertificateCredential(const std::string& certificate_file, const std::string& key_file);
  ~CertificateCredential();
  CertificateCredential(const CertificateCredential&) = delete;
  CertificateCredential& operator=(const CertificateCredential&) = delete;

  // base64url SHA-1 of the DER certificate: how Entra ID finds the certificate to check with.
  const std::string& x5t() const { return x5t_; }
  // A signed assertion for one token request (random jti).
  std::string assertion(std::string_view token_url, std::string_view client_id,
                        std::chrono::system_clock::time_point now) const;

 private:
  struct Key;
  std::unique_ptr<Key> key_;
  std::string key_file_;
  std::string x5t_;
};

}  // namespace galguard::directory::graph
