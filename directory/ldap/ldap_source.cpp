// The LDAP DirectorySource: one load = connect, bind, read every page, map, unbind. Nothing is
// returned unless the whole directory was read, so a reload failure keeps the last snapshot.
#include "directory/ldap/ldap_source.hpp"

#include "directory/files/ad_record.hpp"
#include "directory/ldap/ldap_connection.hpp"
#include "directory/ldap/ldap_url.hpp"
#include "directory/ldap/paged_search.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory {
namespace {

class LdapSource final : public DirectorySource {
 public:
  LdapSource(ldap::LdapUrl url, const LdapOptions& options,
             std::function<void(const LoadProgress&)> on_progress)
      : url_(std::move(url)), options_(options), on_progress_(std::move(on_progress)) {}

  LoadResult load() override {
    const ldap::Connection connection(url_, options_);
    ldap::SearchRequest request{
        .base = url_.base_dn.empty() ? options_.base_dn : url_.base_dn,
        .scope = url_.scope >= 0 ? url_.scope : LDAP_SCOPE_SUBTREE,
        .filter = url_.filter.empty() ? options_.filter : url_.filter,
        .page_size = options_.page_size,
        .timeout = options_.timeout,
    };
    if (request.base.empty()) request.base = ldap::default_base(connection, options_.timeout);

    ParsedEntries parsed;
    const std::string server = url_.server + "/";
    ldap::paged_search(
        connection, request,
        [&](files::LdifRecord& record) {
          const std::string place = server + record.dn;
          files::map_ad_record(
              record, [&](std::size_t) { return place; }, parsed);
        },
        on_progress_);

    return snapshot_of(std::move(parsed), describe(),
                       "no directory entry with a mail address found (base \"" + request.base +
                           "\", filter " + request.filter + ")");
  }

  std::string describe() const override { return url_.described; }

 private:
  ldap::LdapUrl url_;
  LdapOptions options_;
  std::function<void(const LoadProgress&)> on_progress_;
};

}  // namespace

std::unique_ptr<DirectorySource> open_ldap_source(
    const std::string& url, const LdapOptions& options,
    std::function<void(const LoadProgress&)> on_progress) {
  if (options.page_size < 1) throw rules::InputError(url, "page_size must be at least 1");
  return std::make_unique<LdapSource>(ldap::parse_ldap_url(url), options, std::move(on_progress));
}

}  // namespace galguard::directory
