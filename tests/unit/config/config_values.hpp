// Field-by-field comparison of two configs (Config has no operator==: relay::Settings and
// smtp::Limits belong to other components). Names the field that differs.
#pragma once

#include <gtest/gtest.h>

#include "gateway/config/config.hpp"

namespace galguard::config {

inline void expect_same_values(const Config& want, const Config& got) {
  EXPECT_EQ(got.directory_sources, want.directory_sources);
  EXPECT_EQ(got.policy_file, want.policy_file);
  EXPECT_EQ(got.reload_interval, want.reload_interval);
  EXPECT_EQ(got.saved_snapshot, want.saved_snapshot);
  EXPECT_EQ(got.fail_open, want.fail_open);

  EXPECT_EQ(got.listen, want.listen);
  EXPECT_EQ(got.mode, want.mode);
  EXPECT_EQ(got.hostname, want.hostname);
  EXPECT_EQ(got.limits.max_line, want.limits.max_line);
  EXPECT_EQ(got.limits.max_recipients, want.limits.max_recipients);
  EXPECT_EQ(got.limits.max_message_size, want.limits.max_message_size);
  EXPECT_EQ(got.timeouts.command, want.timeouts.command);
  EXPECT_EQ(got.timeouts.data_block, want.timeouts.data_block);
  EXPECT_EQ(got.timeouts.shutdown_grace, want.timeouts.shutdown_grace);
  ASSERT_EQ(got.tls.has_value(), want.tls.has_value());
  if (want.tls) {
    EXPECT_EQ(got.tls->certificate, want.tls->certificate);
    EXPECT_EQ(got.tls->key, want.tls->key);
  }
  EXPECT_EQ(got.spool_directory, want.spool_directory);
  EXPECT_EQ(got.spool_memory_limit, want.spool_memory_limit);

  for (const auto& [name, got_relay, want_relay] :
       {std::tuple{"relay", &got.relay, &want.relay},
        std::tuple{"release", &got.release, &want.release}}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(got_relay->next_hop, want_relay->next_hop);
    EXPECT_EQ(got_relay->helo_name, want_relay->helo_name);
    EXPECT_EQ(got_relay->timeouts.connect, want_relay->timeouts.connect);
    EXPECT_EQ(got_relay->timeouts.greeting, want_relay->timeouts.greeting);
    EXPECT_EQ(got_relay->timeouts.command, want_relay->timeouts.command);
    EXPECT_EQ(got_relay->timeouts.data_init, want_relay->timeouts.data_init);
    EXPECT_EQ(got_relay->timeouts.data_block, want_relay->timeouts.data_block);
    EXPECT_EQ(got_relay->timeouts.data_end, want_relay->timeouts.data_end);
    EXPECT_EQ(got_relay->max_idle_connections, want_relay->max_idle_connections);
    EXPECT_EQ(got_relay->idle_timeout, want_relay->idle_timeout);
  }

  EXPECT_EQ(got.milter.listen, want.milter.listen);
  EXPECT_EQ(got.milter.on_hold, want.milter.on_hold);
  EXPECT_EQ(got.milter.verdict_header, want.milter.verdict_header);
  EXPECT_EQ(got.milter.timeout, want.milter.timeout);

  EXPECT_EQ(got.database, want.database);
  EXPECT_EQ(got.retention_days, want.retention_days);
  EXPECT_EQ(got.log_file, want.log_file);
  EXPECT_EQ(got.log_json, want.log_json);

  EXPECT_EQ(got.refresh_interval, want.refresh_interval);
  EXPECT_EQ(got.delivery_log_days, want.delivery_log_days);
  EXPECT_EQ(got.audit_interval, want.audit_interval);
  EXPECT_EQ(got.audit_reports, want.audit_reports);
  EXPECT_EQ(got.ldap.base_dn, want.ldap.base_dn);
  EXPECT_EQ(got.ldap.filter, want.ldap.filter);
  EXPECT_EQ(got.ldap.starttls, want.ldap.starttls);
  EXPECT_EQ(got.ldap.ca_file, want.ldap.ca_file);
  EXPECT_EQ(got.ldap.client_certificate, want.ldap.client_certificate);
  EXPECT_EQ(got.ldap.client_key, want.ldap.client_key);
  EXPECT_EQ(got.ldap.bind, want.ldap.bind);
  EXPECT_EQ(got.ldap.bind_dn, want.ldap.bind_dn);
  EXPECT_EQ(got.ldap.password_file, want.ldap.password_file);
  EXPECT_EQ(got.ldap.password_env, want.ldap.password_env);
  EXPECT_EQ(got.ldap.page_size, want.ldap.page_size);
  EXPECT_EQ(got.ldap.timeout, want.ldap.timeout);
  EXPECT_EQ(got.graph.authority, want.graph.authority);
  EXPECT_EQ(got.graph.graph, want.graph.graph);
  EXPECT_EQ(got.graph.client_id, want.graph.client_id);
  EXPECT_EQ(got.graph.client_secret_file, want.graph.client_secret_file);
  EXPECT_EQ(got.graph.client_secret_env, want.graph.client_secret_env);
  EXPECT_EQ(got.graph.certificate_file, want.graph.certificate_file);
  EXPECT_EQ(got.graph.certificate_key_file, want.graph.certificate_key_file);
  EXPECT_EQ(got.graph.delta, want.graph.delta);
  EXPECT_EQ(got.graph.max_retries, want.graph.max_retries);
  EXPECT_EQ(got.graph.max_retry_after, want.graph.max_retry_after);
  EXPECT_EQ(got.graph.timeout, want.graph.timeout);
  EXPECT_EQ(got.graph.ca_file, want.graph.ca_file);
}

}  // namespace galguard::config
