// Diagnostics formatting.
#include "unknot/diagnostics.hpp"

namespace unknot {

std::string formatDiagnostic(const Diagnostic& d) {
    std::string s = d.path;
    if (d.line > 0) {
        s += ':' + std::to_string(d.line);
        if (d.column > 0) s += ':' + std::to_string(d.column);
    }
    s += d.severity == Severity::Error ? ": error: " : ": warning: ";
    s += d.message;
    return s;
}

std::string formatDiagnosticShort(const Diagnostic& d) {
    std::string s = d.path;
    if (d.line > 0) s += ':' + std::to_string(d.line);
    s += ": ";
    if (d.severity == Severity::Warning) s += "warning: ";
    s += d.message;
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
