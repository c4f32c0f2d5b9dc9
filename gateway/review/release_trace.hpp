// The trace field a released message carries on top (X-Galguard-Released), for the CLI's and
// the web UI's release alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/quarantine/store.hpp"

namespace galguard::review {

// CRLF-terminated and folded to lines of at most 78 characters where words allow; a non-ASCII
// actor or reason is RFC 2047 encoded (UTF-8, B). actor and reason must already be
// clean_text()ed.
std::string release_trace_field(const quarantine::HeldMessage& message, std::string_view actor,
                                std::int64_t released_at, std::string_view reason);

}  // namespace galguard::review
