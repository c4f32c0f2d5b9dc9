// The Sendmail milter protocol, version 6, as Postfix and Sendmail speak it: the public constants
// of libmilter's mfdef.h and mfapi.h, and the MTA's commands decoded into typed values. Decoding
// checks every length and terminator itself: a packet comes from the network, and a malformed
// one is an error with a message, never a read past its end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "gateway/milter/packet.hpp"

namespace galguard::milter {

// Commands, MTA → filter (SMFIC_*).
namespace command {
inline constexpr char abort = 'A';        // SMFIC_ABORT: forget the current message
inline constexpr char body = 'B';         // SMFIC_BODY: a body chunk
inline constexpr char connect = 'C';      // SMFIC_CONNECT
inline constexpr char macro = 'D';        // SMFIC_MACRO: macros for the command that follows
inline constexpr char end_of_body = 'E';  // SMFIC_BODYEOB: end of message
inline constexpr char helo = 'H';         // SMFIC_HELO
inline constexpr char quit_nc = 'K';      // SMFIC_QUIT_NC: quit, but a new connection follows
inline constexpr char header = 'L';       // SMFIC_HEADER
inline constexpr char mail = 'M';         // SMFIC_MAIL
inline constexpr char eoh = 'N';          // SMFIC_EOH: end of headers
inline constexpr char optneg = 'O';       // SMFIC_OPTNEG: option negotiation
inline constexpr char quit = 'Q';         // SMFIC_QUIT
inline constexpr char rcpt = 'R';         // SMFIC_RCPT
inline constexpr char data = 'T';         // SMFIC_DATA
inline constexpr char unknown = 'U';      // SMFIC_UNKNOWN: an SMTP command the MTA did not know
}  // namespace command

// Replies, filter → MTA (SMFIR_*); only the ones galguard sends.
namespace reply {
inline constexpr char accept = 'a';         // SMFIR_ACCEPT
inline constexpr char continue_ = 'c';      // SMFIR_CONTINUE
inline constexpr char discard = 'd';        // SMFIR_DISCARD
inline constexpr char add_header = 'h';     // SMFIR_ADDHEADER
inline constexpr char insert_header = 'i';  // SMFIR_INSHEADER
inline constexpr char reject = 'r';         // SMFIR_REJECT
inline constexpr char tempfail = 't';       // SMFIR_TEMPFAIL
inline constexpr char reply_code = 'y';     // SMFIR_REPLYCODE
}  // namespace reply

// Actions the filter may take (SMFIF_*), negotiated in OPTNEG.
namespace action {
inline constexpr std::uint32_t add_headers = 0x01;     // SMFIF_ADDHDRS
inline constexpr std::uint32_t change_body = 0x02;     // SMFIF_CHGBODY
inline constexpr std::uint32_t add_rcpt = 0x04;        // SMFIF_ADDRCPT
inline constexpr std::uint32_t delete_rcpt = 0x08;     // SMFIF_DELRCPT
inline constexpr std::uint32_t change_headers = 0x10;  // SMFIF_CHGHDRS
inline constexpr std::uint32_t quarantine = 0x20;      // SMFIF_QUARANTINE (the MTA's own queue)
inline constexpr std::uint32_t change_from = 0x40;     // SMFIF_CHGFROM
inline constexpr std::uint32_t add_rcpt_par = 0x80;    // SMFIF_ADDRCPT_PAR
inline constexpr std::uint32_t set_symlist = 0x100;    // SMFIF_SETSYMLIST
}  // namespace action

// The stages a filter may name its macro lists for (SMFIM_*), with SMFIF_SETSYMLIST.
namespace macro_stage {
inline constexpr std::uint32_t connect = 0;  // SMFIM_CONNECT
inline constexpr std::uint32_t helo = 1;     // SMFIM_HELO
inline constexpr std::uint32_t mail = 2;     // SMFIM_ENVFROM
inline constexpr std::uint32_t rcpt = 3;     // SMFIM_ENVRCPT
inline constexpr std::uint32_t data = 4;     // SMFIM_DATA
inline constexpr std::uint32_t eom = 5;      // SMFIM_EOM
inline constexpr std::uint32_t eoh = 6;      // SMFIM_EOH
}  // namespace macro_stage

// Protocol flags (SMFIP_*): steps the MTA skips (NO*) or sends without waiting for a reply (NR_*).
namespace flag {
inline constexpr std::uint32_t no_connect = 0x1;    // SMFIP_NOCONNECT
inline constexpr std::uint32_t no_helo = 0x2;       // SMFIP_NOHELO
inline constexpr std::uint32_t no_mail = 0x4;       // SMFIP_NOMAIL
inline constexpr std::uint32_t no_rcpt = 0x8;       // SMFIP_NORCPT
inline constexpr std::uint32_t no_body = 0x10;      // SMFIP_NOBODY
inline constexpr std::uint32_t no_headers = 0x20;   // SMFIP_NOHDRS
inline constexpr std::uint32_t no_eoh = 0x40;       // SMFIP_NOEOH
inline constexpr std::uint32_t nr_header = 0x80;    // SMFIP_NR_HDR
inline constexpr std::uint32_t no_unknown = 0x100;  // SMFIP_NOUNKNOWN
inline constexpr std::uint32_t no_data = 0x200;     // SMFIP_NODATA
inline constexpr std::uint32_t skip = 0x400;        // SMFIP_SKIP: the MTA understands SMFIR_SKIP
// SMFIP_RCPT_REJ: also send the recipients the MTA rejected
inline constexpr std::uint32_t rcpt_rej = 0x800;
inline constexpr std::uint32_t nr_connect = 0x1000;   // SMFIP_NR_CONN
inline constexpr std::uint32_t nr_helo = 0x2000;      // SMFIP_NR_HELO
inline constexpr std::uint32_t nr_mail = 0x4000;      // SMFIP_NR_MAIL
inline constexpr std::uint32_t nr_rcpt = 0x8000;      // SMFIP_NR_RCPT
inline constexpr std::uint32_t nr_data = 0x10000;     // SMFIP_NR_DATA
inline constexpr std::uint32_t nr_unknown = 0x20000;  // SMFIP_NR_UNKN
inline constexpr std::uint32_t nr_eoh = 0x40000;      // SMFIP_NR_EOH
inline constexpr std::uint32_t nr_body = 0x80000;     // SMFIP_NR_BODY
// SMFIP_HDR_LEADSPC: header values with the space after "Name:" kept
inline constexpr std::uint32_t header_leading_space = 0x100000;
}  // namespace flag

inline constexpr std::uint32_t kProtocolVersion = 6;        // SMFI_PROT_VERSION
inline constexpr std::uint32_t kOldestProtocolVersion = 2;  // SMFI_PROT_VERSION_MIN

// The decoded commands.
struct OptNeg {
  std::uint32_t version = 0, actions = 0, protocol = 0;
  bool operator==(const OptNeg&) const = default;
};

// Macro values for the command `for_command` that follows. Names come as the MTA sends them:
// Postfix "{mail_addr}", Sendmail "i" for "{i}"; find() takes either spelling.
struct Macros {
  char for_command = 0;
  std::vector<std::pair<std::string, std::string>> values;
  std::optional<std::string_view> find(std::string_view name) const;
  bool operator==(const Macros&) const = default;
};

struct Connect {
  enum class Family { unknown, unix_socket, inet, inet6 };  // 'U', 'L', '4', '6'
  std::string hostname;  // "[192.0.2.1]" when the MTA found no name
  Family family = Family::unknown;
  std::uint16_t port = 0;  // 0 for unknown and unix sockets
  std::string address;     // empty for unknown; Sendmail's "IPv6:" prefix removed
  bool operator==(const Connect&) const = default;
};

struct Helo {
  std::string name;
  bool operator==(const Helo&) const = default;
};

// MAIL and RCPT: the address as the client sent it ("<a@b>", brackets kept) and the ESMTP
// parameters ("SIZE=123").
struct Envelope {
  std::string address;
  std::vector<std::string> parameters;
  bool operator==(const Envelope&) const = default;
};
struct Mail : Envelope {};
struct Rcpt : Envelope {};

struct Header {
  std::string name, value;
  bool operator==(const Header&) const = default;
};

struct EndOfHeaders {
  bool operator==(const EndOfHeaders&) const = default;
};
struct Body {
  std::string bytes;
  bool operator==(const Body&) const = default;
};
// Sendmail may send the last body chunk with the end of message; libmilter treats it as body.
struct EndOfMessage {
  std::string body;
  bool operator==(const EndOfMessage&) const = default;
};
struct Abort {
  bool operator==(const Abort&) const = default;
};
struct Quit {
  bool new_connection = false;  // SMFIC_QUIT_NC: the same connection carries a new session
  bool operator==(const Quit&) const = default;
};
struct Data {
  bool operator==(const Data&) const = default;
};
struct Unknown {
  std::string line;
  bool operator==(const Unknown&) const = default;
};

using Command = std::variant<OptNeg, Macros, Connect, Helo, Mail, Rcpt, Header, EndOfHeaders, Body,
                             EndOfMessage, Abort, Quit, Data, Unknown>;

struct Error {
  std::string message;
  bool operator==(const Error&) const = default;
};

// Either the value or why the input was refused.
template <class T>
using Decoded = std::variant<T, Error>;

Decoded<Command> decode(const Packet& packet);

// "<a@b>" → "a@b"; an address without brackets comes back unchanged.
std::string_view bare_address(std::string_view address);

}  // namespace galguard::milter
