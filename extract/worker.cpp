#include "extract/worker.hpp"

#include <sys/resource.h>

#include <string>
#include <vector>

#include "extract/read_attachments.hpp"
#include "extract/wire.hpp"

namespace galguard::extract {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

void limit(int resource, rlim_t value, rlim_t hard) {
  const rlimit bounds{value, hard};
  setrlimit(resource, &bounds);
}

void limit_self(const Limits& limits) {
  // AddressSanitizer reserves terabytes of address space for its shadow memory, so an address
  // space limit would stop every sanitized reader at its first allocation; CPU time still holds.
  if (limits.child_memory_bytes > 0 && !kAddressSanitizer)
    limit(RLIMIT_AS, limits.child_memory_bytes, limits.child_memory_bytes);
  if (limits.child_cpu_time.count() > 0)
    // SIGXCPU at the soft limit says "CPU time" to the parent; the hard one a second later is
    // SIGKILL, which could be anything.
    limit(RLIMIT_CPU, static_cast<rlim_t>(limits.child_cpu_time.count()),
          static_cast<rlim_t>(limits.child_cpu_time.count()) + 1);
  limit(RLIMIT_CORE, 0, 0);   // a crash must not leave the attachment's content in a core file
  limit(RLIMIT_FSIZE, 0, 0);  // nor may a reader write files
}

bool read_exactly(std::FILE* in, std::string& out, std::size_t size) {
  out.resize(size);
  return size == 0 || std::fread(out.data(), 1, size, in) == size;
}

}  // namespace

int run_worker(std::FILE* in, std::FILE* out,
               const std::function<void(const rules::Attachment&)>& before_each) {
  constexpr std::size_t kMaxHeader = 1024 * 1024;
  std::string header;
  for (int c = std::fgetc(in); c != EOF && c != '\n'; c = std::fgetc(in)) {
    if (header.size() >= kMaxHeader) return 2;
    header += static_cast<char>(c);
  }
  Limits limits;
  rules::MessageView view;
  try {
    const nlohmann::json request = nlohmann::json::parse(header);
    limits = wire::limits_from_json(request.at("limits"));
    limit_self(limits);
    for (const nlohmann::json& file : request.at("files")) {
      rules::Attachment a;
      file.at("name").get_to(a.name);
      file.at("content_type").get_to(a.content_type);
      file.at("depth").get_to(a.depth);
      if (!read_exactly(in, a.content, file.at("size").get<std::size_t>())) return 2;
      view.attachments.push_back(std::move(a));
    }
  } catch (const std::exception&) {
    return 2;
  }

  const std::size_t files = view.attachments.size();
  MessageAllowance allowance(limits);
  for (std::size_t i = 0; i < files; ++i) {
    const std::size_t first_inner = view.attachments.size();
    try {
      if (before_each) before_each(view.attachments[i]);
      read_attachment(view, i, limits, allowance);
    } catch (const std::bad_alloc&) {
      view.attachments.resize(first_inner);
      view.attachments[i].why = "limit: memory";
    }
    const std::string line = wire::reply_line(view, i, i, first_inner);
    std::fwrite(line.data(), 1, line.size(), out);
    std::fputc('\n', out);
    std::fflush(out);
    // What was answered is not needed again: keep the child's memory to one file's worth.
    view.texts.clear();
    view.attachments.resize(files);
  }
  return 0;
}

}  // namespace galguard::extract
