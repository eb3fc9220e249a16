/// Disjoint sets of the numbers `0..<count` (union-find, with path halving): which items a series of
/// joins has put together.
///
/// A set's root is its smallest member, so the roots do not depend on the order of the joins.
struct UnionFind {
    private var parent: [Int]

    /// `count` items, each alone.
    init(count: Int) {
        parent = Array(0..<count)
    }

    /// The root of `item`'s set.
    mutating func root(_ item: Int) -> Int {
        var node = item
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    /// Puts the sets of `items` together; returns how many sets fewer there are.
    @discardableResult
    mutating func join(_ items: [Int]) -> Int {
        var joined = 0
        for item in items.dropFirst() {
            let (a, b) = (root(items[0]), root(item))
            guard a != b else { continue }
            parent[max(a, b)] = min(a, b)
            joined += 1
        }
        return joined
    }
}
