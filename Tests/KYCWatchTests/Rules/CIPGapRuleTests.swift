import Testing

@testable import KYCWatch

@Suite("CIP-001: what a Customer Identification Program needs")
struct CIPGapRuleTests {
    /// A complete, verified US organization: no finding.
    private static func complete(
        _ id: String, owners: [BeneficialOwner] = [BeneficialOwner(name: "Ann Lee", country: "US")]
    ) -> AccountEvidence {
        var evidence = RunFixtures.evidence(id, card: "pf-\(id)", phone: "+1 415 555 0100", owners: owners)
        evidence.account?.addressLine = "1 Main St"
        evidence.account?.paymentMethod = "card"
        evidence.account?.identityVerified = true
        return evidence
    }

    private func findings(_ evidence: AccountEvidence) throws -> [Finding] {
        try CIPGapRule().evaluate(evidence, in: RunFixtures.context())
    }

    @Test("a complete, verified record has no gap")
    func complete() throws {
        #expect(try findings(Self.complete("a")).isEmpty)
    }

    @Test(
        "an organization listing no owners is presumed foreign: verified, only that gap; else also foreign unverified",
        arguments: [true, false, nil])
    func ownersMissing(verified: Bool?) throws {
        var ownerless = Self.complete("org", owners: [])
        ownerless.account?.identityVerified = verified
        let finding = try #require(try findings(ownerless).first)
        let missing = (verified == nil ? ["verification status"] : []) + ["beneficial owners"]
        #expect(finding.evidence["missing_fields"] == .list(missing))
        #expect(finding.evidence["unverified_foreign"] == .text(verified == true ? "no" : "yes"))
        #expect(finding.severity == (verified == true ? .medium : .high))
        #expect(
            finding.summary.hasSuffix("presumed foreign and not verified") == (verified != true), "\(finding.summary)")
    }

    @Test("a member of an organization listing no owners is presumed foreign with it, and must be verified")
    func memberOfOwnerlessParent() throws {
        var member = Self.complete("m", owners: [])
        member.account?.parentAccountID = "p"
        member.account?.identityVerified = false
        member.parents = RunFixtures.records(Self.complete("p", owners: []))
        let finding = try #require(try findings(member).first)
        #expect(finding.evidence["missing_fields"] == .list([]))
        #expect(finding.evidence["unverified_foreign"] == .text("yes"))
        #expect(finding.summary == "CIP verification missing: presumed foreign and not verified")
        // A parent listing a US owner shows the member to be a US person's: verified or not, no gap.
        member.parents = RunFixtures.records(Self.complete("p"))
        #expect(try findings(member).isEmpty)
    }

    @Test(
        "an owner named by a placeholder but given a country lacks its name, not the owners",
        arguments: [
            ("Unknown:CN", ["name of a beneficial owner in CN"]), ("N/A:US", ["name of a beneficial owner in US"]),
            ("Ann Lee:US;Unknown:RU;N/A:RU", ["names of 2 beneficial owners in RU"]),
            (
                "Unknown:CN;Bo Li;-:IR",
                [
                    "name of a beneficial owner in CN", "country of beneficial owner Bo Li",
                    "name of a beneficial owner in IR",
                ]
            ),
        ])
    func unnamedOwner(owners: String, missing: [String]) throws {
        let parsed = try BeneficialOwnerList.parse(owners, countries: RunFixtures.catalogs.countries)
        let finding = try #require(try findings(Self.complete("org", owners: parsed)).first)
        #expect(finding.evidence["missing_fields"] == .list(missing))
    }

    @Test("a member account billed to its parent needs no payment or owners of its own")
    func memberAccount() throws {
        var member = Self.complete("p-dev", owners: [])
        member.account?.parentAccountID = "p"
        member.account?.paymentFingerprint = nil
        member.account?.paymentMethod = nil
        member.parents = RunFixtures.records(Self.complete("p"))
        #expect(try findings(member).isEmpty)
        // With its parent missing from the export, the same record lacks them.
        member.parents = []
        let finding = try #require(try findings(member).first)
        #expect(finding.evidence["missing_fields"] == .list(["payment means", "beneficial owners"]))
    }

    @Test("a payment method with no instrument identifier lacks the source of payment")
    func paymentWithoutInstrument() throws {
        var evidence = Self.complete("a")
        evidence.account?.paymentFingerprint = nil
        let finding = try #require(try findings(evidence).first)
        #expect(finding.evidence["missing_fields"] == .list(["payment instrument identifier"]))
        #expect(finding.summary == "CIP record incomplete: missing payment instrument identifier")
        // No payment method at all is the means missing, said once.
        evidence.account?.paymentMethod = nil
        #expect(try findings(evidence).first?.evidence["missing_fields"] == .list(["payment means"]))
    }

    @Test("a reseller's customer with the reseller named has its source of payment; without it, not")
    func resellerIsTheSource() throws {
        var evidence = Self.complete("a")
        evidence.account?.paymentMethod = "reseller"
        evidence.account?.paymentFingerprint = nil
        evidence.account?.resellerID = "rs-1"
        #expect(try findings(evidence).isEmpty)
        evidence.account?.resellerID = nil
        #expect(
            try findings(evidence).first?.evidence["missing_fields"] == .list(["payment instrument identifier"]))
    }

    @Test("an organization with no beneficial owner listed is a gap; an individual needs none")
    func organizationWithoutOwners() throws {
        var evidence = Self.complete("a", owners: [])
        let finding = try #require(try findings(evidence).first)
        #expect(finding.evidence["missing_fields"] == .list(["beneficial owners"]))
        #expect(finding.summary == "CIP record incomplete: missing beneficial owners")
        evidence.account?.customerType = .individual
        #expect(try findings(evidence).isEmpty)
    }

    @Test("each field the program needs is named when it is missing")
    func missingFields() throws {
        var evidence = Self.complete("a")
        evidence.account?.phone = nil
        evidence.account?.identityVerified = nil
        let finding = try #require(try findings(evidence).first)
        #expect(finding.severity == .medium)
        #expect(finding.evidence["missing_fields"] == .list(["phone", "verification status"]))
    }

    @Test("a beneficial owner named without a country is a gap, naming the owner")
    func ownerWithoutCountry() throws {
        let evidence = Self.complete(
            "a",
            owners: [
                BeneficialOwner(name: "Ann Lee", country: "US"), BeneficialOwner(name: "Wang Wei", country: nil),
                BeneficialOwner(name: "Eve, Inc.", country: nil),
            ])
        let finding = try #require(try findings(evidence).first)
        #expect(
            finding.evidence["missing_fields"]
                == .list(["country of beneficial owner Wang Wei", "country of beneficial owner Eve, Inc."]))
        #expect(finding.summary.contains("country of beneficial owner Wang Wei"), "\(finding.summary)")
    }

    @Test(
        "an owner listed again without a country, by the customer or its parent, is that owner: no gap, as FPI-001 weighs it"
    )
    func ownerListedAgain() throws {
        var evidence = Self.complete(
            "a",
            owners: [
                BeneficialOwner(name: "Jane Roe", country: "US"), BeneficialOwner(name: "JANE ROE", country: nil),
                BeneficialOwner(name: "Wang Wei", country: nil), BeneficialOwner(name: "WANG WEI", country: nil),
            ])
        let finding = try #require(try findings(evidence).first)
        #expect(finding.evidence["missing_fields"] == .list(["country of beneficial owner Wang Wei"]))
        // The parent lists Wang Wei with a country: the member's listing of him is that owner.
        evidence.account?.parentAccountID = "p"
        evidence.parents = RunFixtures.records(
            Self.complete("p", owners: [BeneficialOwner(name: "Wang Wei", country: "US")]))
        #expect(try findings(evidence).isEmpty)
        evidence.account?.beneficialOwners = [
            BeneficialOwner(name: "Jane Roe", country: "US"), BeneficialOwner(name: "jane roe"),
        ]
        evidence.parents = []
        evidence.account?.parentAccountID = nil
        #expect(try findings(evidence).isEmpty)
        let alone = try #require(try findings(Self.complete("b", owners: [BeneficialOwner(name: "jane roe")])).first)
        #expect(alone.evidence["missing_fields"] == .list(["country of beneficial owner jane roe"]))
    }
}
