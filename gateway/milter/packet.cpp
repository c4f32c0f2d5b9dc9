#include "gateway/milter/packet.hpp"

#include <cassert>
#include <limits>

#include <fmt/format.h>

namespace galguard::milter {

namespace {

std::uint32_t read_u32(const char* p) {
  const auto byte = [p](int i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(p[i]));
  };
  return byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
}

}  // namespace

void PacketReader::feed(std::string_view bytes) {
  if (failed()) return;
  // Compact once the consumed part dominates, so the buffer does not grow with the connection.
  if (begin_ > 0 && begin_ >= buffer_.size() / 2) {
    buffer_.erase(0, begin_);
    begin_ = 0;
  }
  buffer_.append(bytes);
}

std::optional<Packet> PacketReader::next() {
  if (failed() || buffered() < 4) return std::nullopt;
  const std::uint32_t length = read_u32(buffer_.data() + begin_);
  // Checked before waiting for the rest: a peer must not make us hold more than the limit.
  if (length == 0) {
    error_ = "milter packet of length 0 has no command byte";
  } else if (length > max_packet_) {
    error_ = fmt::format("milter packet of {} bytes exceeds the limit of {}", length, max_packet_);
  }
  if (failed()) {
    buffer_.clear();
    buffer_.shrink_to_fit();
    begin_ = 0;
    return std::nullopt;
  }
  if (buffered() - 4 < length) return std::nullopt;
  Packet packet;
  packet.command = buffer_[begin_ + 4];
  packet.payload.assign(buffer_, begin_ + 5, length - 1);
  begin_ += 4 + std::size_t{length};
  if (begin_ == buffer_.size()) {
    buffer_.clear();
    begin_ = 0;
  }
  return packet;
}

void append_u32(std::string& out, std::uint32_t value) {
  out.push_back(static_cast<char>(value >> 24 & 0xff));
  out.push_back(static_cast<char>(value >> 16 & 0xff));
  out.push_back(static_cast<char>(value >> 8 & 0xff));
  out.push_back(static_cast<char>(value & 0xff));
}

void append_u16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value >> 8 & 0xff));
  out.push_back(static_cast<char>(value & 0xff));
}

std::string encode(char command, std::string_view payload) {
  assert(payload.size() < std::numeric_limits<std::uint32_t>::max());
  std::string out;
  out.reserve(5 + payload.size());
  append_u32(out, static_cast<std::uint32_t>(payload.size() + 1));
  out.push_back(command);
  out.append(payload);
  return out;
}

}  // namespace galguard::milter
