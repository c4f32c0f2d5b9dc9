#include "gateway/app/version.hpp"
