// Speech plan: what is spoken and when (see speech_plan.hpp).
//
// [SECTION] Phrases
// [SECTION] What each segment wants to say
// [SECTION] Placement: the collision rule
#include "unknot/session/speech_plan.hpp"

#include <algorithm>
#include <limits>

namespace unknot {

//-----------------------------------------------------------------------------
// [SECTION] Phrases
//-----------------------------------------------------------------------------
const char* phraseText(Phrase p, const std::string& lang) {
    const bool fr = lang == "fr";
    switch (p) {
    case Phrase::LeftSide: return fr ? "Maintenant, le côté gauche." : "Now your left side.";
    case Phrase::RightSide: return fr ? "Maintenant, le côté droit." : "Now your right side.";
    case Phrase::In: return fr ? "Inspirez." : "In.";
    case Phrase::Hold: return fr ? "Retenez." : "Hold.";
    case Phrase::Out: return fr ? "Expirez." : "Out.";
    case Phrase::TenSecondsLeft: return fr ? "Encore dix secondes." : "Ten seconds left.";
    case Phrase::TapToGoOn: return fr ? "Touchez l'écran quand vous êtes prêt." : "Tap anywhere when you are ready.";
    case Phrase::PauseToTakeTime:
        return fr ? "Mettez en pause si vous avez besoin de plus de temps." : "Pause the player if you need more time.";
    case Phrase::WellDone: return fr ? "Bravo, c'est terminé." : "Well done.";
    }
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] What each segment wants to say
//-----------------------------------------------------------------------------
namespace {

bool firstOfStep(const Timeline& t, std::size_t i) { return i == 0 || t.segments[i - 1].step != t.segments[i].step; }

std::string promptText(const Segment& s, const SpeechPlanOptions& o) {
    const std::string& voice = s.voice.get(o.lang);
    return voice.empty() ? s.say.get(o.lang) : voice;
}

}  // namespace

std::vector<std::string> splitSentences(const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const char c = text[i];
        if ((c == '.' || c == '!' || c == '?') && text[i + 1] == ' ') {
            out.push_back(text.substr(from, i + 1 - from));
            from = i + 2;
        }
    }
    if (from < text.size()) out.push_back(text.substr(from));
    std::erase_if(out, [](const std::string& x) { return x.find_first_not_of(' ') == std::string::npos; });
    return out;
}

namespace {

const char* sidePhrase(const Segment& s, const std::string& lang) {
    return phraseText(s.side == Side::Left ? Phrase::LeftSide : Phrase::RightSide, lang);
}

const char* breathWord(BreathPhase p, const std::string& lang) {
    if (p == BreathPhase::Inhale) return phraseText(Phrase::In, lang);
    if (p == BreathPhase::Hold) return phraseText(Phrase::Hold, lang);
    if (p == BreathPhase::Exhale) return phraseText(Phrase::Out, lang);
    return nullptr;  // the rest between cycles is quiet
}

// The utterances segment `i` asks for, at their wished offsets (durations
// not yet known), in order.
void wishesOf(const Timeline& t, std::size_t i, const SpeechPlanOptions& o, std::vector<Utterance>& out) {
    const Segment& s = t.segments[i];
    if (s.quiet) return;
    const bool first = firstOfStep(t, i);
    if (first && s.kind == SegmentKind::Wait) {
        // No clock runs at a wait: the prompt and what it waits for, in one.
        std::string text =
            promptText(s, o) + " " + phraseText(o.recording ? Phrase::PauseToTakeTime : Phrase::TapToGoOn, o.lang);
        out.push_back({i, 0, std::move(text), 0, true});
    } else if (first && s.kind != SegmentKind::Switch) {
        // Sentence by sentence: each finds a gap between the cues ("Breathe
        // in...", "Hold...", "Breathe out..." land in their phases).
        for (std::string& sentence : splitSentences(promptText(s, o)))
            out.push_back({i, 0, std::move(sentence), 0, true});
    }
    // The side that comes next: at the switch, or (no switch pause) as the
    // second side begins.
    if (s.kind == SegmentKind::Switch || (s.kind == SegmentKind::Timed && s.side != Side::None && !first &&
                                          t.segments[i - 1].kind != SegmentKind::Switch))
        out.push_back({i, 0, sidePhrase(s, o.lang), 0, false});
    if (s.kind == SegmentKind::Breath && s.cycle <= s.countAloud)
        if (const char* w = breathWord(s.phase, o.lang)) out.push_back({i, 0, w, 0, false});
    if (s.kind == SegmentKind::Timed && s.durationMs >= kTimeLeftFromMs)
        out.push_back({i, s.durationMs - 10000, phraseText(Phrase::TenSecondsLeft, o.lang), 0, false});
}

//-----------------------------------------------------------------------------
// [SECTION] Placement
//-----------------------------------------------------------------------------
// Places utterances one after the other on the timeline, moving each later
// until it is clear of every cue and of the utterance before.
class Placer {
public:
    explicit Placer(const Timeline& t) : t_(t), cues_(cueOnsetsMs(t)) {}

    // False when `u` must be dropped; otherwise `u` is moved into place.
    bool place(Utterance& u) {
        const bool atEnd = u.segment >= t_.segments.size();
        const std::int64_t segStart = atEnd ? t_.totalMs : t_.segments[u.segment].startMs;
        const bool wait = !atEnd && t_.segments[u.segment].untimed();
        std::int64_t at = segStart + u.offsetMs;
        // A tap separates a wait from what follows: the utterance before it
        // has long ended when the next one starts.
        if (!afterWait_) at = std::max(at, busyUntil_ + kSpeechGapMs);
        at = clearOfCues(at, u.durationMs, wait);
        // A breath word belongs to its phase; a prompt's sentence to its step.
        if (!atEnd && !wait && at >= (u.prompt ? stepEndMs(u.segment) : t_.segments[u.segment].endMs())) return false;
        if (!moveTo(u, at)) return false;
        busyUntil_ = at + u.durationMs;
        afterWait_ = wait;
        return true;
    }

private:
    // The first start at or after `at` whose speech [at, at + d) keeps clear
    // of every cue's window. At a wait the next cue comes after a tap, so
    // only the cues up to the wait's own onset count.
    std::int64_t clearOfCues(std::int64_t at, std::int64_t d, bool wait) const {
        for (bool moved = true; moved;) {
            moved = false;
            for (std::int64_t c : cues_) {
                if (c - kSpeechBeforeCueMs >= at + d) break;  // sorted: the rest are later
                if (wait && c > at) break;
                if (c + kSpeechAfterCueMs > at) {
                    at = c + kSpeechAfterCueMs;  // the speech waits for the chime
                    moved = true;
                }
            }
        }
        return at;
    }

    // Where the step of segment `i` ends (its segments are contiguous).
    std::int64_t stepEndMs(std::size_t i) const {
        std::size_t j = i;
        while (j + 1 < t_.segments.size() && t_.segments[j + 1].step == t_.segments[i].step) ++j;
        return t_.segments[j].endMs();
    }

    // Re-anchors `u` on the segment where `at` falls (it may have moved into
    // a later one). It never crosses a wait: what was meant before a tap is
    // not said after it.
    bool moveTo(Utterance& u, std::int64_t at) const {
        std::size_t seg = u.segment;
        const std::size_t n = t_.segments.size();
        while (seg < n && !t_.segments[seg].untimed() && at >= t_.segments[seg].endMs()) {
            ++seg;
            if (seg < n && t_.segments[seg].untimed()) return false;
        }
        u.segment = seg;
        u.offsetMs = at - (seg < n ? t_.segments[seg].startMs : t_.totalMs);
        return true;
    }

    const Timeline& t_;
    std::vector<std::int64_t> cues_;
    std::int64_t busyUntil_ = std::numeric_limits<std::int64_t>::min() / 2;
    bool afterWait_ = false;
};

}  // namespace

std::vector<std::int64_t> cueOnsetsMs(const Timeline& t) {
    std::vector<std::int64_t> out;
    for (const Segment& s : t.segments)
        if (s.cue != Cue::None) out.push_back(s.startMs);
    out.push_back(t.totalMs);  // the finish
    std::sort(out.begin(), out.end());
    return out;
}

std::int64_t utteranceTimeMs(const Timeline& t, const Utterance& u) {
    return (u.segment < t.segments.size() ? t.segments[u.segment].startMs : t.totalMs) + u.offsetMs;
}

std::vector<Utterance> planSpeech(const Timeline& t, const SpeechPlanOptions& o, const SpeechDurationFn& durationMs) {
    std::vector<Utterance> wishes;
    for (std::size_t i = 0; i < t.segments.size(); ++i) wishesOf(t, i, o, wishes);
    wishes.push_back({t.segments.size(), kWellDoneAfterMs, phraseText(Phrase::WellDone, o.lang), 0, true});
    Placer placer(t);
    std::vector<Utterance> plan;
    for (Utterance& u : wishes) {
        if (u.text.empty()) continue;
        u.durationMs = durationMs(u.text);
        if (placer.place(u)) plan.push_back(std::move(u));
    }
    return plan;
}

}  // namespace unknot
