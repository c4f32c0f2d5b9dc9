// Swedish terms. Words shared with Danish or Norwegian are listed once, here, and marked.
// Left out on purpose: "kommunal" (municipal, also a union's name), "unionen" (also the EU),
// "ras" (also a collapse), "missbruk" alone (also misuse of a system), "bedrägeri" (every
// phishing warning), party names (every municipal board mail).
#include "rules/detectors/special_categories.hpp"

namespace galguard::rules::detail {
namespace {

using enum Category;

constexpr Term kTerms[] = {
    {health, "sjukskriv*"},
    {health, "sjukdom*"},
    {health, "diagnos*"},  // also da, nb "diagnose", en "diagnosis"
    {health, "läkarintyg*"},
    {health, "patientjournal*"},  // also da
    {health, "sjukpenning*"},
    {health, "sjukfrånvaro*"},
    {health, "cancer*"},      // also en
    {health, "depression*"},  // also da, en
    {health, "diabetes"},     // all four
    {health, "graviditet*"},  // also da, nb
    {health, "funktionsnedsättning*"},
    {health, "psykisk ohälsa"},
    {health, "psykiatri*"},  // also da, nb

    {ethnic_origin, "etnicitet*"},  // also da
    {ethnic_origin, "etnisk*"},     // also da, nb
    {ethnic_origin, "hudfärg*"},
    {ethnic_origin, "utländsk bakgrund"},
    {ethnic_origin, "invandrarbakgrund*"},
    {ethnic_origin, "utrikes född*"},
    {ethnic_origin, "utlandsfödd*"},
    {ethnic_origin, "nationell minoritet*"},
    {ethnic_origin, "rastillhörighet*"},
    {ethnic_origin, "romsk*"},
    {ethnic_origin, "samisk härkomst"},
    {ethnic_origin, "samisk bakgrund"},
    {ethnic_origin, "tornedaling*"},

    {political_opinions, "partimedlem*"},  // also da, nb
    {political_opinions, "partitillhörighet*"},
    {political_opinions, "politisk åsikt*"},
    {political_opinions, "politiska åsikt*"},
    {political_opinions, "politisk uppfattning*"},
    {political_opinions, "politiska uppfattning*"},
    {political_opinions, "politisk tillhörighet"},
    {political_opinions, "politisk övertygelse"},
    {political_opinions, "politiska sympati*"},
    {political_opinions, "kommunist*"},  // also da, nb
    {political_opinions, "nazist*"},     // also da, nb
    {political_opinions, "högerextrem*"},
    {political_opinions, "vänsterextrem*"},

    {religion, "religiös*"},
    {religion, "religionstillhörighet*"},
    {religion, "trosuppfattning*"},
    {religion, "trostillhörighet*"},
    {religion, "trossamfund*"},  // also da
    {religion, "kyrkoavgift*"},  // on Swedish payslips: member of a church
    {religion, "muslim*"},       // all four
    {religion, "judisk*"},
    {religion, "katolik*"},
    {religion, "katolsk*"},  // also da, nb
    {religion, "frikyrk*"},
    {religion, "moské*"},    // also da, nb
    {religion, "synagog*"},  // all four
    {religion, "ateist*"},   // also da, nb
    {religion, "buddhis*"},  // all four
    {religion, "hindu*"},    // all four
    {religion, "livssyn*"},  // also da, nb

    {trade_union, "fackförbund*"},
    {trade_union, "fackförening*"},
    {trade_union, "fackmedlem*"},
    {trade_union, "fackansl*"},
    {trade_union, "facket"},
    {trade_union, "fackavgift*"},
    {trade_union, "fackligt ansluten"},
    {trade_union, "facklig företrädare"},
    {trade_union, "fackliga företrädare"},
    {trade_union, "a-kassa*"},
    {trade_union, "lärarförbund*"},
    {trade_union, "lärarnas riksförbund"},

    {genetic, "genetisk*"},   // also da, nb
    {genetic, "gentest*"},    // also da, nb
    {genetic, "genanalys*"},  // also da, nb
    {genetic, "arvsanlag*"},
    {genetic, "ärftlig*"},
    {genetic, "faderskapstest*"},
    {genetic, "dna-test*"},    // all four
    {genetic, "dna-analys*"},  // also da, nb
    {genetic, "dna-prov*"},
    {genetic, "genotyp*"},  // all four
    {genetic, "brca*"},

    {biometric, "biometri*"},  // all four, en "biometric"
    {biometric, "fingeravtryck*"},
    {biometric, "ansiktsigenkänning*"},
    {biometric, "irisskann*"},  // also nb
    {biometric, "röstigenkänning*"},

    {sex_life, "sexuell läggning"},
    {sex_life, "sexuella läggning"},
    {sex_life, "sexuell orientering"},
    {sex_life, "sexualitet*"},
    {sex_life, "sexliv*"},  // also da
    {sex_life, "homosexuell*"},
    {sex_life, "bisexuell*"},
    {sex_life, "heterosexuell*"},
    {sex_life, "hbtq*"},
    {sex_life, "lesbisk*"},  // also da, nb

    {criminal_offences, "brottmål*"},
    {criminal_offences, "belastningsregist*"},
    {criminal_offences, "fängelse*"},
    {criminal_offences, "åtal*"},
    {criminal_offences, "brottsmisstank*"},
    {criminal_offences, "misstänkt för brott"},
    {criminal_offences, "polisanmäl*"},
    {criminal_offences, "dömd för"},
    {criminal_offences, "misshandel*"},
    {criminal_offences, "våldtäkt*"},
    {criminal_offences, "narkotikabrott*"},
    {criminal_offences, "sexualbrott*"},
    {criminal_offences, "skyddstillsyn*"},

    // School mail is full of "diagnostiska prov"; IT mail of "diagnostik".
    {ordinary, "diagnostik*"},
    {ordinary, "diagnostisk*"},
};

}  // namespace

std::span<const Term> terms_sv() {
  return kTerms;
}

}  // namespace galguard::rules::detail
