// Danish terms. Words spelt the same in Swedish or Norwegian are in terms_sv.cpp or
// terms_nb.cpp. Left out on purpose: "misbrug" alone (also misuse), "bøsse" (also a collecting
// box), "tiltale" and "sigtet" (also "appeal" and "aimed"), "efterkommer" (also "complies").
#include "rules/detectors/special_categories.hpp"

namespace galguard::rules::detail {
namespace {

using enum Category;

constexpr Term kTerms[] = {
    {health, "sygemeld*"},
    {health, "sygdom*"},
    {health, "lægeerklæring*"},
    {health, "sygedagpenge*"},
    {health, "sygefravær*"},
    {health, "kræft*"},
    {health, "alkoholmisbrug*"},

    {ethnic_origin, "hudfarve*"},
    {ethnic_origin, "indvandrerbaggrund*"},
    {ethnic_origin, "ikke-vestlig*"},
    {ethnic_origin, "racemæssig*"},
    {ethnic_origin, "minoritetsbaggrund*"},
    {ethnic_origin, "grønlandsk afstamning"},

    {political_opinions, "partitilhørsforhold*"},
    {political_opinions, "politisk overbevisning*"},
    {political_opinions, "politiske overbevisning*"},
    {political_opinions, "politisk holdning*"},   // also nb
    {political_opinions, "politiske holdning*"},  // also nb
    {political_opinions, "politisk anskuelse*"},
    {political_opinions, "politiske anskuelse*"},
    {political_opinions, "højreekstrem*"},
    {political_opinions, "venstreekstrem*"},  // also nb

    {religion, "religiøs*"},     // also nb
    {religion, "trosretning*"},  // also nb
    {religion, "kirkeskat*"},    // on Danish payslips: member of the folkekirke
    {religion, "jødisk*"},       // also nb
    {religion, "medlem af folkekirken"},

    {trade_union, "fagforening*"},  // also nb
    {trade_union, "fagforbund*"},   // also nb
    {trade_union, "tillidsrepræsentant*"},
    {trade_union, "fagligt organiseret"},
    {trade_union, "a-kasse*"},

    {genetic, "arvelig*"},  // also nb
    {genetic, "arveanlæg*"},
    {genetic, "farskabstest*"},
    {genetic, "anlægsbærer*"},
    {genetic, "genomsekventering*"},

    {biometric, "fingeraftryk*"},
    {biometric, "ansigtsgenkendelse*"},
    {biometric, "stemmegenkendelse*"},
    {biometric, "irisscanning*"},  // also sv
    {biometric, "nethindescanning*"},

    {sex_life, "seksuel orientering"},
    {sex_life, "seksualitet*"},    // also nb
    {sex_life, "seksualliv*"},     // also nb
    {sex_life, "homoseksuel*"},    // also nb "homoseksuell"
    {sex_life, "biseksuel*"},      // also nb
    {sex_life, "heteroseksuel*"},  // also nb

    {criminal_offences, "straffeattest*"},
    {criminal_offences, "kriminalregist*"},
    {criminal_offences, "straffesag*"},
    {criminal_offences, "straffedom*"},  // also nb
    {criminal_offences, "fængsel*"},
    {criminal_offences, "dømt for"},       // also nb
    {criminal_offences, "politianmeld*"},  // also nb
    {criminal_offences, "voldtægt*"},
};

}  // namespace

std::span<const Term> terms_da() {
  return kTerms;
}

}  // namespace galguard::rules::detail
