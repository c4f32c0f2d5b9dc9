// The milter wire framing: a 4-byte big-endian length that counts the command byte and the
// payload, then the command byte, then the payload. PacketReader cuts the byte stream of one
// milter connection into packets; like smtp::LineReader it does no I/O, so the network layer
// feeds it whatever a read returned and tests can split the stream anywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace galguard::milter {

struct Packet {
  char command = 0;
  std::string payload;
  bool operator==(const Packet&) const = default;
};

// Postfix and Sendmail send the body in chunks of at most 65535 bytes (MILTER_CHUNK_SIZE), so a
// body packet is at most 65536 bytes with its command byte; libmilter refuses anything larger.
// The slack admits a long header line, which Postfix sends whole in one packet.
inline constexpr std::size_t kDefaultMaxPacket = 65536 + 4096;

class PacketReader {
 public:
  explicit PacketReader(std::size_t max_packet = kDefaultMaxPacket) : max_packet_(max_packet) {}

  // Bytes as they arrived. Drain next() after each read: then the buffer never holds more than
  // one packet (at most the limit) plus one read. Ignored once the reader has failed: after a
  // bad length there is no way to find the next packet boundary.
  void feed(std::string_view bytes);
  // The next complete packet, or nothing when more bytes are needed or the stream is broken.
  std::optional<Packet> next();

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // Bytes received but not yet returned in a packet.
  std::size_t buffered() const { return buffer_.size() - begin_; }

 private:
  std::size_t max_packet_;
  std::string buffer_;
  std::size_t begin_ = 0;  // first byte of the next packet in buffer_
  std::string error_;
};

// One packet on the wire. The payload must fit the 32-bit length; replies are always small.
std::string encode(char command, std::string_view payload);
inline std::string encode(const Packet& packet) {
  return encode(packet.command, packet.payload);
}

// Big-endian integers as the protocol writes them.
void append_u32(std::string& out, std::uint32_t value);
void append_u16(std::string& out, std::uint16_t value);

}  // namespace galguard::milter
