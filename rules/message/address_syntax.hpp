// A conservative reading of an address list (RFC 5322 §3.4) that does not depend on GMime:
// how many mailboxes the header says it holds, and whether anything in it is malformed in a
// way that lets a parser read fewer (or other) recipients than a mail client or MTA would.
// It answers "is this header completely readable", not "which mailboxes are in it"; GMime
// reads the mailboxes, and the two are compared in addresses.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct AddressListShape {
  // Non-empty list elements (a mailbox each); group names, empty elements (", ,") and
  // elements of comments only are not counted.
  std::size_t mailboxes = 0;
  // Why the list cannot be read completely, one short phrase for the sender; "" when it can.
  std::string problem;
  // Where a display name or comment is (outside every addr-spec): the only places where RFC
  // 2047 encoded words may be decoded without changing an address.
  std::vector<ByteRange> name_ranges;
};

// `value` is one unfolded header value (no CRLF + white space left).
AddressListShape scan_address_list(std::string_view value);

// RFC 5322 §2.2.3 unfolding: CRLF (or a bare LF) followed by white space is removed, the
// white space kept. Any other CR or LF stays, for scan_address_list to see.
std::string unfold_header(std::string_view value);

}  // namespace galguard::rules
