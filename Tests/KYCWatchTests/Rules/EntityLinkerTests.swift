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
        #expect(groups.first?.links.map(\.description) == ["access address 203.0.113.9", "payment instrument pm-1"])
        #expect(groups.first?.links.map(\.accounts) == [["b", "c"], ["a", "b"]])
    }

    @Test("a corporate NAT shared by many accounts and a free-mail domain link nobody")
    func guards() {
        let nat = (0..<6).map { account("n\($0)", addresses: ["198.51.100.1"]) }
        let linking = EntityLinker(maxAccountsPerKey: 5).link(nat)
        #expect(linking.groups.isEmpty)
        #expect(linking.refused.map(\.description) == ["access address 198.51.100.1"])
        #expect(linking.refused.first?.accounts == ["n0", "n1", "n2", "n3", "n4", "n5"])
        #expect(EntityLinker(maxAccountsPerKey: 6).link(nat).refused.isEmpty)
    }

    @Test(
        "an address strangers share links nobody: not globally reachable, or an anonymizer's",
        arguments: [
            ("10.0.0.1", nil), ("127.0.0.1", nil), ("fe80::1", nil), ("192.168.1.20", nil), ("100.64.3.2", nil),
            ("203.0.113.9", nil), ("23.41.0.1", "vpn"), ("23.41.0.2", "tor"), ("23.41.0.3", "hosting"),
        ] as [(String, String?)])
    func sharedByStrangers(address: String, anonymizer: String?) async throws {
        let locate: EvidenceBuilder.AddressLocator = { _ in ("US", anonymizer) }
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: RunFixtures.catalogs.accelerators, ruleParameters: [:]), locate: locate)
        for (index, id) in ["a1", "a2"].enumerated() {
            try builder.accept(try #require(account(id).account), fields: [])
            try builder.accept(
                AccessRecord(
                    eventID: "e\(index)", accountID: id, timestamp: 0, sourceIP: address, action: "login", count: 1,
                    accountKnown: true, line: index + 2))
        }
        let evidence = await builder.evidence()
        let use = try #require(evidence.first?.addresses[address])
        #expect(!use.isLinkKey)
        #expect(use.anonymizer == anonymizer)
        #expect(EntityLinker().link(evidence) == EntityLinker.Linking(groups: [], refused: []))
    }

    @Test("a public address two accounts share still links them")
    func publicAddressLinks() async throws {
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: RunFixtures.catalogs.accelerators, ruleParameters: [:]), locate: nil)
        for (index, id) in ["a1", "a2"].enumerated() {
            try builder.accept(try #require(account(id).account), fields: [])
            try builder.accept(
                AccessRecord(
                    eventID: "e\(index)", accountID: id, timestamp: 0, sourceIP: "23.41.0.1", action: "login",
                    count: 1, accountKnown: true, line: index + 2))
        }
        let groups = EntityLinker().groups(await builder.evidence())
        #expect(groups.map(\.accounts) == [["a1", "a2"]])
        #expect(groups.first?.links.map(\.description) == ["access address 23.41.0.1"])
    }

    @Test(
        "each kind of shared value links two accounts on its own",
        arguments: [
            (EntityLinker.LinkKind.paymentInstrument, "pm_4f2a"),
            (.email, "ops@harbourline.sg"),
            (.phone, "85291234567"),
            (.beneficialOwner, "zhou minghui"),
            (.accessAddress, "203.0.113.77"),
            (.parent, "org-1"),
        ])
    func eachKind(kind: EntityLinker.LinkKind, value: String) {
        func holder(_ id: String) -> AccountEvidence {
            switch kind {
            case .paymentInstrument: RunFixtures.evidence(id, card: value)
            case .email: RunFixtures.evidence(id, email: "Ops@Harbourline.sg")
            case .phone: RunFixtures.evidence(id, phone: id == "x" ? "+852 9123 4567" : "+85291234567")
            case .beneficialOwner:
                RunFixtures.evidence(id, owners: [BeneficialOwner(name: "Zhou Minghui", country: "CN")])
            case .accessAddress: RunFixtures.evidence(id, addresses: [value])
            case .parent: RunFixtures.evidence(id, parent: value)
            }
        }
        let groups = EntityLinker().groups([holder("x"), holder("y"), RunFixtures.evidence("z")])
        #expect(groups.map(\.accounts) == [["x", "y"]])
        #expect(groups.first?.links == [EntityLinker.Link(kind: kind, value: value, accounts: ["x", "y"])])
    }

    @Test("member accounts are linked to their parent, whatever they share, and through it to each other")
    func parentAccount() {
        // Members billed through their parent hold none of its keys; one names a member as its parent.
        let groups = EntityLinker().groups([
            RunFixtures.evidence("gt0", card: "pm-gt0"), RunFixtures.evidence("gt1", parent: "gt0"),
            RunFixtures.evidence("gt2", parent: "gt0"), RunFixtures.evidence("gt3", parent: "gt2"),
            RunFixtures.evidence("other"),
        ])
        #expect(groups.map(\.accounts) == [["gt0", "gt1", "gt2", "gt3"]])
        #expect(
            groups.first?.links == [
                EntityLinker.Link(kind: .parent, value: "gt0", accounts: ["gt0", "gt1", "gt2"]),
                EntityLinker.Link(kind: .parent, value: "gt2", accounts: ["gt2", "gt3"]),
            ])
    }

    @Test("a value one organization's accounts hold, however many, is no stranger's: it is not refused")
    func organizationKey() {
        let family =
            [RunFixtures.evidence("fv0", card: "pm-fv")]
            + (1...6).map { RunFixtures.evidence("fv\($0)", card: "pm-fv", parent: "fv0") }
        let linking = EntityLinker(maxAccountsPerKey: 5).link(family)
        #expect(linking.refused.isEmpty)
        #expect(linking.groups.map(\.accounts) == [family.map(\.accountID)])
        #expect(linking.groups.first?.links.map(\.description) == ["parent account fv0", "payment instrument pm-fv"])
        // One holder outside the organization makes it a value strangers may share: refused as before.
        let shared = EntityLinker(maxAccountsPerKey: 5).link(family + [RunFixtures.evidence("zz", card: "pm-fv")])
        #expect(shared.refused.map(\.description) == ["payment instrument pm-fv"])
        #expect(shared.groups.map(\.accounts) == [family.map(\.accountID)])
    }

    @Test("an organization of thousands of members is one group with one link to its parent")
    func largeOrganization() {
        let members = (0..<5000).map { RunFixtures.evidence("m\($0)", card: "pm-org", parent: "org") }
        let linking = EntityLinker().link([RunFixtures.evidence("org", card: "pm-org")] + members)
        #expect(linking.refused.isEmpty)
        #expect(linking.groups.count == 1)
        #expect(linking.groups.first?.accounts.count == 5001)
        #expect(linking.groups.first?.links.map(\.description) == ["parent account org", "payment instrument pm-org"])
    }

    @Test("an owner's name written with a no-break or ideographic space links as one with a space")
    func ownerNameSpaces() throws {
        let countries = RunFixtures.catalogs.countries
        func holder(_ id: String, _ owners: String) throws -> AccountEvidence {
            RunFixtures.evidence(id, owners: try BeneficialOwnerList.parse(owners, countries: countries))
        }
        let groups = EntityLinker().groups([
            try holder("a1", "Li Wei:CN"), try holder("a2", "Li\u{00A0}Wei:CN"), try holder("a3", "Li\u{3000}Wei:CN"),
        ])
        #expect(groups.map(\.accounts) == [["a1", "a2", "a3"]])
        #expect(groups.first?.links.map(\.description) == ["beneficial owner li wei"])
    }

    @Test("owners whose name is not given link nobody, whatever their country")
    func unnamedOwnersLinkNobody() throws {
        let countries = RunFixtures.catalogs.countries
        func holder(_ id: String, _ owners: String) throws -> AccountEvidence {
            RunFixtures.evidence(id, owners: try BeneficialOwnerList.parse(owners, countries: countries))
        }
        let evidence = [
            try holder("a1", "Unknown:CN"), try holder("a2", "Unknown:CN"), try holder("a3", "N/A:CN;:CN"),
            try holder("b1", "Unknown:CN;Li Wei:CN"), try holder("b2", "li wei:CN"),
        ]
        let groups = EntityLinker().groups(evidence)
        #expect(groups.map(\.accounts) == [["b1", "b2"]])
        #expect(groups.first?.links.map(\.description) == ["beneficial owner li wei"])
    }

    @Test(
        "a phone is compared as dialled from abroad: one number written two ways is one key",
        arguments: [
            // (as written, calling code read from it, the account's country's code, key)
            ("+1 416 555 0199", "1", "1", "14165550199"), ("(416) 555-0199", nil, "1", "14165550199"),
            ("1-416-555-0199", nil, "1", "14165550199"), ("011 44 20 7946 0000", "44", "1", "442079460000"),
            ("+44 (0)20 7946 0000", "44", "44", "442079460000"), ("020 7946 0000", nil, "44", "442079460000"),
            ("0044 20 7946 0000", "44", "44", "442079460000"), ("06 1234 5678", nil, "39", "390612345678"),
            ("+39 06 1234 5678", "39", "39", "390612345678"), ("555 0199 123", nil, nil, "5550199123"),
            ("+852 9123 4567", nil, "60", "85291234567"),
            // Trunk prefixes other than 0: Russia's 8 before ten digits (not St Petersburg's 812), Belarus's
            // 80, Hungary's 06; and the 001 prefix of Hong Kong.
            ("8 (495) 123-45-67", nil, "7", "74951234567"), ("+7 495 123-45-67", "7", "7", "74951234567"),
            ("812 123 4567", nil, "7", "78121234567"), ("8 017 123 45 67", nil, "375", "375171234567"),
            ("06 1 234 5678", nil, "36", "3612345678"), ("001 86 755 8888 7777", "86", "852", "8675588887777"),
            ("00 1 212 555 0100", "1", "44", "12125550100"),
        ] as [(String, String?, String?, String)])
    func internationalDigits(phone: String, code: String?, national: String?, key: String) {
        #expect(EntityLinker.internationalDigits(of: phone, callingCode: code, nationalCode: national) == key)
    }

    @Test("accounts giving one phone in international and in national format are linked")
    func phoneFormats() {
        var international = RunFixtures.evidence("ca-1", country: "CA", phone: "+1 416 555 0199")
        international.account?.phoneCallingCode = "1"
        let national = RunFixtures.evidence("ca-2", country: "CA", phone: "(416) 555-0199")
        let linker = EntityLinker(callingCodes: ["CA": "1", "US": "1"])
        let groups = linker.groups([international, national, RunFixtures.evidence("other", phone: "(416) 555-0100")])
        #expect(groups.map(\.accounts) == [["ca-1", "ca-2"]])
        #expect(groups.first?.links.first?.value == "14165550199")
        // Without the countries' codes the national number is compared as written, and links nobody.
        #expect(EntityLinker().groups([international, national]).isEmpty)
    }

    @Test(
        "a phone is compared as dialled: a label, bracket, full-width form or extension makes no other key",
        arguments: [
            "+1 512-555-0999", "+1 512-555-0999 ext. 12", "+1 512-555-0999 x12", "+1 512-555-0999 #12",
            "tel:+1-512-555-0999;ext=12", "Tel: +1 512 555 0999", "(+1) 512 555 0999", "＋1 512 555 0999",
            "+1 ５１２ ５５５ ０９９９",
        ])
    func phoneAsDialled(phone: String) {
        #expect(EntityLinker.internationalDigits(of: phone, callingCode: "1", nationalCode: "1") == "15125550999")
    }

    @Test(
        "accounts giving one phone written two ways are linked by it",
        arguments: [
            ("+1 512-555-0999", "+1 512-555-0999 ext. 12", "15125550999"),
            ("(+86) 10 1234 5678", "+86 10 1234 5678", "861012345678"),
            ("Tel: +86 10 1234 5678", "＋86 10 1234 5678", "861012345678"),
        ])
    func phoneWrittenTwoWays(first: String, second: String, key: String) throws {
        let catalog = try CanonicalFixtures.countries.get()
        func holder(_ id: String, _ phone: String) -> AccountEvidence {
            var evidence = RunFixtures.evidence(id, phone: phone)
            evidence.account?.phoneCallingCode = PhoneNumber.callingCode(of: phone, catalog: catalog)
            return evidence
        }
        let groups = EntityLinker(callingCodes: ["US": "1"]).groups([
            holder("a", first), holder("b", second), holder("c", "+1 512-555-0998"),
        ])
        #expect(groups.map(\.accounts) == [["a", "b"]])
        #expect(groups.first?.links == [EntityLinker.Link(kind: .phone, value: key, accounts: ["a", "b"])])
    }

    @Test("a no-reply address links nobody, however it is written")
    func noReplyAddress() {
        let groups = EntityLinker().groups([
            RunFixtures.evidence("a", email: "noreply@platform.example"),
            RunFixtures.evidence("b", email: "No-Reply@Platform.example"),
            RunFixtures.evidence("c", email: "do_not_reply@platform.example"),
        ])
        #expect(groups.isEmpty)
    }

    @Test(
        "accounts giving one email address written two ways are linked by it",
        arguments: [
            ("dup@example.com", "DUP@Example.com"), ("x@example.org", "x@example.org "),
            ("mailto:x@example.org", "x@example.org"), ("x@example.org.", "x@example.org"),
            ("Ex Ample <x@example.org>", "X@EXAMPLE.ORG"), ("li.wei@gmail.com", "li.wei+cloud2@gmail.com"),
            ("ops@BÜRO.de", "ops@büro.de"), ("ops@xn--bro-hoa.de", "ops@BÜRO.de"),
        ])
    func emailWrittenTwoWays(first: String, second: String) {
        let groups = EntityLinker().groups([
            RunFixtures.evidence("a", email: first), RunFixtures.evidence("b", email: second),
            RunFixtures.evidence("c", email: "other@example.org"),
        ])
        #expect(groups.map(\.accounts) == [["a", "b"]])
        #expect(groups.first?.links.map(\.description) == ["email \(EmailAddress.address(of: second) ?? "")"])
    }
}
