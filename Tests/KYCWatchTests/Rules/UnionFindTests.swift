import Testing

@testable import KYCWatch

@Suite("Union-find: which items joins put together")
struct UnionFindTests {
    @Test(
        "a set's root is its smallest member, whatever the order of the joins, and each join says how many sets it merged",
        arguments: [[[4, 2], [2, 7], [9, 8]], [[9, 8], [7, 2], [2, 4]], [[8, 9], [7, 4, 2], [4, 4]]])
    func roots(joins: [[Int]]) {
        var sets = UnionFind(count: 10)
        let merged = joins.reduce(0) { $0 + sets.join($1) }
        #expect(merged == 3)
        #expect((0..<10).map { sets.root($0) } == [0, 1, 2, 3, 2, 5, 6, 2, 8, 8])
        #expect(sets.join([2, 4, 7]) == 0)
    }
}
