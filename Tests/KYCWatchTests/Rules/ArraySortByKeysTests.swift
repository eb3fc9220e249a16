import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Sorting by keys made once")
struct ArraySortByKeysTests {
    @Test("elements end in the order of their keys, each element kept whole")
    func sortsByKeys() async {
        await propertyCheck(input: Gen.int(in: 0...20).array(of: 0...60)) { keys in
            var elements = keys.indices.map { "element \($0) of key \(keys[$0])" }
            elements.sort(byKeys: keys, <)
            #expect(elements.map { Int($0.split(separator: " ").last!)! } == keys.sorted())
            #expect(Set(elements) == Set(keys.indices.map { "element \($0) of key \(keys[$0])" }))
        }
    }
}
