// A read-only YAML document tree built from yaml-cpp's parser events (see
// yaml_tree.hpp for why).
//
// [SECTION] YamlNode
// [SECTION] Building a document from the parser
#include "yaml_tree.hpp"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace unknot::loading {

//-----------------------------------------------------------------------------
// [SECTION] YamlNode
//-----------------------------------------------------------------------------
const std::string& YamlNode::empty() {
    static const std::string kEmpty;
    return kEmpty;
}

YamlNode YamlNode::operator[](std::size_t i) const {
    if (!IsSequence() || i >= size()) return missing();
    return kid(static_cast<std::uint32_t>(i));
}

YamlNode YamlNode::operator[](std::string_view key) const {
    if (!IsMap()) return missing();
    for (std::uint32_t k = 0; k < data().count; ++k) {
        const YamlNode name = kid(2 * k);
        if (name.IsScalar() && name.Scalar() == key) return kid(2 * k + 1);
    }
    return missing();
}

NodeEntry NodeIterator::operator*() const {
    NodeEntry e;
    if (n_.IsMap()) {
        static_cast<YamlNode&>(e) = YamlNode::missing();
        e.first = n_.kid(2 * at_);
        e.second = n_.kid(2 * at_ + 1);
    } else {
        static_cast<YamlNode&>(e) = n_.kid(at_);
    }
    return e;
}

//-----------------------------------------------------------------------------
// [SECTION] Building
//-----------------------------------------------------------------------------
namespace {

// Appends each node to the flat arrays as its event arrives. The children of
// the open collections wait in `pending`, each collection's after its
// parent's, and move to `kids` in one piece when the collection ends, so
// every collection's children are contiguous.
class Builder final : public YAML::EventHandler {
public:
    explicit Builder(TreeStorage& t) : t_(t) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override { add(NodeType::Null, m, "", anchor); }
    void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
        // The parser has already refused an alias to an unknown anchor.
        attach(anchor < anchors_.size() ? anchors_[anchor] : add(NodeType::Null, YAML::Mark(), "", 0, false));
    }
    void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        const std::uint32_t i = add(NodeType::Scalar, m, tag, anchor);
        t_.nodes[i].scalar = value;
    }
    void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        open(NodeType::Sequence, m, tag, anchor, style);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        open(NodeType::Map, m, tag, anchor, style);
    }
    void OnMapEnd() override { close(); }

private:
    struct Open {
        std::uint32_t node;
        std::size_t from;  // its first child in pending
    };

    std::uint32_t tagIndex(const std::string& tag) {
        if (tag.empty()) return 0;
        for (std::uint32_t i = 1; i < t_.tags.size(); ++i)
            if (t_.tags[i] == tag) return i;
        t_.tags.push_back(tag);
        return static_cast<std::uint32_t>(t_.tags.size() - 1);
    }

    // Adds a node; by default it also becomes the next child of the open
    // collection (or the root). An anchor names it from its start, so an
    // alias inside it refers back to it, as in yaml-cpp.
    std::uint32_t add(NodeType type, const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                      bool attachIt = true) {
        const auto i = static_cast<std::uint32_t>(t_.nodes.size());
        TreeStorage::Data& d = t_.nodes.emplace_back();
        d.type = type;
        d.mark = m;
        d.tag = tagIndex(tag);
        if (anchor != YAML::NullAnchor) {
            if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, 0);
            anchors_[anchor] = i;
        }
        if (attachIt) attach(i);
        return i;
    }

    void attach(std::uint32_t i) {
        if (open_.empty())
            t_.root = i;
        else
            pending_.push_back(i);
    }

    void open(NodeType type, const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
              YAML::EmitterStyle::value style) {
        const std::uint32_t i = add(type, m, tag, anchor);
        t_.nodes[i].style = style;
        open_.push_back({i, pending_.size()});
    }

    void close() {
        const Open o = open_.back();
        open_.pop_back();
        const bool map = t_.nodes[o.node].type == NodeType::Map;
        // A key without its value cannot come from the parser; if it ever
        // did, the value reads as null rather than shifting every pair.
        if (map && (pending_.size() - o.from) % 2 != 0)
            pending_.push_back(add(NodeType::Null, t_.nodes[o.node].mark, "", 0, false));
        const std::size_t n = pending_.size() - o.from;
        TreeStorage::Data& d = t_.nodes[o.node];  // after any add(): it may move the nodes
        d.first = static_cast<std::uint32_t>(t_.kids.size());
        d.count = static_cast<std::uint32_t>(map ? n / 2 : n);
        t_.kids.insert(t_.kids.end(), pending_.begin() + static_cast<std::ptrdiff_t>(o.from), pending_.end());
        pending_.resize(o.from);
    }

    TreeStorage& t_;
    std::vector<std::uint32_t> anchors_;
    std::vector<Open> open_;
    std::vector<std::uint32_t> pending_;
};

}  // namespace

Document Document::parse(const std::string& text) {
    Document doc;
    doc.t_->nodes.reserve(text.size() / 16 + 8);
    std::istringstream in(text);
    YAML::Parser parser(in);
    Builder builder(*doc.t_);
    if (!parser.HandleNextDocument(builder) || doc.t_->nodes.empty()) {
        // No document: a null root, as YAML::Load gives.
        doc.t_->nodes.clear();
        doc.t_->kids.clear();
        doc.t_->nodes.emplace_back();
        doc.t_->root = 0;
    }
    return doc;
}

}  // namespace unknot::loading
