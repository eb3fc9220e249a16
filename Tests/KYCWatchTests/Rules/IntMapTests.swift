import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Integer-keyed map")
struct IntMapTests {
    /// Keys as a run meets them: small ids, whole hours, and negatives.
    static let key = Gen.int(in: 0...40).map { Int64($0) * [1, 3_600_000, -7][Int($0) % 3] }

    @Test("updates and merges agree with Dictionary, and entries keep the order keys first came in")
    func agreesWithDictionary() async {
        await propertyCheck(input: Self.key.array(of: 0...200), Self.key.array(of: 0...60)) { keys, others in
            var map = IntMap<Double>()
            var expected: [Int64: Double] = [:]
            var order: [Int64] = []
            for (step, key) in keys.enumerated() {
                // Both ways of updating give the same map, the key last added or not.
                if step % 2 == 0 {
                    map.update(key, initial: 1) { $0 += Double(step) }
                } else {
                    map.updateLatest(key, initial: 1) { $0 += Double(step) }
                }
                if expected[key] == nil { order.append(key) }
                expected[key, default: 1] += Double(step)
            }
            var other = IntMap<Double>()
            for key in others { other.update(key, initial: 0) { $0 = max($0, Double(key)) } }
            map.merge(other, combine: max)
            for key in others {
                if expected[key] == nil { order.append(key) }
                expected[key] = max(expected[key] ?? -.infinity, other[key] ?? 0)
            }
            #expect(map.count == expected.count)
            #expect(map.entries.map(\.key) == order)
            for (key, value) in map.entries { #expect(expected[key] == value) }
            #expect(map[-1_000_001] == nil)
        }
    }

    @Test("records of one hour in a row, then a late record of an earlier hour, each land on their hour")
    func latestHour() {
        var map = IntMap<Int>()
        for hour in 0..<50 {
            for _ in 0..<20 { map.updateLatest(Int64(hour), initial: 0) { $0 += 1 } }
            if hour % 10 == 9 { map.updateLatest(Int64(hour - 5), initial: 0) { $0 += 100 } }
        }
        #expect(map.count == 50)
        #expect(map.entries.map(\.key) == (0..<50).map(Int64.init))
        #expect((0..<50).allSatisfy { map[Int64($0)] == ($0 % 10 == 4 ? 120 : 20) })
    }

    @Test("thousands of whole hours stay found as the table grows")
    func manyHours() {
        var map = IntMap<Int>()
        for hour in 0..<5_000 { map.update(Int64(hour) * 3_600_000, initial: hour) { $0 += 1 } }
        #expect(map.count == 5_000)
        #expect((0..<5_000).allSatisfy { map[Int64($0) * 3_600_000] == $0 + 1 })
        #expect(map[3_600_001] == nil)
    }
}
