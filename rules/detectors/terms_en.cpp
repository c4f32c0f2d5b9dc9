// English terms. Left out on purpose, for they fire on ordinary business mail: "union" (the
// EU, "union member states"), "party" ("third party members"), "race", "sick" alone,
// "fingerprint" alone (certificates and SSH keys), "disabled" (accounts), "genetic" alone
// ("genetic algorithm"), "aids" ("visual aids"), "christian" (a first name).
#include "rules/detectors/special_categories.hpp"

namespace galguard::rules::detail {
namespace {

using enum Category;

constexpr Term kTerms[] = {
    {health, "sick leave"},
    {health, "sick note"},
    {health, "medical record*"},
    {health, "medical condition*"},
    {health, "illness*"},
    {health, "pregnan*"},
    {health, "mental health"},
    {health, "hiv"},
    {health, "hospitalis*"},  // not "hospitali*": that is "hospitality"
    {health, "hospitaliz*"},

    {ethnic_origin, "ethnic*"},
    {ethnic_origin, "racial*"},
    {ethnic_origin, "skin colour"},
    {ethnic_origin, "skin color"},
    {ethnic_origin, "immigrant background"},
    {ethnic_origin, "migrant background"},
    {ethnic_origin, "minority background"},
    {ethnic_origin, "indigenous"},
    {ethnic_origin, "national origin"},

    {political_opinions, "political opinion*"},
    {political_opinions, "political view*"},
    {political_opinions, "political belief*"},
    {political_opinions, "political affiliation*"},
    {political_opinions, "political party member*"},
    {political_opinions, "voting intention*"},
    {political_opinions, "communist*"},
    {political_opinions, "nazi"},
    {political_opinions, "nazis"},
    {political_opinions, "right-wing extremis*"},
    {political_opinions, "left-wing extremis*"},

    {religion, "religious belief*"},
    {religion, "religious affiliation*"},
    {religion, "religious conviction*"},
    {religion, "jewish"},
    {religion, "islam*"},
    {religion, "church membership"},
    {religion, "atheis*"},
    {religion, "sikh*"},
    {religion, "imam"},
    {religion, "hijab*"},

    {trade_union, "trade union*"},
    {trade_union, "labor union*"},
    {trade_union, "labour union*"},
    {trade_union, "union dues"},
    {trade_union, "shop steward*"},
    {trade_union, "unionised"},
    {trade_union, "unionized"},

    {genetic, "genetic test*"},
    {genetic, "genetic data"},
    {genetic, "genetic information"},
    {genetic, "genetic disorder*"},
    {genetic, "genetic condition*"},
    {genetic, "genetic screening"},
    {genetic, "genetic predisposition*"},
    {genetic, "genetic marker*"},
    {genetic, "hereditary"},
    {genetic, "dna sample*"},
    {genetic, "dna profil*"},
    {genetic, "genome sequenc*"},
    {genetic, "paternity test*"},

    {biometric, "facial recognition"},
    {biometric, "face recognition"},
    {biometric, "iris scan*"},
    {biometric, "retina scan*"},
    {biometric, "retinal scan*"},
    {biometric, "fingerprint scan*"},
    {biometric, "fingerprint data"},
    {biometric, "voiceprint*"},
    {biometric, "palm vein*"},
    {biometric, "facial geometry"},
    {biometric, "hand geometry"},
    {biometric, "gait recognition"},

    {sex_life, "sexual orientation*"},
    {sex_life, "sex life"},
    {sex_life, "sexual life"},
    {sex_life, "sexual preference*"},
    {sex_life, "homosexual*"},
    {sex_life, "bisexual*"},
    {sex_life, "heterosexual*"},
    {sex_life, "lesbian*"},
    {sex_life, "gay"},
    {sex_life, "lgbt*"},
    {sex_life, "sexual partner*"},
    {sex_life, "sexual activity"},

    {criminal_offences, "criminal record*"},
    {criminal_offences, "criminal conviction*"},
    {criminal_offences, "criminal offence*"},
    {criminal_offences, "criminal offense*"},
    {criminal_offences, "criminal charge*"},
    {criminal_offences, "convicted"},
    {criminal_offences, "prison sentence*"},
    {criminal_offences, "imprisonment"},
    {criminal_offences, "sex offender*"},
    {criminal_offences, "dbs check*"},
    {criminal_offences, "police record*"},
    {criminal_offences, "indicted"},

    {ordinary, "diagnostic*"},
    {ordinary, "islamabad"},  // a city, under "islam*"
};

}  // namespace

std::span<const Term> terms_en() {
  return kTerms;
}

}  // namespace galguard::rules::detail
