// How to reach and read Microsoft Graph (Entra ID / Exchange Online). Plain settings: filled from
// [directory.graph] in the config. The defaults are the real global-cloud endpoints; national
// clouds (and the tests' local stand-in) change the two base URLs.
#pragma once

#include <chrono>
#include <string>

namespace galguard::directory {

struct GraphOptions {
  std::string authority = "https://login.microsoftonline.com";  // + /{tenant}/oauth2/v2.0/token
  std::string graph = "https://graph.microsoft.com";            // + /v1.0/...
  std::string client_id;
  // Client secret: from a file, else from this environment variable.
  std::string client_secret_file;
  std::string client_secret_env = "GALGUARD_GRAPH_SECRET";
  // Or a certificate (PEM) and its private key: a signed client assertion (RFC 7523) instead.
  std::string certificate_file;
  std::string certificate_key_file;
  // Delta queries: the first load is a full delta round, later loads of the same source fetch
  // only what changed. Off: every load lists /users, /contacts and /groups in full.
  bool delta = false;
  int max_retries = 5;                        // per request, on 429/503/connection errors
  std::chrono::seconds max_retry_after{120};  // a longer Retry-After gives up instead
  std::chrono::seconds timeout{60};           // per HTTP request
  std::string ca_file;                        // "" → the system's trust store
};

}  // namespace galguard::directory
