// Microsoft Graph (Entra ID / Exchange Online) as a directory source, through libcurl.
// DESIGN.md §5; Graph behaviour in notes/directory-facts.md.
#pragma once

#include <memory>
#include <string>

#include "directory/source.hpp"
#include "directory/source_options.hpp"

namespace galguard::directory {

// url: "graph://TENANT" (a tenant id or domain). load() gets a token (cached until shortly before
// it expires), reads users, contacts and mail-enabled groups page by page; with options.delta,
// later loads of the same object only fetch changes. Throws rules::InputError naming the URL and
// what failed (token refused, Graph's error code and message, malformed page, retries spent).
std::unique_ptr<DirectorySource> open_graph_source(
    const std::string& url, const GraphOptions& options,
    std::function<void(const LoadProgress&)> on_progress);

}  // namespace galguard::directory
