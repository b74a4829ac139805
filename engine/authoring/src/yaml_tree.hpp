// A read-only YAML document tree, built straight from yaml-cpp's parser
// events. The loader reads every content file through it instead of
// YAML::Node.
//
// Why not YAML::Node: each yaml-cpp node is its own heap object behind
// shared_ptrs, and every handle made while walking a map (two per entry)
// copies a shared_ptr. On a library of 1,000 routines, building and freeing
// those trees and walking them cost more than scanning the text itself
// (measured with callgrind). Here a document is two flat arrays and a handle
// is a pointer and an index, so a walk allocates nothing.
//
// The handle keeps the names of the YAML::Node calls the loader used
// (IsMap, Scalar, Mark, size, [i], iteration with .first/.second), so the
// grammar files read as before. Aliases are shared, as in yaml-cpp: an alias
// is the index of the node it names, and a node may even contain itself.
// Every walk must therefore be bounded (readYaml's shape check is).
//
// [SECTION] Storage
// [SECTION] YamlNode: a handle into one document
// [SECTION] Building a document from the parser
#pragma once

#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/mark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace unknot::loading {

enum class NodeType : std::uint8_t { Undefined, Null, Scalar, Sequence, Map };

//-----------------------------------------------------------------------------
// [SECTION] Storage
//-----------------------------------------------------------------------------
struct TreeStorage {
    struct Data {
        NodeType type = NodeType::Null;
        YAML::EmitterStyle::value style = YAML::EmitterStyle::Default;
        std::uint32_t tag = 0;    // into tags
        std::uint32_t first = 0;  // into kids: a sequence's items, a map's key, value, key, value...
        std::uint32_t count = 0;  // items, or key-value pairs
        YAML::Mark mark;
        std::string scalar;
    };
    std::vector<Data> nodes;
    std::vector<std::uint32_t> kids;
    std::vector<std::string> tags{""};  // tags[0]: none written
    std::uint32_t root = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] YamlNode
//-----------------------------------------------------------------------------
// A handle into a document; valid while its Document lives. A default YamlNode
// is a null value, and a key a map lacks gives an undefined one, as in
// yaml-cpp; neither belongs to any document, and both answer every call.
class YamlNode {
public:
    YamlNode() = default;
    YamlNode(const TreeStorage* t, std::uint32_t i) : t_(t), i_(i) {}

    NodeType Type() const {
        if (i_ == kMissing) return NodeType::Undefined;
        return t_ ? data().type : NodeType::Null;
    }
    bool IsDefined() const { return Type() != NodeType::Undefined; }
    bool IsNull() const { return Type() == NodeType::Null; }
    bool IsScalar() const { return Type() == NodeType::Scalar; }
    bool IsSequence() const { return Type() == NodeType::Sequence; }
    bool IsMap() const { return Type() == NodeType::Map; }
    explicit operator bool() const { return IsDefined(); }

    // The text of a scalar; empty for anything else.
    const std::string& Scalar() const { return owned() ? data().scalar : empty(); }
    // The tag as the parser gave it: "?" untagged plain, "!" quoted, else written.
    const std::string& Tag() const { return owned() ? t_->tags[data().tag] : empty(); }
    YAML::Mark Mark() const { return owned() ? data().mark : YAML::Mark::null_mark(); }
    YAML::EmitterStyle::value Style() const { return owned() ? data().style : YAML::EmitterStyle::Default; }
    // Items of a sequence, pairs of a map, else 0.
    std::size_t size() const { return owned() ? data().count : 0; }

    // The i-th item of a sequence; undefined past the end or on anything else.
    YamlNode operator[](std::size_t i) const;
    YamlNode operator[](int i) const { return i < 0 ? missing() : (*this)[static_cast<std::size_t>(i)]; }
    // The value of the first entry whose key is the scalar `key`; undefined if none.
    YamlNode operator[](std::string_view key) const;
    YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }

    // Iterating a sequence gives its items; a map gives entries with
    // .first and .second (see NodeIterator below).
    class NodeIterator begin() const;
    class NodeIterator end() const;

private:
    static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;
    static YamlNode missing() { return {nullptr, kMissing}; }
    static const std::string& empty();
    bool owned() const { return t_ && i_ != kMissing; }
    const TreeStorage::Data& data() const { return t_->nodes[i_]; }
    YamlNode kid(std::uint32_t k) const { return {t_, t_->kids[data().first + k]}; }

    friend class NodeIterator;
    const TreeStorage* t_ = nullptr;
    std::uint32_t i_ = 0;
};

// One entry of an iteration: the item itself for a sequence, and
// .first/.second (key and value) for a map.
struct NodeEntry : YamlNode {
    YamlNode first, second;
};

class NodeIterator {
public:
    NodeIterator(YamlNode n, std::uint32_t at) : n_(n), at_(at) {}
    NodeEntry operator*() const;
    NodeIterator& operator++() {
        ++at_;
        return *this;
    }
    bool operator!=(const NodeIterator& o) const { return at_ != o.at_; }
    bool operator==(const NodeIterator& o) const { return at_ == o.at_; }

private:
    YamlNode n_;  // a copy: a range-for over a temporary YamlNode stays valid
    std::uint32_t at_;
};

inline NodeIterator YamlNode::begin() const { return {*this, 0}; }
inline NodeIterator YamlNode::end() const {
    return {*this, static_cast<std::uint32_t>(IsMap() || IsSequence() ? size() : 0)};
}

//-----------------------------------------------------------------------------
// [SECTION] Building
//-----------------------------------------------------------------------------
// One parsed document. Movable; its nodes stay where they are when it moves.
class Document {
public:
    YamlNode root() const { return {t_.get(), t_->root}; }
    operator YamlNode() const { return root(); }  // NOLINT(google-explicit-constructor): reads as the root
    const TreeStorage& storage() const { return *t_; }

    // Parses the first document of `text` (a null root when it holds none).
    // Throws what yaml-cpp's parser throws: YAML::ParserException for a
    // syntax error, YAML::DeepRecursion past its nesting limit.
    static Document parse(const std::string& text);

private:
    std::unique_ptr<TreeStorage> t_ = std::make_unique<TreeStorage>();
};

}  // namespace unknot::loading
