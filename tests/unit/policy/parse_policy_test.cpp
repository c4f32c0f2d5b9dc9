#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/policy/policy.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::rules {
namespace {

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(GALGUARD_SOURCE_DIR) + "/samples/" + name);
  EXPECT_TRUE(in) << "cannot open samples/" << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Line numbers (1-based) of the lines that start with `prefix`, so that comments added to a
// sample do not break the test.
std::vector<int> lines_starting_with(const std::string& text, const std::string& prefix) {
  std::vector<int> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.rfind(prefix, 0) == 0) out.push_back(n);
  return out;
}

TEST(ParsePolicy, ReferenceSample) {
  const std::string text = read_sample("policy.toml");
  const Policy p = parse_policy(text, "policy.toml");
  EXPECT_EQ(p.organisation, "Skärholmens stadsdelsförvaltning");
  EXPECT_EQ(p.internal_domains, std::vector<std::string>{"stockholm.se"});
  EXPECT_EQ(p.untrusted_domains,
            (std::vector<std::string>{"elevstockholm.onmicrosoft.com", "*.onmicrosoft.com",
                                      "gmail.com", "hotmail.com", "outlook.com", "live.se"}));
  EXPECT_EQ(p.processors, std::vector<std::string>{"Fujitsu Sweden"});
  EXPECT_EQ(p.role_words, default_role_words());

  ASSERT_EQ(p.protected_names.size(), 3u);
  const std::vector<int> headers = lines_starting_with(text, "[[protected_name]]");
  ASSERT_EQ(headers.size(), 3u);
  for (size_t i = 0; i < 3; ++i)
    EXPECT_EQ(p.protected_names[i].line, headers[i]) << i;

  const ProtectedName& desk = p.protected_names[0];
  EXPECT_EQ(desk.pattern.text(), "service ?desk*");
  EXPECT_TRUE(desk.pattern.matches("Service Desk 33900"));
  EXPECT_TRUE(desk.pattern.matches("Servicedesk Fujitsu"));
  EXPECT_TRUE(desk.pattern.matches("Servic\u0435 Desk"));
  EXPECT_FALSE(desk.pattern.matches("Anna Andersson"));
  EXPECT_EQ(desk.allow,
            (std::vector<std::string>{"servicedesk.stockholm@fujitsu.com", "*@stockholm.se"}));
  EXPECT_TRUE(desk.allows("servicedesk.stockholm@fujitsu.com"));
  EXPECT_TRUE(desk.allows("anna.andersson@stockholm.se"));
  EXPECT_FALSE(desk.allows("servicedesk33900@elevstockholm.onmicrosoft.com"));

  const ProtectedName& dpo = p.protected_names[1];
  EXPECT_TRUE(dpo.pattern.matches("Dataskyddsombud"));
  EXPECT_FALSE(dpo.allows("dso@gmail.com"));

  const ProtectedName& it = p.protected_names[2];
  EXPECT_TRUE(it.pattern.matches("IT-samordnare Skärholmen"));
  EXPECT_TRUE(it.pattern.matches("Helpdesk"));
  EXPECT_FALSE(it.pattern.matches("Anna Andersson"));
  EXPECT_TRUE(it.allows("x@fujitsu.com"));
  EXPECT_FALSE(it.allows("x@se.fujitsu.com"));

  EXPECT_TRUE(p.is_internal("stockholm.se"));
  EXPECT_FALSE(p.is_internal("edu.stockholm.se"));
  EXPECT_TRUE(p.is_untrusted("elevstockholm.onmicrosoft.com"));
  EXPECT_TRUE(p.is_untrusted("contoso.onmicrosoft.com"));
  EXPECT_FALSE(p.is_untrusted("fujitsu.com"));

  EXPECT_EQ(p.action_for(Severity::none), Action::pass);
  EXPECT_EQ(p.action_for(Severity::low), Action::pass);
  EXPECT_EQ(p.action_for(Severity::medium), Action::quarantine);
  EXPECT_EQ(p.action_for(Severity::high), Action::quarantine);
  EXPECT_EQ(p.action_for(Severity::critical), Action::quarantine);
}

TEST(ParsePolicy, FullSampleShowsEveryKey) {
  const Policy p = parse_policy(read_sample("policy-full.toml"), "policy-full.toml");
  EXPECT_FALSE(p.organisation.empty());
  EXPECT_FALSE(p.internal_domains.empty());
  EXPECT_FALSE(p.untrusted_domains.empty());
  EXPECT_FALSE(p.processors.empty());
  EXPECT_NE(p.role_words, default_role_words());
  EXPECT_TRUE(p.looks_like_function("Skolexpedition Skärholmen"));
  EXPECT_TRUE(p.is_internal("edu.stockholm.se"));
  EXPECT_TRUE(p.is_internal("räksmörgås.se"));  // written as xn-- in the file
  EXPECT_FALSE(p.protected_names.empty());
  EXPECT_EQ(p.action_for(Severity::none), Action::pass);
  EXPECT_EQ(p.action_for(Severity::low), Action::pass);
  EXPECT_EQ(p.action_for(Severity::medium), Action::quarantine);
  EXPECT_EQ(p.action_for(Severity::high), Action::quarantine);
  EXPECT_EQ(p.action_for(Severity::critical), Action::reject);
}

TEST(ParsePolicy, EmptyDocumentIsTheDefaultPolicy) {
  const Policy p = parse_policy("", "empty.toml");
  const Policy d = default_policy();
  EXPECT_TRUE(p.organisation.empty());
  EXPECT_TRUE(p.protected_names.empty());
  EXPECT_EQ(p.role_words, d.role_words);
  EXPECT_EQ(p.actions, d.actions);
}

TEST(ParsePolicy, OptionalPartsAndOverrides) {
  const Policy p = parse_policy(R"toml([organisation]
internal_domains = ["XN--RKSMRGS-5WAO1O.SE", "*.Stockholm.SE"]
role_words = ["Skolexpedition", "Elevhälsa  Team"]

[[protected_name]]
pattern = "dpo"
allow = []

[[protected_name]]
pattern = "registrator"

[actions]
high = "reject"
none = "pass"
)toml",
                                "p.toml");
  EXPECT_EQ(p.internal_domains, (std::vector<std::string>{"räksmörgås.se", "*.stockholm.se"}));
  EXPECT_EQ(p.role_words, (std::vector<std::string>{"skolexpedition", "elevhälsa team"}));
  ASSERT_EQ(p.protected_names.size(), 2u);
  EXPECT_TRUE(p.protected_names[0].allow.empty());
  EXPECT_TRUE(p.protected_names[1].allow.empty());  // no allow list: nothing allowed
  EXPECT_EQ(p.protected_names[1].line, 9);
  EXPECT_EQ(p.action_for(Severity::low), Action::pass);  // the defaults stay for the rest
  EXPECT_EQ(p.action_for(Severity::medium), Action::quarantine);
  EXPECT_EQ(p.action_for(Severity::high), Action::reject);
  EXPECT_EQ(p.action_for(Severity::critical), Action::reject);  // follows high
}

TEST(ParsePolicy, EmptyRoleWordsMeanNoFunctions) {
  const Policy p = parse_policy("[organisation]\nrole_words = []\n", "p.toml");
  EXPECT_TRUE(p.role_words.empty());
  EXPECT_FALSE(p.looks_like_function("Service Desk"));
  EXPECT_FALSE(p.looks_like_function("Service Desk 33900"));  // a number alone is no function
}

struct ErrorCase {
  const char* toml;
  const char* place;
  const char* message;  // a part of the message that must be there
};

TEST(ParsePolicy, ErrorsNamePlaceAndKey) {
  const ErrorCase cases[] = {
      // TOML syntax
      {"[organisation\nname = \"x\"\n", "policy.toml:1", ""},
      {"[organisation]\nname = \"a\"\nname = \"b\"\n", "policy.toml:3", ""},
      // unknown keys, with a suggestion
      {"[organisation]\nname = \"x\"\ninternal_domain = [\"stockholm.se\"]\n", "policy.toml:3",
       "unknown key \"internal_domain\" in [organisation] (did you mean \"internal_domains\"?)"},
      {"\n[organization]\nname = \"x\"\n", "policy.toml:2",
       "unknown table or key \"organization\""},
      {"[organization]\n", "policy.toml:1", "(did you mean \"organisation\"?)"},
      {"[[protected_name]]\npattern = \"x\"\nalow = []\n", "policy.toml:3",
       "unknown key \"alow\" in [[protected_name]] #1 (did you mean \"allow\"?)"},
      {"[organisation]\nfoo = 1\n", "policy.toml:2", "unknown key \"foo\" in [organisation]"},
      // wrong types
      {"organisation = \"x\"\n", "policy.toml:1", "[organisation]: expected a table, got a string"},
      {"[organisation]\nname = 5\n", "policy.toml:2",
       "[organisation] name: expected a string, got an integer"},
      {"[organisation]\ninternal_domains = \"stockholm.se\"\n", "policy.toml:2",
       "[organisation] internal_domains: expected an array of strings, got a string"},
      {"[organisation]\nuntrusted_domains = [\n  \"gmail.com\",\n  42,\n]\n", "policy.toml:4",
       "[organisation] untrusted_domains item 2: expected a string, got an integer"},
      {"[organisation]\nprocessors = [true]\n", "policy.toml:2",
       "[organisation] processors item 1: expected a string, got a boolean"},
      {"[organisation]\nrole_words = [\"hr\", \"  \"]\n", "policy.toml:2",
       "[organisation] role_words item 2: empty"},
      // domains
      {"[organisation]\ninternal_domains = [\"\"]\n", "policy.toml:2",
       "[organisation] internal_domains item 1: empty"},
      {"[organisation]\ninternal_domains = [\"*@stockholm.se\"]\n", "policy.toml:2",
       "[organisation] internal_domains item 1: \"*@stockholm.se\" is an address"},
      {"[organisation]\nuntrusted_domains = [\"gmail .com\"]\n", "policy.toml:2",
       "[organisation] untrusted_domains item 1: \"gmail .com\" contains white space"},
      // protected names
      {"[[protected_name]]\npattern = \"x\"\n\n[[protected_name]]\nallow = []\n", "policy.toml:4",
       "[[protected_name]] #2: missing key \"pattern\""},
      {"[[protected_name]]\npattern = \"x\"\n\n[[protected_name]]\npattern = \"re:(it\"\n",
       "policy.toml:5", "[[protected_name]] #2 pattern: regex does not compile: "},
      {"[[protected_name]]\npattern = \"re:\"\n", "policy.toml:2",
       "[[protected_name]] #1 pattern: empty regular expression"},
      {"[[protected_name]]\npattern = \" \"\n", "policy.toml:2",
       "[[protected_name]] #1 pattern: empty pattern"},
      {"[[protected_name]]\npattern = [\"x\"]\n", "policy.toml:2",
       "[[protected_name]] #1 pattern: expected a string, got an array"},
      {"[[protected_name]]\npattern = \"x\"\nallow = \"a@b.se\"\n", "policy.toml:3",
       "[[protected_name]] #1 allow: expected an array of strings, got a string"},
      {"[[protected_name]]\npattern = \"x\"\nallow = [\"a@b.se\", \"stockholm.se\"]\n",
       "policy.toml:3", "[[protected_name]] #1 allow item 2: \"stockholm.se\" is not an address"},
      {"[[protected_name]]\npattern = \"x\"\nallow = [\"@stockholm.se\"]\n", "policy.toml:3",
       "[[protected_name]] #1 allow item 1: \"@stockholm.se\" is not an address"},
      {"[protected_name]\npattern = \"x\"\n", "policy.toml:1",
       "protected_name: expected [[protected_name]] tables, got a table"},
      {"protected_name = [\"x\"]\n", "policy.toml:1",
       "[[protected_name]] #1: expected a table, got a string"},
      // actions
      {"[actions]\nlow = \"pass\"\nhigh = \"hold\"\n", "policy.toml:3",
       "[actions] high = \"hold\": expected pass, quarantine or reject"},
      {"[actions]\nhigh = 2\n", "policy.toml:2",
       "[actions] high: expected a string, got an integer"},
      {"[actions]\nhihg = \"reject\"\n", "policy.toml:2",
       "[actions] unknown severity \"hihg\": expected none, low, medium, high or critical (did "
       "you mean \"high\"?)"},
      {"[actions]\nnone = \"reject\"\n", "policy.toml:2",
       "[actions] none = \"reject\": none is always pass"},
      {"actions = [\"x\"]\n", "policy.toml:1", "[actions]: expected a table, got an array"},
      // exemptions of flagged entries
      {"[[allow_entry]]\naddress = \"a@b.se\"\n", "policy.toml:1",
       "[[allow_entry]] #1: missing key \"reason\""},
      {"[[allow_entry]]\nreason = \"checked\"\n", "policy.toml:1",
       "[[allow_entry]] #1: missing key \"address\""},
      {"[[allow_entry]]\naddress = \"*@b.se\"\nreason = \"checked\"\n", "policy.toml:2",
       "[[allow_entry]] #1 address: \"*@b.se\" is not one address (no globs here)"},
      {"[[allow_entry]]\naddress = \"b.se\"\nreason = \"checked\"\n", "policy.toml:2",
       "[[allow_entry]] #1 address: \"b.se\" is not one address"},
      {"[[allow_entry]]\naddress = \"a@b.se\"\nreason = \"  \"\n", "policy.toml:3",
       "[[allow_entry]] #1 reason: empty"},
      {"[[allow_entry]]\naddress = \"a@b.se\"\nreason = \"x\"\nadress = 1\n", "policy.toml:4",
       "unknown key \"adress\" in [[allow_entry]] #1 (did you mean \"address\"?)"},
      {"[flagged_entries]\ncodes = \"entry-lookalike-name\"\n", "policy.toml:2",
       "[flagged_entries] codes: expected an array of strings, got a string"},
      {"[flaged_entries]\n", "policy.toml:1", "(did you mean \"flagged_entries\"?)"},
  };
  for (const auto& c : cases) {
    try {
      parse_policy(c.toml, "policy.toml");
      ADD_FAILURE() << "no error for:\n" << c.toml;
    } catch (const InputError& e) {
      EXPECT_EQ(e.place(), c.place) << e.what() << "\nfor:\n" << c.toml;
      const std::string what = e.what();
      EXPECT_EQ(what.rfind(std::string(c.place) + ": ", 0), 0u) << what;
      EXPECT_NE(what.find(c.message), std::string::npos) << what << "\nwant: " << c.message;
    }
  }
}

TEST(ParsePolicy, PlaceUsesTheGivenFileName) {
  try {
    parse_policy("[actions]\nhigh = \"hold\"\n", "/etc/galguard/policy.toml");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place(), "/etc/galguard/policy.toml:2");
  }
}

}  // namespace
}  // namespace galguard::rules
