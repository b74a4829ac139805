// The person's own pack: a made pattern as routine YAML, written atomically
// after the loader and lint found nothing wrong with it.
//
// [SECTION] Words of a made routine (English and French)
// [SECTION] Writing a pattern as YAML
// [SECTION] Writing a file atomically
// [SECTION] Checking before writing
// [SECTION] Saving and deleting
#include "unknot/own_pack.hpp"

#include "unknot/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Words of a made routine
//-----------------------------------------------------------------------------
namespace {
struct Words {
    const char* lang;
    const char* decimal;  // "." or ","
    const char* in;
    const char* hold;
    const char* out;
    const char* rest;
    const char* settle;
    const char* close;
    const char* summary;  // then the phases, then the pace
    const char* pace;     // "about %s breaths a minute"
};

constexpr Words kEnglish{"en",
                         ".",
                         "breathe in for ",
                         "hold for ",
                         "breathe out for ",
                         "wait for ",
                         "Sit or lie comfortably, supported, and let your shoulders drop.",
                         "Let your breath find its own rhythm again, and notice how you feel.",
                         "Your own breathing pattern: ",
                         "about {} breaths a minute."};
constexpr Words kFrench{"fr",
                        ",",
                        "inspirez sur ",
                        "retenez sur ",
                        "expirez sur ",
                        "attendez ",
                        "Installez-vous confortablement, le dos soutenu, et relâchez les épaules.",
                        "Laissez votre souffle retrouver son propre rythme, et remarquez comment vous vous sentez.",
                        "Votre propre rythme de respiration : ",
                        "environ {} respirations par minute."};

// Half seconds as seconds, "3.5" in YAML, "3,5 s" in French words.
std::string seconds(int halves, const char* decimal) {
    std::string s = std::to_string(halves / 2);
    if (halves % 2) s += std::string(decimal) + "5";
    return s;
}

// "breathe in for 4 s, hold for 2 s, breathe out for 6 s": the phases kept.
std::string phasesText(const BreathPattern& p, const Words& w) {
    std::string s;
    const std::pair<int, const char*> phases[] = {
        {p.inhale, w.in}, {p.hold, w.hold}, {p.exhale, w.out}, {p.rest, w.rest}};
    for (const auto& [halves, words] : phases) {
        if (halves <= 0) continue;
        if (!s.empty()) s += ", ";
        s += words + seconds(halves, w.decimal) + " s";
    }
    return s;
}

std::string capitalized(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string paceText(const BreathPattern& p, const Words& w) {
    const long bpm = std::lround(breathsPerMinute(p) * 2.0);  // to the nearest half
    std::string pace = std::to_string(bpm / 2) + (bpm % 2 ? std::string(w.decimal) + "5" : "");
    std::string s = w.pace;
    return s.replace(s.find("{}"), 2, pace);
}

const char* const kCautions[][2] = {
    {"Stop at once if you feel sharp pain, numbness or tingling.",
     "Arrêtez tout de suite si vous ressentez une douleur vive, un engourdissement ou des picotements."},
    {"If you feel dizzy or short of breath, return to your normal breathing.",
     "Si la tête vous tourne ou si vous manquez d'air, reprenez votre respiration habituelle."},
    {"If you have a complex health condition, or any doubt, ask a health professional before you start.",
     "Si vous avez un problème de santé complexe, ou le moindre doute, demandez l'avis d'un professionnel de "
     "santé avant de commencer."},
};
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Writing a pattern as YAML
//-----------------------------------------------------------------------------
namespace {
void emitText(YAML::Emitter& out, const std::string& en, const std::string& fr) {
    out << YAML::BeginMap << YAML::Key << "en" << YAML::Value << YAML::DoubleQuoted << en << YAML::Key << "fr"
        << YAML::Value << YAML::DoubleQuoted << fr << YAML::EndMap;
}

void emitSay(YAML::Emitter& out, const std::string& en, const std::string& fr) {
    out << YAML::Key << "say" << YAML::Value;
    emitText(out, en, fr);
}

void emitBreathe(YAML::Emitter& out, const BreathPattern& p) {
    out << YAML::Key << "breathe" << YAML::Value << YAML::BeginMap;
    const std::pair<const char*, int> phases[] = {
        {"inhale", p.inhale}, {"hold", p.hold}, {"exhale", p.exhale}, {"rest", p.rest}};
    for (const auto& [key, halves] : phases)
        if (halves > 0) out << YAML::Key << key << YAML::Value << seconds(halves, ".");
    out << YAML::Key << "cycles" << YAML::Value << patternBreaths(p);
    out << YAML::Key << "count_aloud" << YAML::Value << p.countAloud;
    out << YAML::EndMap;
}

void emitSteps(YAML::Emitter& out, const BreathPattern& p) {
    out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
    out << YAML::BeginMap;
    emitSay(out, kEnglish.settle, kFrench.settle);
    out << YAML::Key << "duration" << YAML::Value << "15s" << YAML::EndMap;
    out << YAML::BeginMap;
    emitSay(out, capitalized(phasesText(p, kEnglish)) + ".", capitalized(phasesText(p, kFrench)) + ".");
    emitBreathe(out, p);
    out << YAML::EndMap;
    out << YAML::BeginMap;
    emitSay(out, kEnglish.close, kFrench.close);
    out << YAML::Key << "duration" << YAML::Value << "15s" << YAML::EndMap;
    out << YAML::EndSeq;
}
}  // namespace

std::string patternYaml(const BreathPattern& raw, const std::string& id) {
    const BreathPattern p = clampPattern(raw);
    const std::string name = cleanPatternName(p.name);
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << id;
    out << YAML::Key << "title" << YAML::Value;
    emitText(out, name, name);
    out << YAML::Key << "summary" << YAML::Value;
    emitText(out, kEnglish.summary + phasesText(p, kEnglish) + "; " + paceText(p, kEnglish),
             kFrench.summary + phasesText(p, kFrench) + " ; " + paceText(p, kFrench));
    out << YAML::Key << "kind" << YAML::Value << "breathing";
    out << YAML::Key << "areas" << YAML::Value << YAML::Flow << std::vector<std::string>{"whole-body"};
    out << YAML::Key << "conditions" << YAML::Value << YAML::Flow << std::vector<std::string>{"stress"};
    out << YAML::Key << "equipment" << YAML::Value << YAML::Flow << std::vector<std::string>{};
    out << YAML::Key << "intensity" << YAML::Value << "gentle";
    // Long holds can make some people dizzy (as with 4-7-8): not for a flare.
    out << YAML::Key << "flare_safe" << YAML::Value << (p.hold <= 8 && p.rest <= 8);
    out << YAML::Key << "cautions" << YAML::Value << YAML::BeginSeq;
    for (const auto& c : kCautions) emitText(out, c[0], c[1]);
    out << YAML::EndSeq;
    emitSteps(out, p);
    out << YAML::EndMap;
    return std::string("# Made in Unknot (Make your own). You may edit this file by hand.\n") + out.c_str() + "\n";
}

std::string ownPackYaml() {
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "format" << YAML::Value << 1 << YAML::Key << "id" << YAML::Value << kOwnPackId
        << YAML::Key << "title" << YAML::Value;
    emitText(out, "My patterns", "Mes rythmes");
    out << YAML::Key << "version" << YAML::Value << "1.0.0" << YAML::Key << "languages" << YAML::Value << YAML::Flow
        << std::vector<std::string>{"en", "fr"} << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

//-----------------------------------------------------------------------------
// [SECTION] Writing a file atomically
//-----------------------------------------------------------------------------
namespace {
std::string errnoText(const std::string& what, int e) { return what + ": " + std::strerror(e); }

// Writes all of `bytes` to `fd`, then fsyncs it; errno on failure, else 0.
int writeAllAndSync(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        done += static_cast<std::size_t>(n);
    }
    return ::fsync(fd) == 0 ? 0 : errno;
}

void syncFolder(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // the rename stands; only its durability is weaker
    (void)::fsync(fd);
    ::close(fd);
}
}  // namespace

Result<void> writeFileAtomic(const std::string& path, const std::string& bytes, unsigned mode) {
    const std::string tmp = path + ".tmp";
    // O_NOFOLLOW: a link planted at the temporary name is not followed.
    const int fd =
        ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0) return fail(errnoText("cannot write " + tmp, errno));
    int e = ::fchmod(fd, static_cast<mode_t>(mode)) == 0 ? 0 : errno;  // whatever the umask
    if (e == 0) e = writeAllAndSync(fd, bytes);
    if (::close(fd) != 0 && e == 0) e = errno;
    if (e == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) e = errno;
    if (e != 0) {
        ::unlink(tmp.c_str());
        return fail(errnoText("cannot write " + path, e));
    }
    syncFolder(path);
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Checking before writing
//-----------------------------------------------------------------------------
namespace {
// The disk, except that one file reads as `text`: the loader checks a routine
// before it exists, with its pack and the bundled vocabularies around it.
class OneFileOverlay final : public FileSource {
public:
    OneFileOverlay(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}
    using FileSource::list;
    Type type(const std::string& path) const override { return path == path_ ? Type::File : disk_.type(path); }
    // The file shows in its folder's listing even before it exists.
    std::optional<std::vector<std::string>> list(const std::string& dir, std::string& error) const override {
        auto names = disk_.list(dir, error);
        const auto slash = path_.find_last_of('/');
        if (!names || slash == std::string::npos || dir != path_.substr(0, slash)) return names;
        const std::string name = path_.substr(slash + 1);
        if (std::find(names->begin(), names->end(), name) == names->end()) {
            names->push_back(name);
            std::sort(names->begin(), names->end());
        }
        return names;
    }
    std::optional<std::string> read(const std::string& path, std::size_t maxBytes, std::string& error) const override {
        if (path != path_) return disk_.read(path, maxBytes, error);
        return text_.size() > maxBytes ? text_.substr(0, maxBytes + 1) : text_;
    }

private:
    DiskFileSource disk_;
    std::string path_, text_;
};

// The loader's errors about `path` once it holds `text` (routine `id`), one a line.
std::string loaderErrors(const OwnPack& pack, const std::string& id, const std::string& path, const std::string& text) {
    OneFileOverlay files(path, text);
    LoadOptions o;
    o.vocabularyDir = pack.vocabularyDir;
    o.paths = {path};
    const Library lib = loadLibrary(o, files);
    std::string errors;
    for (const Diagnostic& d : lib.diagnostics)
        if (d.severity == Severity::Error && d.path == path) errors += formatDiagnosticShort(d) + "\n";
    const Routine* r = lib.findRoutine(id);
    if (errors.empty() && (!r || r->path != path)) errors = path + ": the routine did not load\n";
    return errors;
}

bool isPlainId(const std::string& id) {
    if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

Result<void> makeFolder(const std::string& dir) {
    if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return {};
    return fail(errnoText("cannot create " + dir, errno));
}

// packs/, packs/mine/, packs/mine/routines/ and pack.yaml, when missing.
Result<void> ensurePack(const OwnPack& pack) {
    const auto slash = pack.dir.find_last_of('/');
    if (slash != std::string::npos && slash > 0)
        if (Result<void> r = makeFolder(pack.dir.substr(0, slash)); !r) return r;
    if (Result<void> r = makeFolder(pack.dir); !r) return r;
    if (Result<void> r = makeFolder(joinPath(pack.dir, "routines")); !r) return r;
    const std::string packYaml = joinPath(pack.dir, "pack.yaml");
    DiskFileSource disk;
    if (disk.type(packYaml) != FileSource::Type::Missing) return {};
    return writeFileAtomic(packYaml, ownPackYaml());
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Saving and deleting
//-----------------------------------------------------------------------------
std::string OwnPack::routinePath(const std::string& id) const {
    return joinPath(joinPath(dir, "routines"), id + ".yaml");
}

Result<void> saveOwnPattern(const OwnPack& pack, const BreathPattern& p, const std::string& id) {
    if (!isPlainId(id)) return fail("not a routine id: " + escapeControl(id));
    if (Result<void> r = ensurePack(pack); !r) return r;
    const std::string path = pack.routinePath(id);
    const std::string text = patternYaml(p, id);
    if (std::string errors = loaderErrors(pack, id, path, text); !errors.empty()) return fail(errors);
    return writeFileAtomic(path, text);
}

Result<void> deleteOwnRoutine(const OwnPack& pack, const std::string& id) {
    if (!isPlainId(id)) return fail("not a routine id: " + escapeControl(id));
    const std::string path = pack.routinePath(id);
    if (::unlink(path.c_str()) != 0) return fail(errnoText("cannot delete " + path, errno));
    syncFolder(path);
    return {};
}

}  // namespace unknot
