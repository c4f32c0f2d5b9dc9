// LDAP URLs (RFC 4516) as the source reads them: server, base, filter, scope, bindname, and the
// description shown in messages.
#include "directory/ldap/ldap_url.hpp"

#include <gtest/gtest.h>
#include <ldap.h>

#include "rules/text/input_error.hpp"

namespace galguard::directory::ldap {
namespace {

TEST(ParseLdapUrl, ServerOnly) {
  const LdapUrl u = parse_ldap_url("ldap://dc1.example.org:389");
  EXPECT_EQ(u.scheme, "ldap");
  EXPECT_EQ(u.server, "ldap://dc1.example.org:389");
  EXPECT_EQ(u.base_dn, "");
  EXPECT_EQ(u.filter, "");
  EXPECT_EQ(u.scope, -1);
  EXPECT_EQ(u.bind_dn, "");
  EXPECT_EQ(u.described, "ldap://dc1.example.org:389");
}

TEST(ParseLdapUrl, BaseScopeFilterDecoded) {
  const LdapUrl u =
      parse_ldap_url("ldaps://dc1:636/OU=Staff,DC=stockholm,DC=se??one?(mail=*%40stockholm.se)");
  EXPECT_EQ(u.scheme, "ldaps");
  EXPECT_EQ(u.server, "ldaps://dc1:636");
  EXPECT_EQ(u.base_dn, "OU=Staff,DC=stockholm,DC=se");
  EXPECT_EQ(u.scope, LDAP_SCOPE_ONELEVEL);
  EXPECT_EQ(u.filter, "(mail=*@stockholm.se)");
}

TEST(ParseLdapUrl, NoScopeMeansUnset) {
  EXPECT_EQ(parse_ldap_url("ldap://h/DC=x").scope, -1);
  EXPECT_EQ(parse_ldap_url("ldap://h/DC=x???"
                           "(cn=a)")
                .scope,
            -1);
  EXPECT_EQ(parse_ldap_url("ldap://h/DC=x??sub").scope, LDAP_SCOPE_SUBTREE);
  EXPECT_EQ(parse_ldap_url("ldap://h/DC=x??base").scope, LDAP_SCOPE_BASE);
}

TEST(ParseLdapUrl, BindnameExtension) {
  const LdapUrl u = parse_ldap_url(
      "ldap://h:389/DC=se????bindname=CN%3Dgalguard%2COU%3DService%20Accounts%2CDC%3Dse");
  EXPECT_EQ(u.bind_dn, "CN=galguard,OU=Service Accounts,DC=se");
  EXPECT_EQ(u.base_dn, "DC=se");
  EXPECT_EQ(parse_ldap_url("ldap://h/????"
                           "!bindname=cn%3Da")
                .bind_dn,
            "cn=a");
}

TEST(ParseLdapUrl, DescriptionDropsOtherExtensions) {
  EXPECT_EQ(parse_ldap_url("ldap://h/DC=se????x-bindpw=hunter2,bindname=cn%3Da").described,
            "ldap://h/DC=se????bindname=cn%3Da");
  EXPECT_EQ(parse_ldap_url("ldap://h/DC=se????x-bindpw=hunter2").described, "ldap://h/DC=se");
  EXPECT_EQ(parse_ldap_url("ldap://h/DC=se??sub?(cn=a)").described, "ldap://h/DC=se??sub?(cn=a)");
}

TEST(ParseLdapUrl, Ldapi) {
  const LdapUrl u = parse_ldap_url("ldapi://%2Frun%2Fslapd%2Fldapi/DC=se");
  EXPECT_EQ(u.scheme, "ldapi");
  EXPECT_EQ(u.server, "ldapi://%2Frun%2Fslapd%2Fldapi");
  EXPECT_EQ(u.base_dn, "DC=se");
}

TEST(ParseLdapUrl, Refused) {
  const char* bad[] = {
      "http://h/",                   // not LDAP
      "ldap://h/DC=se??everything",  // bad scope
      "ldap://h/????"
      "!x-secret=1",             // unknown critical extension
      "ldap://h/????bindname=",  // bindname without a DN
  };
  for (const char* url : bad) {
    try {
      parse_ldap_url(url);
      ADD_FAILURE() << "accepted " << url;
    } catch (const rules::InputError& e) {
      EXPECT_EQ(e.place(), url);
    }
  }
}

}  // namespace
}  // namespace galguard::directory::ldap
