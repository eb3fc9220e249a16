import Testing

@testable import KYCWatch

@Suite("Entity linking")
struct EntityLinkerTests {
    private func account(_ id: String, card: String? = nil, email: String? = nil, addresses: [String] = [])
        -> AccountEvidence
    {
        var evidence = AccountEvidence(accountID: id)
        evidence.account = AccountRecord(
            accountID: id, parentAccountID: nil, createdAt: 0, customerType: .individual, legalName: id,
            addressLine: nil, city: nil, region: nil, postalCode: nil, country: "US", headquartersCountry: nil,
            email: email ?? "\(id)@gmail.com", emailDomain: "gmail.com", phone: nil, phoneCallingCode: nil,
            paymentMethod: nil, paymentFingerprint: card, paymentCountry: nil, resellerID: nil, resellerCountry: nil,
            beneficialOwners: [], identityVerified: nil, status: nil, line: 1)
        for address in addresses {
            evidence.addresses[address] = AccountEvidence.AddressUse(events: 1, first: 0, last: 0, country: nil)
        }
        return evidence
    }

    @Test("a shared card links, chains join, and the links are named")
    func chains() {
        let groups = EntityLinker().groups([
            account("a", card: "pm-1"), account("b", card: "pm-1", addresses: ["203.0.113.9"]),
            account("c", addresses: ["203.0.113.9"]), account("d"),
        ])
        #expect(groups.map(\.accounts) == [["a", "b", "c"]])
        #expect(groups.first?.links == ["access address 203.0.113.9", "payment instrument pm-1"])
    }

    @Test("a corporate NAT shared by many accounts and a free-mail domain link nobody")
    func guards() {
        let nat = (0..<6).map { account("n\($0)", addresses: ["198.51.100.1"]) }
        #expect(EntityLinker(maxAccountsPerKey: 5).groups(nat).isEmpty)
    }
}
