// Norwegian (bokmål) terms. Words spelt the same in Swedish or Danish are in terms_sv.cpp or
// terms_da.cpp. Left out on purpose: "skeiv" (also "skewed"), "rase" (also "to rage"),
// "siktet" (also "aimed"), "tater" (also a slang word in English).
#include "rules/detectors/special_categories.hpp"

namespace galguard::rules::detail {
namespace {

using enum Category;

constexpr Term kTerms[] = {
    {health, "sykemeld*"},
    {health, "sykmeld*"},
    {health, "sykdom*"},
    {health, "legeerklæring*"},
    {health, "sykepenger*"},
    {health, "sykefravær*"},
    {health, "kreft*"},
    {health, "svangerskap*"},  // also sv

    {ethnic_origin, "etnisitet*"},
    {ethnic_origin, "hudfarge*"},
    {ethnic_origin, "innvandrerbakgrunn*"},
    {ethnic_origin, "rasemessig*"},
    {ethnic_origin, "minoritetsbakgrunn*"},
    {ethnic_origin, "landbakgrunn*"},
    {ethnic_origin, "samisk opprinnelse"},
    {ethnic_origin, "kvensk*"},
    {ethnic_origin, "nasjonal minoritet*"},

    {political_opinions, "partitilhørighet*"},
    {political_opinions, "politisk oppfatning*"},
    {political_opinions, "politiske oppfatning*"},
    {political_opinions, "politisk syn"},
    {political_opinions, "politisk ståsted*"},
    {political_opinions, "høyreekstrem*"},

    {religion, "trossamfunn*"},
    {religion, "religionstilhørighet*"},
    {religion, "kirkemedlem*"},
    {religion, "jøde*"},  // also da

    {trade_union, "tillitsvalgt*"},
    {trade_union, "fagorganisert*"},
    {trade_union, "lo-medlem*"},
    {trade_union, "fagorganisasjon*"},

    {genetic, "arveanlegg*"},
    {genetic, "farskapstest*"},
    {genetic, "genomsekvensering*"},
    {genetic, "arvemateriale*"},

    {biometric, "fingeravtrykk*"},
    {biometric, "ansiktsgjenkjenning*"},
    {biometric, "stemmegjenkjenning*"},
    {biometric, "netthinneskann*"},

    {sex_life, "seksuell orientering"},
    {sex_life, "seksuell legning"},
    {sex_life, "homofil*"},  // also sv
    {sex_life, "bifil"},     // exact: "bifilar" is a coil
    {sex_life, "lhbt*"},

    {criminal_offences, "politiattest*"},
    {criminal_offences, "straffesak*"},
    {criminal_offences, "fengsel*"},
    {criminal_offences, "voldtekt*"},
    {criminal_offences, "straffereaksjon*"},
    {criminal_offences, "domfelt*"},
};

}  // namespace

std::span<const Term> terms_nb() {
  return kTerms;
}

}  // namespace galguard::rules::detail
