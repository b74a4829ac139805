// Whole-library checks, once every file is parsed: duplicate ids, includes
// (unknown, broken, cyclic, too deep), and each routine's total time and
// segments.
//
// Every walk here is iterative over includes (an explicit stack), so a chain
// of thousands of routines that each include the next costs memory in
// proportion, never C++ stack; recursion remains only over repeats nested
// inside one file, which the file's depth limit bounds.
//
// [SECTION] Duplicate ids
// [SECTION] The include graph
// [SECTION] Cycles
// [SECTION] Depth and totals
#include "loader_internal.hpp"

#include "unknot/timeline.hpp"

#include <algorithm>

namespace unknot::loading {
namespace {

struct Edge {
    std::size_t to;
    YAML::Mark where;
};

struct LibraryChecks {
    std::vector<Parsed>& parsed;
    const std::map<std::string, std::string>& failed;
    const LoadLimits& limits;
    Library& lib;
    std::size_t n;
    std::map<std::string, std::size_t> byId;
    std::vector<bool> keep, bad;
    std::vector<std::vector<Edge>> edges;
    std::vector<std::size_t> post;  // every routine after those it includes

    LibraryChecks(std::vector<Parsed>& p, const std::map<std::string, std::string>& f, const LoadLimits& l,
                  Library& library)
        : parsed(p), failed(f), limits(l), lib(library), n(p.size()), keep(n, true), bad(n, false), edges(n) {}

    Reporter reporter(std::size_t i) { return Reporter{&lib.diagnostics, parsed[i].routine.path}; }

    //-------------------------------------------------------------------------
    // [SECTION] Duplicate ids
    //-------------------------------------------------------------------------
    void duplicates() {
        for (std::size_t i = 0; i < n; ++i) {
            auto [it, fresh] = byId.emplace(parsed[i].routine.id, i);
            if (fresh) continue;
            const Parsed& first = parsed[it->second];
            reporter(i).at(parsed[i].idMark, Severity::Error,
                           "duplicate id " + quote(parsed[i].routine.id) + ": also defined in " + first.routine.path +
                               ":" + std::to_string(first.idMark.line + 1));
            keep[i] = false;
        }
    }

    //-------------------------------------------------------------------------
    // [SECTION] The include graph
    //-------------------------------------------------------------------------
    // Unknown ids and includes of broken routines are reported here; edges
    // hold the includes that resolve.
    void includeGraph() {
        std::vector<std::string> allIds;
        for (const auto& [id, i] : byId) allIds.push_back(id);
        for (std::size_t i = 0; i < n; ++i) {
            if (!keep[i]) continue;
            for (const auto& [inc, where] : parsed[i].includes) {
                auto it = byId.find(inc);
                if (it != byId.end()) {
                    edges[i].push_back({it->second, where});
                    continue;
                }
                Reporter rep = reporter(i);
                if (auto f = failed.find(inc); f != failed.end())
                    rep.at(where, Severity::Error, "includes " + quote(inc) + ", which has errors (" + f->second + ")");
                else
                    rep.at(where, Severity::Error,
                           "include of unknown routine " + quote(inc) + didYouMean(inc, allIds));
                bad[i] = true;
            }
        }
    }

    //-------------------------------------------------------------------------
    // [SECTION] Cycles
    //-------------------------------------------------------------------------
    enum Mark { White, Grey, Black };
    struct Frame {
        std::size_t i, e = 0;
        bool descended = false;
    };

    // "a -> b -> c -> a"; a cycle thousands long is cut to its ends.
    std::string describeCycle(const std::vector<Frame>& stack, std::size_t j) const {
        std::string c;
        auto from = std::find_if(stack.begin(), stack.end(), [&](const Frame& f) { return f.i == j; });
        std::size_t shown = 0;
        for (auto k = from; k != stack.end(); ++k, ++shown) {
            if (shown == 8 && stack.end() - k > 4) {
                c += "... -> ";
                k = stack.end() - 4;
            }
            c += parsed[k->i].routine.id + " -> ";
        }
        return c + parsed[j].routine.id;
    }

    // One step of the walk from the frame on top of `stack`.
    void advance(std::vector<Frame>& stack, std::vector<Mark>& mark) {
        const std::size_t fi = stack.size() - 1;
        const std::size_t i = stack[fi].i;
        if (stack[fi].e == edges[i].size()) {
            mark[i] = Black;
            post.push_back(i);
            stack.pop_back();
            return;
        }
        const Edge& edge = edges[i][stack[fi].e];
        const std::size_t j = edge.to;
        if (!stack[fi].descended) {
            if (mark[j] == Grey) {
                reporter(i).at(edge.where, Severity::Error, "include cycle: " + describeCycle(stack, j));
                bad[i] = true;
                ++stack[fi].e;
                return;
            }
            if (mark[j] == White) {
                stack[fi].descended = true;
                mark[j] = Grey;
                stack.push_back({j});
                return;
            }
        }
        stack[fi].descended = false;
        ++stack[fi].e;
        if (bad[j]) {
            reporter(i).at(edge.where, Severity::Error,
                           "includes " + quote(parsed[j].routine.id) + ", which has errors");
            bad[i] = true;
        }
    }

    // An iterative depth-first walk; it also yields the routines in
    // post-order (every routine after those it includes).
    void cycles() {
        std::vector<Mark> mark(n, White);
        post.reserve(n);
        std::vector<Frame> stack;
        for (std::size_t root = 0; root < n; ++root) {
            if (!keep[root] || mark[root] != White) continue;
            mark[root] = Grey;
            stack.push_back({root});
            while (!stack.empty()) advance(stack, mark);
        }
    }

    //-------------------------------------------------------------------------
    // [SECTION] Depth and totals
    //-------------------------------------------------------------------------
    // Include depth of routine i from those it includes; false if too deep
    // or one of them failed.
    bool includeDepth(std::size_t i, std::vector<int>& depth) {
        const int maxDepth = limits.maxIncludeDepth;
        for (const Edge& edge : edges[i]) {
            const std::size_t j = edge.to;
            if (bad[j]) {
                reporter(i).at(edge.where, Severity::Error,
                               "includes " + quote(parsed[j].routine.id) + ", which has errors");
                bad[i] = true;
            } else if (depth[j] + 1 > maxDepth) {
                reporter(i).at(edge.where, Severity::Error,
                               "include nesting too deep: " + quote(parsed[j].routine.id) + " already nests includes " +
                                   std::to_string(depth[j]) +
                                   " levels deep, and including it here passes the limit of " +
                                   std::to_string(maxDepth) + " levels");
                bad[i] = true;
            } else {
                depth[i] = std::max(depth[i], depth[j] + 1);
            }
        }
        return !bad[i];
    }

    // Total time and segments, within the limits.
    void totals(std::size_t i, const StepsLength& size) {
        if (size.ms > limits.maxRoutineSeconds * 1000) {
            std::string total = size.ms >= kLengthCap ? "far more than " + formatDurationHuman(limits.maxRoutineSeconds)
                                                      : formatDurationHuman(size.ms / 1000);
            reporter(i).at(parsed[i].idMark, Severity::Error,
                           "routine lasts " + total + " in all, over the " +
                               formatDurationHuman(limits.maxRoutineSeconds) + " limit");
            bad[i] = true;
        } else if (size.segments > limits.maxSegments) {
            reporter(i).at(parsed[i].idMark, Severity::Error,
                           "routine expands to more than " + std::to_string(limits.maxSegments) + " segments");
            bad[i] = true;
        }
    }

    // In post-order, each routine after those it includes: include depth,
    // total time and segments, and routines whose includes failed these checks.
    void depthAndTotals() {
        std::vector<StepsLength> size(n);
        std::vector<int> depth(n, 0);
        auto includeSize = [&](const std::string& id) {
            auto it = byId.find(id);
            return it == byId.end() ? StepsLength{} : size[it->second];
        };
        for (std::size_t i : post) {
            if (bad[i] || !includeDepth(i, depth)) continue;
            size[i] = measureSteps(parsed[i].routine.steps, includeSize);
            totals(i, size[i]);
        }
    }
};

}  // namespace

void checkLibrary(std::vector<Parsed>& parsed, const std::map<std::string, std::string>& failed,
                  const LoadLimits& limits, Library& lib) {
    // Stable order: sorted by id, then by file, so the same input always
    // gives the same library and the same diagnostics.
    std::stable_sort(parsed.begin(), parsed.end(), [](const Parsed& a, const Parsed& b) {
        return a.routine.id != b.routine.id ? a.routine.id < b.routine.id : a.routine.path < b.routine.path;
    });
    LibraryChecks c{parsed, failed, limits, lib};
    c.duplicates();
    c.includeGraph();
    c.cycles();
    c.depthAndTotals();
    for (std::size_t i = 0; i < c.n; ++i)
        if (c.keep[i] && !c.bad[i]) lib.routines.push_back(std::move(parsed[i].routine));
}

}  // namespace unknot::loading
