// Writing a render: .wav (16-bit PCM, mono) or .opus (libopusenc), both
// byte-for-byte deterministic (see render.hpp).
//
// [SECTION] WAV
// [SECTION] Opus
#include "unknot/audio/render.hpp"

#if UNKNOT_WITH_OPUS
#include <opusenc.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace unknot::audio {

//-----------------------------------------------------------------------------
// [SECTION] WAV
//-----------------------------------------------------------------------------
namespace {

void put16(std::string& b, std::uint32_t v) {
    b += static_cast<char>(v & 0xff);
    b += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& b, std::uint32_t v) {
    put16(b, v & 0xffff);
    put16(b, v >> 16);
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && std::equal(tail.rbegin(), tail.rend(), s.rbegin(),
                                                 [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

}  // namespace

Result<void> writeWav(const std::string& path, const Rendered& r) {
    const auto dataBytes = static_cast<std::uint32_t>(r.samples.size() * 2);
    const auto rate = static_cast<std::uint32_t>(r.sampleRate);
    std::string b;
    b += "RIFF";
    put32(b, 36 + dataBytes);
    b += "WAVEfmt ";
    put32(b, 16);
    put16(b, 1);  // PCM
    put16(b, 1);  // mono
    put32(b, rate);
    put32(b, rate * 2);  // bytes a second
    put16(b, 2);         // bytes a frame
    put16(b, 16);        // bits a sample
    b += "data";
    put32(b, dataBytes);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) return fail("cannot write " + path + ": the folder may not exist or may be read-only");
    f.write(b.data(), static_cast<std::streamsize>(b.size()));
    // Written a block at a time, not built whole first: on a phone a long
    // session's samples already take tens of megabytes.
    constexpr std::size_t kBlock = 1 << 16;
    for (std::size_t i = 0; f && i < r.samples.size(); i += kBlock) {
        b.clear();
        // Rounded, not dithered: dither is noise, and noise is not deterministic.
        for (std::size_t j = i; j < std::min(i + kBlock, r.samples.size()); ++j) {
            const long v = std::lround(static_cast<double>(std::clamp(r.samples[j], -1.0f, 1.0f)) * 32767.0);
            put16(b, static_cast<std::uint32_t>(static_cast<std::uint16_t>(static_cast<std::int16_t>(v))));
        }
        f.write(b.data(), static_cast<std::streamsize>(b.size()));
    }
    if (!f.flush()) return fail("could not finish writing " + path + " (is the disk full?)");
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Opus
//-----------------------------------------------------------------------------
#if !UNKNOT_WITH_OPUS
Result<void> writeOpus(const std::string& path, const Rendered&) {
    return fail("cannot write " + path + ": this build has no Opus encoder (write .wav instead)");
}
#else
Result<void> writeOpus(const std::string& path, const Rendered& r) {
    OggOpusComments* comments = ope_comments_create();
    if (!comments) return fail("out of memory making the Opus file");
    (void)ope_comments_add(comments, "TITLE", "Unknot session");
    int err = OPE_OK;
    OggOpusEnc* enc = ope_encoder_create_file(path.c_str(), comments, r.sampleRate, 1, 0, &err);
    ope_comments_destroy(comments);
    if (!enc) return fail("cannot write " + path + ": " + ope_strerror(err));
    // A fixed stream serial number (libopusenc picks a random one): the same
    // session gives the same bytes.
    (void)ope_encoder_ctl(enc, OPE_SET_SERIALNO(0x556e6b6e));
    // Mono voice and soft tones: 48 kb/s is transparent for them, and a
    // middling complexity encodes a 5-minute session in well under a second.
    (void)ope_encoder_ctl(enc, OPUS_SET_BITRATE(48000));
    (void)ope_encoder_ctl(enc, OPUS_SET_COMPLEXITY(5));
    constexpr std::size_t kChunk = 48000;
    for (std::size_t i = 0; i < r.samples.size() && err == OPE_OK; i += kChunk) {
        const auto n = static_cast<int>(std::min(kChunk, r.samples.size() - i));
        err = ope_encoder_write_float(enc, r.samples.data() + i, n);
    }
    if (err == OPE_OK) err = ope_encoder_drain(enc);
    ope_encoder_destroy(enc);
    if (err != OPE_OK) return fail("could not finish writing " + path + ": " + ope_strerror(err));
    return {};
}
#endif

Result<void> writeAudioFile(const std::string& path, const Rendered& r) {
    if (endsWith(path, ".wav")) return writeWav(path, r);
    if (endsWith(path, ".opus")) return writeOpus(path, r);
    return fail("cannot tell the format of " + path + ": name it .wav or .opus");
}

}  // namespace unknot::audio
