import Testing

@testable import KYCWatch

@Suite("Account id set")
struct AccountIDSetTests {
    /// The place `set` gives the id `text`, looked up by its bytes as the usage check does.
    static func place(of text: String, in set: AccountIDSet) -> Int32? {
        FieldBytes.withBytes(of: text) { set.place(of: $0, hash: set.hash(of: $0)) }
    }

    @Test("each distinct id takes the next place; a repeat, or an id equal as a String, keeps the first")
    func places() {
        var set = AccountIDSet()
        let added = ["acct-1", "acct-2", "acct-1", "caf\u{E9}", "cafe\u{301}", "\u{212A}-9", "acct-3", "K-9"].map {
            set.insert($0)
        }
        // What each insert says: added or not, and the place the id has.
        #expect(added.map(\.inserted) == [true, true, false, true, false, true, true, false])
        #expect(added.map(\.place) == [0, 1, 0, 2, 2, 3, 4, 3])
        #expect(Self.place(of: "acct-1", in: set) == 0)
        #expect(Self.place(of: "acct-2", in: set) == 1)
        // Composed and decomposed é are one id, as Strings compare.
        #expect(Self.place(of: "caf\u{E9}", in: set) == 2)
        #expect(Self.place(of: "cafe\u{301}", in: set) == 2)
        // The Kelvin sign is canonically a plain K: the ASCII bytes "K-9" find the id added with it.
        #expect(Self.place(of: "K-9", in: set) == 3)
        #expect(Self.place(of: "acct-3", in: set) == 4)
        #expect(Self.place(of: "acct-4", in: set) == nil)
        #expect(set.contains(.text("acct-2")) && !set.contains(.text("acct-4")))
    }

    @Test("places do not move as the set grows, so a copy taken early agrees with the grown set")
    func placesAreStable() {
        var set = AccountIDSet()
        for index in 0..<10 { set.insert("acct-\(index)") }
        let early = set
        for index in 10..<5_000 { set.insert("acct-\(index)") }
        for index in 0..<10 {
            #expect(Self.place(of: "acct-\(index)", in: early) == Self.place(of: "acct-\(index)", in: set))
        }
        #expect(Self.place(of: "acct-4999", in: set) == 4_999)
        #expect(Self.place(of: "acct-4999", in: early) == nil)
    }
}
