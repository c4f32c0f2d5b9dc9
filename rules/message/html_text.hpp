// Crude HTML to text for the personal-data detectors: tags dropped (block tags become line
// breaks so that table cells do not run together), script and style content dropped, common
// entities decoded. Not a renderer; it only has to keep the words and numbers apart.
#pragma once

#include <string>
#include <string_view>

namespace galguard::rules {

std::string html_to_text(std::string_view html);

}  // namespace galguard::rules
