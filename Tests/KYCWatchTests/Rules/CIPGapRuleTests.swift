import Testing

@testable import KYCWatch

@Suite("CIP-001: what a Customer Identification Program needs")
struct CIPGapRuleTests {
    /// A complete, verified US record: no finding.
    private static func complete(_ id: String, owners: [BeneficialOwner] = []) -> AccountEvidence {
        var evidence = RunFixtures.evidence(id, phone: "+1 415 555 0100", owners: owners)
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
        #expect(try findings(Self.complete("a", owners: [BeneficialOwner(name: "Ann Lee", country: "US")])).isEmpty)
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
}
