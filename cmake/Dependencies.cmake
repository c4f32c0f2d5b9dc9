# Every dependency is a Debian 12 package; scripts/deps installs them all.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(LDAP REQUIRED IMPORTED_TARGET ldap lber)  # the LDAP directory source
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)      # registrable domains (Public Suffix List)
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler-cpp)  # PDF attachments
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)  # ZIP, Office and OpenDocument
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)    # the XML inside Office files
find_package(CURL REQUIRED)                                 # the Microsoft Graph source
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)  # STARTTLS through Boost.Asio ssl; Graph certificate assertions
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
if(GALGUARD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(GALGUARD_BENCH)
  find_package(benchmark REQUIRED)
endif()
