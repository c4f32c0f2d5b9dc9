// Words that mark a display name as a function rather than a person ("Service Desk",
// "Lön Skärholmen", "Personvernombud"). A policy's [organisation] role_words replace this list.
#include <string_view>

#include "rules/policy/policy.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

// Whole tokens after normalisation; a name's tokens are also split at hyphens and other
// punctuation before comparing, so "IT-support" meets "it" and "support". Words of several
// tokens ("human resources") are matched as a phrase.
constexpr std::string_view kWords[] = {
    // English
    "service",
    "servicedesk",
    "desk",
    "helpdesk",
    "support",
    "it",
    "ict",
    "hr",
    "payroll",
    "finance",
    "accounts",
    "accounting",
    "invoices",
    "billing",
    "admin",
    "administrator",
    "administration",
    "info",
    "information",
    "reception",
    "registry",
    "registrar",
    "secretariat",
    "dpo",
    "privacy",
    "security",
    "noreply",
    "no-reply",
    "donotreply",
    "postmaster",
    "hostmaster",
    "webmaster",
    "abuse",
    "helpline",
    "hotline",
    "switchboard",
    "human resources",
    "customer service",
    "data protection officer",
    // Swedish
    "lön",
    "löner",
    "lönekontoret",
    "löneenheten",
    "ekonomi",
    "ekonomienheten",
    "kansli",
    "kansliet",
    "registrator",
    "registratur",
    "registraturen",
    "diarium",
    "reception",
    "receptionen",
    "växel",
    "växeln",
    "dataskyddsombud",
    "dataskyddsombudet",
    "kundtjänst",
    "kundservice",
    "kontaktcenter",
    "medborgarservice",
    "expedition",
    "expeditionen",
    "sekretariat",
    "sekretariatet",
    "personalavdelningen",
    "personalenheten",
    "it-avdelningen",
    "supporten",
    "servicedesken",
    "funktionsbrevlåda",
    "fakturor",
    "leverantörsfakturor",
    "upphandling",
    "informationssäkerhet",
    // Danish
    "løn",
    "lønafdelingen",
    "lønkontoret",
    "økonomi",
    "økonomiafdelingen",
    "kundeservice",
    "kundecenter",
    "borgerservice",
    "databeskyttelsesrådgiver",
    "omstilling",
    "bogholderi",
    "regnskab",
    "personaleafdelingen",
    "it-afdelingen",
    // Norwegian (bokmål)
    "lønn",
    "lønnskontoret",
    "personvernombud",
    "personvernombudet",
    "kundesenter",
    "sentralbord",
    "resepsjon",
    "resepsjonen",
    "servicesenter",
    "servicetorg",
    "postmottak",
    "brukerstøtte",
    "regnskap",
    "fakturamottak",
    "personalavdelingen",
    "arkiv",
};

}  // namespace

const std::vector<std::string>& default_role_words() {
  // Normalised at first use, so the list above reads naturally and stays in one form with names.
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out;
    for (std::string_view w : kWords)
      out.push_back(normalize(w));
    return out;
  }();
  return words;
}

}  // namespace galguard::rules
