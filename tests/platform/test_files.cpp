// RwFileSource: the engine's file access through SDL_RWops.
//
// [SECTION] A scratch folder
// [SECTION] Reading (ok, too big, missing, a folder)
// [SECTION] Types and listing (std::filesystem and manifests)
// [SECTION] The real content loads the same as from the disk
// [SECTION] Files that are not regular files, folders that cannot be listed
#include "unknot/loader.hpp"
#include "unknot/paths.hpp"
#include "unknot/platform/rw_files.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace unknot;
using namespace unknot::platform;
namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] A scratch folder
//-----------------------------------------------------------------------------
namespace {
struct Scratch {
    fs::path dir;
    Scratch() {
        dir = fs::temp_directory_path() / ("unknot-rw-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" +
                                           std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir / "sub");
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    }
};
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------
TEST_CASE("RwFileSource reads a whole file, bytes intact", "[platform][files]") {
    Scratch s;
    const std::string text = std::string("é\0\r\nœ", 7) + std::string(40000, 'x');
    const auto path = s.write("a.yaml", text);
    RwFileSource files;
    std::string error;
    auto got = files.read(path, 1024 * 1024, error);
    REQUIRE(got);
    CHECK(*got == text);
    CHECK(error.empty());
}

TEST_CASE("RwFileSource stops at maxBytes + 1 so callers see 'too big'", "[platform][files]") {
    Scratch s;
    const auto path = s.write("big.yaml", std::string(100000, 'y'));
    RwFileSource files;
    std::string error;
    auto got = files.read(path, 1000, error);
    REQUIRE(got);
    CHECK(got->size() == 1001);
    // An empty file is fine and empty.
    auto empty = files.read(s.write("empty.yaml", ""), 1000, error);
    REQUIRE(empty);
    CHECK(empty->empty());
}

TEST_CASE("RwFileSource explains a missing file and a folder", "[platform][files]") {
    Scratch s;
    RwFileSource files;
    std::string error;
    const std::string missing = (s.dir / "nope.yaml").string();
    CHECK_FALSE(files.read(missing, 1000, error));
    CHECK_THAT(error, Catch::Contains(missing));
    CHECK_THAT(error, Catch::Contains("cannot open"));
    error.clear();
    CHECK_FALSE(files.read((s.dir / "sub").string(), 1000, error));
    CHECK_THAT(error, Catch::Contains("folder"));
}

//-----------------------------------------------------------------------------
// [SECTION] Types and listing
//-----------------------------------------------------------------------------
TEST_CASE("RwFileSource types and lists a folder, sorted, without its manifest", "[platform][files]") {
    Scratch s;
    s.write("b.yaml", "b");
    s.write("a.yaml", "a");
    s.write("files.txt", "a.yaml\nb.yaml\nsub/\n");
    RwFileSource files;
    CHECK(files.type(s.dir.string()) == FileSource::Type::Directory);
    CHECK(files.type((s.dir / "a.yaml").string()) == FileSource::Type::File);
    CHECK(files.type((s.dir / "zz.yaml").string()) == FileSource::Type::Missing);
    CHECK(files.list(s.dir.string()) == std::vector<std::string>{"a.yaml", "b.yaml", "sub"});
    CHECK(files.list((s.dir / "sub").string()).empty());
    CHECK(files.list((s.dir / "missing").string()).empty());
}

TEST_CASE("manifests parse into sorted names, folders keep their slash", "[platform][files]") {
    CHECK(parseManifest("b.yaml\r\nsub/\n\na.yaml\nfiles.txt\na.yaml\n") ==
          std::vector<std::string>{"a.yaml", "b.yaml", "sub/"});
    CHECK(parseManifest("").empty());
}

//-----------------------------------------------------------------------------
// [SECTION] The real content
//-----------------------------------------------------------------------------
TEST_CASE("the bundled content loads the same through SDL_RWops as from the disk", "[platform][files]") {
    const std::string dataDir = std::string(UNKNOT_BINARY_DIR) + "/share/unknot";
    RwFileSource rw;
    DiskFileSource disk;
    REQUIRE(rw.type(dataDir + "/content/areas.yaml") == FileSource::Type::File);
    const Library a = loadLibrary(defaultLoadOptions(dataDir, "", rw), rw);
    const Library b = loadLibrary(defaultLoadOptions(dataDir, "", disk), disk);
    REQUIRE_FALSE(a.routines.empty());
    CHECK(a.routines.size() == b.routines.size());
    CHECK(a.areas.size() == b.areas.size());
    CHECK(a.diagnostics.size() == b.diagnostics.size());
    for (std::size_t i = 0; i < std::min(a.routines.size(), b.routines.size()); ++i)
        CHECK(a.routines[i].id == b.routines[i].id);
}

TEST_CASE("RwFileSource refuses a symbolic link that leaves the pack, keeps one that stays", "[platform][files]") {
    Scratch s;
    std::string outside = s.write("secret.yaml", "not content");
    fs::create_directories(s.dir / "pack/routines");
    std::string inside = (s.dir / "pack/routines/real.yaml").string();
    std::ofstream(inside) << "x";
    fs::create_symlink(outside, s.dir / "pack/routines/leak.yaml");
    fs::create_symlink(inside, s.dir / "pack/routines/alias.yaml");
    RwFileSource files;
    const std::string pack = (s.dir / "pack").string();
    CHECK_FALSE(files.staysInside((s.dir / "pack/routines/leak.yaml").string(), pack));
    CHECK(files.staysInside((s.dir / "pack/routines/alias.yaml").string(), pack));
    CHECK(files.staysInside(inside, pack));
}

//-----------------------------------------------------------------------------
// [SECTION] Files that are not regular files, folders that cannot be listed
//-----------------------------------------------------------------------------
// SDL_RWFromFile (fopen) would wait forever on a FIFO with no writer, and read
// a device as if it were content: the source refuses both without blocking.
TEST_CASE("RwFileSource refuses a FIFO and a device at once, and says what they are", "[platform][files]") {
    Scratch s;
    const std::string fifo = (s.dir / "pipe.yaml").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    RwFileSource files;
    std::string error;
    CHECK(files.type(fifo) == FileSource::Type::File);
    CHECK_FALSE(files.read(fifo, 1000, error));  // without the fix, blocks here
    CHECK_THAT(error, Catch::Contains(fifo));
    CHECK_THAT(error, Catch::Contains("not a regular file (it is a named pipe (FIFO)"));
    error.clear();
    CHECK_FALSE(files.read("/dev/zero", 1000, error));
    CHECK_THAT(error, Catch::Contains("character device"));
    // A link to the FIFO is refused the same way.
    fs::create_symlink(fifo, s.dir / "link.yaml");
    error.clear();
    CHECK_FALSE(files.read((s.dir / "link.yaml").string(), 1000, error));
    CHECK_THAT(error, Catch::Contains("FIFO"));
}

TEST_CASE("RwFileSource reports a folder it cannot list instead of an empty one", "[platform][files]") {
    Scratch s;
    RwFileSource files;
    std::string error;
    CHECK_FALSE(files.list((s.dir / "missing").string(), error));
    CHECK_THAT(error, Catch::Contains("cannot list folder"));
    error.clear();
    CHECK_FALSE(files.list(s.write("plain.yaml", "x"), error));
    CHECK_THAT(error, Catch::Contains("not a folder"));
    auto names = files.list(s.dir.string(), error);
    REQUIRE(names);
    CHECK(*names == std::vector<std::string>{"plain.yaml", "sub"});
}
