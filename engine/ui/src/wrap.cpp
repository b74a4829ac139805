// Wrapping between words (see widgets.hpp, "Wrapping between words").
//
// Dear ImGui 1.86 breaks a word that does not fit its line anywhere inside
// it: "Unknot" became "Unkn / ot" at 200 % text. Every piece of wrapped text
// is laid out here instead, and drawn a line at a time.
#include "widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace unknot::ui {

namespace {
// The width of s[b, e) at `size` px (glyph advances add up: 1.86 has no kerning).
float widthOf(ImFont* font, float size, const char* b, const char* e) {
    return font->CalcTextSizeA(size, FLT_MAX, 0, b, e).x;
}

// The end of the UTF-8 character starting at `p`.
const char* nextChar(const char* p, const char* e) {
    ++p;
    while (p < e && (static_cast<unsigned char>(*p) & 0xC0) == 0x80) ++p;
    return p;
}

// Builds the lines of one paragraph (no '\n' inside) into `out`.
struct LineBuilder {
    ImFont* font;
    float size, width;
    TooWide mode;
    std::vector<WrappedLine>* out;

    void push(const char* b, const char* e, char after) {
        out->push_back(WrappedLine{std::string(b, e), after, widthOf(font, size, b, e)});
    }
    // A word wider than the whole line, alone on its line(s).
    void tooWide(const char* b, const char* e, char after) {
        if (mode == TooWide::Ellipsize) {
            const std::string cut =
                ellipsizeToWidth(std::string_view(b, static_cast<std::size_t>(e - b)), font, size, width);
            out->push_back(WrappedLine{cut, after, widthOf(font, size, cut.data(), cut.data() + cut.size())});
            return;
        }
        // Running text with a word longer than any line: a file's name or
        // path ("tennis-ball-back-wall-en.wav" at 200 % on a phone) breaks
        // after its last '-', '/' or '_' that fits, as a person would write
        // it (`after` is then that character, kept at the line's end); a word
        // with none (a hostile pack) is cut where the line ends, the last
        // resort.
        const char* start = b;
        const char* mark = nullptr;  // just past the last '-', '/' or '_' on this line
        float x = 0;
        for (const char* p = b; p < e;) {
            const char* q = nextChar(p, e);
            const float cw = widthOf(font, size, p, q);
            if (x + cw > width && p > start) {
                const char* cut = mark ? mark : p;
                push(start, cut, mark ? cut[-1] : *p);
                start = cut;
                mark = nullptr;
                x = widthOf(font, size, start, p);
            }
            x += cw;
            if (*p == '-' || *p == '/' || *p == '_') mark = q;
            p = q;
        }
        if (start < e) push(start, e, after);
    }
    void paragraph(const char* b, const char* e, char after) {
        const char* lineB = nullptr;  // the line being filled: [lineB, lineE)
        const char* lineE = nullptr;
        float lineW = 0;
        for (const char* p = b; p < e;) {
            if (*p == ' ') {
                ++p;
                continue;
            }
            const char* q = p;
            while (q < e && *q != ' ') ++q;
            const float ww = widthOf(font, size, p, q);
            // The spaces between the words as written ("5 min  ·  Stretch" has two).
            const float gapW = lineB ? widthOf(font, size, lineE, p) : 0.0f;
            if (lineB && lineW + gapW + ww <= width) {
                lineE = q;
                lineW += gapW + ww;
            } else {
                if (lineB) push(lineB, lineE, ' ');
                lineB = nullptr;
                if (ww <= width) {
                    lineB = p;
                    lineE = q;
                    lineW = ww;
                } else {
                    tooWide(p, q, q < e ? ' ' : after);
                }
            }
            p = q;
        }
        if (lineB)
            push(lineB, lineE, after);
        else if (out->empty() || b == e)
            push(b, b, after);  // an empty paragraph still takes its line
    }
};
}  // namespace

Wrapped oneLine(ImFont* font, float size, std::string text) {
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x;
    return Wrapped{size, {WrappedLine{std::move(text), '\0', w}}, w, size};
}

Wrapped wrapWords(ImFont* font, float size, std::string_view s, float width, TooWide mode) {
    Wrapped w;
    w.size = size;
    width = std::max(1.0f, width);
    LineBuilder lb{font, size, width, mode, &w.lines};
    const char* b = s.data();
    const char* e = b + s.size();
    for (const char* p = b;;) {
        const char* q = std::find(p, e, '\n');
        lb.paragraph(p, q, q < e ? '\n' : '\0');
        if (q >= e) break;
        p = q + 1;
    }
    for (const WrappedLine& l : w.lines) w.width = std::max(w.width, l.w);
    w.height = static_cast<float>(std::max<std::size_t>(1, w.lines.size())) * size;
    return w;
}

float fitPx(ImFont* font, std::string_view s, float width, float floorPx) {
    const float size = fontPx(font);
    const float widest = longestWord(font, s);
    if (widest <= width || widest <= 0) return size;
    // Glyphs scale with the size: this size makes the widest word just fit.
    return std::min(size, std::max(floorPx, std::floor(size * width / widest * 100.0f) / 100.0f));
}

}  // namespace unknot::ui
