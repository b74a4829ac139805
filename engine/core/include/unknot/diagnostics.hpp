// Diagnostics: one problem found in content, at a place in a file.
//
// [SECTION] Diagnostic
// [SECTION] Formatting (path:line:column: error: message)
#pragma once

#include <string>
#include <vector>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Diagnostic
//-----------------------------------------------------------------------------
enum class Severity { Warning, Error };

// Lines and columns are 1-based, as editors show them; 0 means "the whole file".
struct Diagnostic {
    std::string path;
    int line = 0;
    int column = 0;
    Severity severity = Severity::Error;
    std::string message;
};

//-----------------------------------------------------------------------------
// [SECTION] Formatting
//-----------------------------------------------------------------------------
// "path:line:column: error: message", the format compilers use, so editors and
// CI annotate the right line. A diagnostic without a position (a problem with
// the whole file) prints "path:1:1: error: ...". The path and the message are
// printed with control characters escaped (\n, \x1b: see escapeControl).
std::string formatDiagnostic(const Diagnostic& d);
// "path:line: message", the short form the app's problems screen shows.
std::string formatDiagnosticShort(const Diagnostic& d);

int countErrors(const std::vector<Diagnostic>& ds);
int countWarnings(const std::vector<Diagnostic>& ds);

}  // namespace unknot
