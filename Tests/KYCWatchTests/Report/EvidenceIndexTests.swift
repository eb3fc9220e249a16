import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Evidence by account id")
struct EvidenceIndexTests {
    @Test("finds what a dictionary keeping the first of each id finds, sorted or not")
    func likeADictionary() async {
        let ids = Gen.int(in: 0...30).map { "acct-\($0 * 7 % 31)" }.array(of: 0...40)
        await propertyCheck(count: 300, input: ids, Gen.bool) { ids, sorted in
            let given = sorted ? Array(Set(ids)).sorted() : ids
            let evidence = given.enumerated().map { position, id in
                var evidence = AccountEvidence(accountID: id)
                evidence.unknownUsageRecords = position
                return evidence
            }
            let index = EvidenceIndex(evidence)
            let expected = Dictionary(evidence.map { ($0.accountID, $0.unknownUsageRecords) }) { first, _ in first }
            for probe in (0...31).map({ "acct-\($0)" }) + ["", "acct-", "acct-99", "zzz"] {
                #expect(index[probe]?.unknownUsageRecords == expected[probe], "\(probe) in \(given)")
            }
        }
    }
}
