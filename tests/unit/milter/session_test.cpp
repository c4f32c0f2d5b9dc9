// A whole milter conversation as Postfix sends it, cut into reads at every place, decodes to
// the same commands: the framing and the decoding together, as the server will use them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/milter/packet.hpp"
#include "gateway/milter/protocol.hpp"

namespace galguard::milter {
namespace {

using namespace std::string_literals;

const std::vector<Packet>& postfix_session() {
  static const std::vector<Packet> packets{
      {'O', "\0\0\0\x06\0\0\x01\xff\0\x1f\xff\xff"s},
      {'D', "Cj\0mx.stockholm.se\0{daemon_name}\0mx\0v\0Postfix 3.7\0"s},
      {'C',
       "client.stockholm.se\0"
       "4\xc3\x50"
       "10.1.2.3\0"s},
      {'D', "M{mail_addr}\0it@stockholm.se\0"s},
      {'M', "<it@stockholm.se>\0SIZE=812\0"s},
      {'D',
       "R{rcpt_addr}\0m@elevstockholm.onmicrosoft.com\0i\0"
       "4NxYz1\0"s},
      {'R', "<m@elevstockholm.onmicrosoft.com>\0"s},
      {'L', "From\0 IT <it@stockholm.se>\0"s},
      {'L', "To\0 Service Desk 33900 <m@elevstockholm.onmicrosoft.com>\0"s},
      {'N', ""},
      {'B', "Hej,\r\npersonnummer 19121212-1212\r\n"s},
      {'E', ""},
      {'K', ""},
      {'A', ""},
      {'Q', ""},
  };
  return packets;
}

std::vector<Command> decode_all(PacketReader& reader) {
  std::vector<Command> commands;
  while (auto packet = reader.next()) {
    auto decoded = decode(*packet);
    if (auto* error = std::get_if<Error>(&decoded)) {
      ADD_FAILURE() << error->message;
      continue;
    }
    commands.push_back(std::get<Command>(std::move(decoded)));
  }
  return commands;
}

TEST(Session, APostfixConversationDecodesWhereverTheReadsEnd) {
  std::string stream;
  for (const auto& packet : postfix_session())
    stream += encode(packet);
  PacketReader whole;
  whole.feed(stream);
  const std::vector<Command> want = decode_all(whole);
  ASSERT_EQ(want.size(), postfix_session().size());
  EXPECT_EQ(std::get<Connect>(want[2]).address, "10.1.2.3");
  EXPECT_EQ(std::get<Connect>(want[2]).port, 50000);
  EXPECT_EQ(std::get<Macros>(want[5]).find("i"), "4NxYz1");
  EXPECT_EQ(bare_address(std::get<Rcpt>(want[6]).address), "m@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(std::get<Header>(want[8]).value,
            " Service Desk 33900 <m@elevstockholm.onmicrosoft.com>");
  EXPECT_TRUE(std::get<Quit>(want[12]).new_connection);

  for (std::size_t chunk = 1; chunk <= 64; ++chunk) {
    PacketReader reader;
    std::vector<Command> got;
    for (std::size_t at = 0; at < stream.size(); at += chunk) {
      reader.feed(std::string_view(stream).substr(at, chunk));
      for (auto& command : decode_all(reader))
        got.push_back(std::move(command));
    }
    EXPECT_EQ(got, want) << "reads of " << chunk << " bytes";
  }
}

}  // namespace
}  // namespace galguard::milter
