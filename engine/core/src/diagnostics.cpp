// Diagnostics formatting.
#include "unknot/diagnostics.hpp"

#include "unknot/text.hpp"

namespace unknot {

std::string formatDiagnostic(const Diagnostic& d) {
    // File names and messages (which quote content) are escaped: a name
    // holding a newline or ESC must not forge lines or drive the terminal.
    std::string s = escapeControl(d.path);
    // A file-level problem points at the file's start, which editors and CI
    // annotators understand; "path: error:" they do not.
    s += ':' + std::to_string(d.line > 0 ? d.line : 1);
    s += ':' + std::to_string(d.line > 0 && d.column > 0 ? d.column : 1);
    s += d.severity == Severity::Error ? ": error: " : ": warning: ";
    s += escapeControl(d.message);
    return s;
}

std::string formatDiagnosticShort(const Diagnostic& d) {
    std::string s = escapeControl(d.path);
    if (d.line > 0) s += ':' + std::to_string(d.line);
    s += ": ";
    if (d.severity == Severity::Warning) s += "warning: ";
    s += escapeControl(d.message);
    return s;
}

int countErrors(const std::vector<Diagnostic>& ds) {
    int n = 0;
    for (const auto& d : ds) n += d.severity == Severity::Error;
    return n;
}

int countWarnings(const std::vector<Diagnostic>& ds) {
    int n = 0;
    for (const auto& d : ds) n += d.severity == Severity::Warning;
    return n;
}

}  // namespace unknot
