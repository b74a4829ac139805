// Reading one content file safely, and reporting problems at a position.
//
// [SECTION] Reporter: diagnostics with positions
// [SECTION] Shape: depth, node count and tags, in one bounded walk
// [SECTION] Reading one file
#include "loader_internal.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>

namespace unknot::loading {

//-----------------------------------------------------------------------------
// [SECTION] Reporter
//-----------------------------------------------------------------------------
void Reporter::at(const YAML::Mark& m, Severity sev, std::string msg) {
    Diagnostic d;
    d.path = path;
    if (!m.is_null()) {
        d.line = m.line + 1;
        d.column = m.column + 1;
    }
    d.severity = sev;
    d.message = std::move(msg);
    if (sev == Severity::Error) failed = true;
    out->push_back(std::move(d));
}

std::string quote(const std::string& s) {
    // Long or binary values are cut (at a character boundary) so one
    // diagnostic stays one readable line; control characters are escaped.
    std::size_t cut = s.size();
    if (cut > 40) {
        cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    }
    return "'" + escapeControl(s.substr(0, cut)) + (cut < s.size() ? "..." : "") + "'";
}

std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string s = suggest(word, candidates);
    return s.empty() ? std::string() : " (did you mean '" + s + "'?)";
}

std::string typeName(const YamlNode& n) {
    switch (n.Type()) {
    case NodeType::Map: return "a map";
    case NodeType::Sequence: return "a list";
    case NodeType::Scalar: return "a value";
    case NodeType::Null: return "empty";
    case NodeType::Undefined: break;
    }
    return "nothing";
}

//-----------------------------------------------------------------------------
// [SECTION] Shape
//-----------------------------------------------------------------------------
namespace {
thread_local LoadStats* tStats = nullptr;
}  // namespace

LoadStats* currentLoadStats() { return tStats; }
void setCurrentLoadStats(LoadStats* stats) { tStats = stats; }

namespace {

// Walks a document once, bounded: stops as soon as it has seen more than
// maxNodes nodes (aliases are counted each time they are reached, since the
// checks below would reach them too) or a nesting deeper than maxDepth. Without
// the bound, a few lines of aliases expand to billions of nodes.
struct ShapeCheck {
    const LoadLimits& limits;
    std::size_t nodes = 0;
    bool tooDeep = false;
    YAML::Mark deepMark;
    // Explicit YAML tags (!!binary, !!python/object, !custom), each place
    // once: content is plain text, numbers and lists, and a tag that Unknot
    // ignored would make a file mean something else to another reader.
    std::vector<std::pair<YAML::Mark, std::string>> tags;

    void noteTag(const YamlNode& n) {
        // yaml-cpp gives "?" for an untagged plain node and "!" for a quoted
        // scalar (the non-specific tag); anything else was written.
        const std::string& tag = n.Tag();
        if (tag.empty() || tag == "?" || tag == "!" || tags.size() >= 20) return;
        const YAML::Mark m = n.Mark();
        bool seen = std::any_of(tags.begin(), tags.end(),
                                [&](const auto& t) { return t.first.line == m.line && t.first.column == m.column; });
        if (!seen) tags.emplace_back(m, tag);
    }

    bool walk(const YamlNode& n, int depth) {
        if (++nodes > limits.maxNodes) return false;
        noteTag(n);
        if (depth > limits.maxDepth) {
            tooDeep = true;
            deepMark = n.Mark();
            return false;
        }
        // One pair of handles per entry (iterator-> would build one per use).
        if (n.IsMap()) {
            for (const auto& kv : n)
                if (!walk(kv.first, depth + 1) || !walk(kv.second, depth + 1)) return false;
        } else if (n.IsSequence()) {
            for (const auto& item : n)
                if (!walk(item, depth + 1)) return false;
        }
        return true;
    }
};

// Line and column (1-based) of byte `offset` in `data`.
std::pair<int, int> lineColumnOf(const std::string& data, std::size_t offset) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < data.size(); ++i) {
        if (data[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return {line, col};
}

//-----------------------------------------------------------------------------
// [SECTION] Reading one file
//-----------------------------------------------------------------------------
// The checks on the bytes, before parsing: size, blank, NUL, UTF-8.
bool bytesUsable(const std::string& data, const LoadLimits& limits, Reporter& rep) {
    if (data.size() > limits.maxFileBytes) {
        rep.fileError("file is larger than the " + std::to_string(limits.maxFileBytes / 1024) + " KiB limit");
        return false;
    }
    if (data.empty() || data.find_first_not_of(" \t\r\n") == std::string::npos) {
        rep.fileError("file is empty");
        return false;
    }
    if (std::size_t nul = data.find('\0'); nul != std::string::npos) {
        auto [l, c] = lineColumnOf(data, nul);
        rep.fileError("file holds binary data (a NUL byte), not YAML text", l, c);
        return false;
    }
    if (std::size_t bad = firstInvalidUtf8(data); bad != std::string::npos) {
        auto [l, c] = lineColumnOf(data, bad);
        rep.fileError("invalid UTF-8: content files must be UTF-8 text", l, c);
        return false;
    }
    return true;
}

// Counts the documents of a text without building nodes. yaml-cpp 0.7 never
// consumes a stray flow token (`&a,b` or `!t ,` at the top level): its
// HandleNextDocument then returns an empty document at the same place
// forever, and YAML::LoadAll loops and grows without end (found by
// fuzz_player). A document that starts where the previous one started is
// that case, and is refused here with where it happened.
class DocumentCounter final : public YAML::EventHandler {
public:
    int documents = 0;
    bool stuck = false;
    YAML::Mark mark;  // where the last document started
    void OnDocumentStart(const YAML::Mark& m) override {
        stuck = documents > 0 && m.pos == mark.pos;
        mark = m;
        ++documents;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

// A document marker ("---" or "...") at the start of a line after the
// first: only then can a text hold a second document after a block mapping.
bool markerAfterFirstLine(std::string_view data) {
    for (std::size_t i = data.find_first_of("\r\n"); i != std::string_view::npos;
         i = data.find_first_of("\r\n", i + 1)) {
        const std::string_view rest = data.substr(i + 1);
        if (rest.starts_with("---") || rest.starts_with("...")) return true;
    }
    return false;
}

// The one-pass case, which every real content file is: a block mapping at
// column 0 and no document marker after the first line. yaml-cpp ends such
// a mapping only at the end of the text or at a marker; any other token at
// column 0 that is not a key is an error (a stray ',' or ']' gives "end of
// map not found"). So the one document YAML::Load builds is the whole file.
// A flow mapping (`{a: 1} x`) or an indented one (`  a: 1` then `b: 2`) can
// be followed by further documents without a marker: those, and anything
// that is not a mapping, go the careful way below. Checked against the
// counting pass on crafted texts and by the fuzzers.
std::optional<Document> loadPlainMapping(const std::string& data) {
    if (markerAfterFirstLine(data)) return std::nullopt;
    Document doc = Document::parse(data);
    const YamlNode root = doc.root();
    if (root.IsMap() && root.Style() == YAML::EmitterStyle::Block && root.Mark().column == 0) return doc;
    return std::nullopt;
}

// Parses exactly one document; a second would be silently ignored by
// YAML::Load, so it is refused. Where one pass cannot prove there is just
// one (loadPlainMapping), a counting pass goes first; it stops at the third
// document, so a file of many documents (or a stuck parser) costs little.
std::optional<Document> parseOneDocument(const std::string& data, const LoadLimits& limits, Reporter& rep) {
    try {
        if (std::optional<Document> doc = loadPlainMapping(data)) return doc;
        std::istringstream in(data);
        YAML::Parser parser(in);
        DocumentCounter counter;
        while (counter.documents < 3 && !counter.stuck && parser.HandleNextDocument(counter)) {}
        if (counter.stuck) {
            const auto at = static_cast<std::size_t>(std::max(0, counter.mark.pos));
            const std::string ch = at < data.size() ? std::string(1, data[at]) : std::string("end of file");
            rep.at(counter.mark, Severity::Error,
                   "YAML syntax error: unexpected '" + ch + "' here (',' '[' ']' '{' '}' belong inside [ ] or { })");
            return std::nullopt;
        }
        if (counter.documents == 0) {
            rep.fileError("file holds no YAML document");
            return std::nullopt;
        }
        if (counter.documents > 1) {
            rep.fileError("file holds " + std::string(counter.documents > 2 ? "3 or more" : "2") +
                          " YAML documents; one routine per file");
            return std::nullopt;
        }
        return Document::parse(data);
    } catch (const YAML::DeepRecursion& e) {
        rep.at(e.mark, Severity::Error, "nesting deeper than " + std::to_string(limits.maxDepth) + " levels");
    } catch (const YAML::Exception& e) {
        rep.at(e.mark, Severity::Error, "YAML syntax error: " + e.msg);
    }
    return std::nullopt;
}

// Depth, node count and tags of a parsed document.
bool shapeUsable(const YamlNode& root, const LoadLimits& limits, Reporter& rep) {
    ShapeCheck shape{limits, 0, false, YAML::Mark(), {}};
    bool shapeOk = shape.walk(root, 0);
    if (tStats) tStats->yamlNodes += shape.nodes;
    for (const auto& [mark, tag] : shape.tags) {
        // yaml-cpp expands "!!x" to the core schema's "tag:yaml.org,2002:x": show what was written.
        const std::string core = "tag:yaml.org,2002:";
        std::string written = tag.starts_with(core) ? "!!" + tag.substr(core.size()) : tag;
        rep.at(mark, Severity::Error,
               "YAML tag " + quote(written) + " is not allowed: write plain text, numbers and lists, without '!' tags");
    }
    if (!shape.tags.empty() && shapeOk) return false;
    if (!shapeOk) {
        if (shape.tooDeep)
            rep.at(shape.deepMark, Severity::Error,
                   "nesting deeper than " + std::to_string(limits.maxDepth) + " levels");
        else
            rep.fileError("more than " + std::to_string(limits.maxNodes) +
                          " YAML nodes (aliases counted each time they are used)");
        return false;
    }
    return true;
}

}  // namespace

std::optional<Document> readYaml(const FileSource& files, const std::string& path, const LoadLimits& limits,
                                 Reporter& rep) {
    std::string err;
    auto data = files.read(path, limits.maxFileBytes, err);
    if (!data) {
        rep.fileError("cannot read file: " + err);
        return std::nullopt;
    }
    if (tStats) {
        ++tStats->filesRead;
        tStats->bytesRead += data->size();
    }
    if (!bytesUsable(*data, limits, rep)) return std::nullopt;
    auto root = parseOneDocument(*data, limits, rep);
    if (!root || !shapeUsable(*root, limits, rep)) return std::nullopt;
    return root;
}

}  // namespace unknot::loading
