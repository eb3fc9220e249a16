import Foundation
import Testing

@testable import KYCWatch

@Suite("Case drafts")
struct CaseDraftTests {
    func draft(name: String) -> CaseDraft {
        CaseDraft(
            finding: ReportFixtures.coveredFinding(), evidence: EvidenceIndex(ReportFixtures.evidence(name: name)),
            runDate: "2026-11-29", defaultUtilization: 0.4)
    }

    @Test("missing CIP fields read 'not provided' and are listed by name")
    func missingFields() throws {
        let customer = try #require(draft(name: "Acme").customers.first)
        #expect(customer.addressLine == CaseDraft.notProvided)
        #expect(customer.phones == [CaseDraft.notProvided])
        #expect(customer.beneficialOwners.first?.country == CaseDraft.notProvided)
        #expect(customer.notProvided.contains("address"))
        #expect(customer.notProvided.contains("phone"))
        #expect(customer.identityVerification == "not verified")
        #expect(customer.accessAddresses.first?.firstSeen == "2026-06-01T00:00:00Z")
        let markdown = draft(name: "Acme").markdown()
        #expect(markdown.contains("- **Phones:** not provided"))
        #expect(!markdown.contains(":** \n"))
        // A label that ends its line introduces a list: the next line is one of its items.
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let labels = lines.indices.filter { lines[$0].hasSuffix(":**") }
        #expect(!labels.isEmpty)
        for index in labels {
            let next = index + 1 < lines.count ? lines[index + 1] : "<end>"
            #expect(
                next.trimmingPrefix(while: \.isWhitespace).hasPrefix("- "), "\(lines[index]) is followed by \(next)")
        }
    }

    @Test(
        "an individual's draft gives owners as not applicable, an organization's without any as not provided",
        arguments: [AccountRecord.CustomerType.individual, .organization])
    func ownersOfAnIndividual(type: AccountRecord.CustomerType) throws {
        var evidence = ReportFixtures.evidence()
        evidence[0].account?.customerType = type
        evidence[0].account?.beneficialOwners = []
        let draft = CaseDraft(
            finding: ReportFixtures.coveredFinding(), evidence: EvidenceIndex(evidence), runDate: "2026-11-29",
            defaultUtilization: 0.4)
        let customer = try #require(draft.customers.first)
        #expect(customer.notProvided.contains("beneficial owners") == (type == .organization))
        #expect(
            draft.markdown().contains(
                type == .individual
                    ? "- **Beneficial owners:** not applicable (an individual)"
                    : "- **Beneficial owners:** not provided"))
    }

    @Test("a member account's draft gives its parent's payment and owners, saying whose they are")
    func memberBilledThroughParent() throws {
        var evidence = ReportFixtures.evidence()
        let member = try #require(evidence[0].account)
        var parent = member
        parent.accountID = "pa"
        parent.paymentMethod = "card"
        parent.paymentFingerprint = "pm_pa"
        parent.paymentCountry = "CN"
        parent.beneficialOwners = [BeneficialOwner(name: "Liu Yang", country: "CN")]
        evidence[0].account?.parentAccountID = "pa"
        evidence[0].account?.paymentMethod = nil
        evidence[0].account?.paymentFingerprint = nil
        evidence[0].account?.paymentCountry = nil
        evidence[0].account?.beneficialOwners = []
        evidence[0].parents = [parent]
        let draft = CaseDraft(
            finding: ReportFixtures.coveredFinding(), evidence: EvidenceIndex(evidence), runDate: "2026-11-29",
            defaultUtilization: 0.4)
        let customer = try #require(draft.customers.first)
        #expect(customer.paymentInstrument == "pm_pa" && customer.paymentCountry == "CN")
        #expect(customer.beneficialOwners == [CaseDraft.Owner(name: "Liu Yang", country: "CN")])
        #expect(customer.paymentThrough == "pa" && customer.ownersThrough == "pa")
        for field in ["payment method", "payment instrument", "payment country", "beneficial owners"] {
            #expect(!customer.notProvided.contains(field), "\(field)")
        }
        let markdown = draft.markdown()
        #expect(
            markdown.contains(
                "- **Payment means:** card, instrument pm\\_pa (parent account pa's: the account is billed through it)"),
            "\(markdown)")
        #expect(markdown.contains("- **Beneficial owners (parent account pa's):**\n  - Liu Yang (CN)"), "\(markdown)")
        // Its own, when it gives them, are its own.
        evidence[0].account?.paymentMethod = "invoice"
        let own = CaseDraft(
            finding: ReportFixtures.coveredFinding(), evidence: EvidenceIndex(evidence), runDate: "2026-11-29",
            defaultUtilization: 0.4)
        #expect(own.customers.first?.paymentMethod == "invoice" && own.customers.first?.paymentThrough == nil)
    }

    @Test("a member two parents down gives the payment and owners of the nearest parent giving them, its top's")
    func memberOfMember() throws {
        var evidence = ReportFixtures.evidence()
        let member = try #require(evidence[0].account)
        var top = member
        top.accountID = "pa"
        top.paymentMethod = "card"
        top.paymentFingerprint = "pm_pa"
        top.beneficialOwners = [BeneficialOwner(name: "Liu Yang", country: "CN")]
        var middle = member
        middle.accountID = "pb"
        middle.parentAccountID = "pa"
        middle.paymentMethod = nil
        middle.paymentFingerprint = nil
        middle.beneficialOwners = []
        evidence[0].account?.parentAccountID = "pb"
        evidence[0].account?.paymentMethod = nil
        evidence[0].account?.beneficialOwners = []
        evidence[0].parents = [middle, top]
        let customer = try #require(
            CaseDraft(
                finding: ReportFixtures.coveredFinding(), evidence: EvidenceIndex(evidence), runDate: "2026-11-29",
                defaultUtilization: 0.4
            ).customers.first)
        #expect(customer.paymentInstrument == "pm_pa" && customer.paymentThrough == "pa")
        #expect(customer.beneficialOwners == [CaseDraft.Owner(name: "Liu Yang", country: "CN")])
        #expect(customer.ownersThrough == "pa")
    }

    @Test("an access address of an anonymizer is marked as one, its country the exit's")
    func anonymizedAddress() throws {
        var evidence = ReportFixtures.evidence()
        evidence[0].addresses = [
            "119.198.149.49": AccountEvidence.AddressUse(
                events: 641_257, first: 0, last: 0, country: "US", anonymizer: "vpn"),
            "36.5.5.5": AccountEvidence.AddressUse(events: 7, first: 0, last: 0, country: "CN"),
        ]
        let draft = CaseDraft(
            finding: ReportFixtures.coveredFinding(), evidence: EvidenceIndex(evidence), runDate: "2026-11-29",
            defaultUtilization: 0.4)
        let addresses = try #require(draft.customers.first?.accessAddresses)
        #expect(addresses.map(\.anonymizer) == ["vpn", nil])
        let markdown = draft.markdown()
        #expect(markdown.contains("| 119.198.149.49 | US (its exit) | vpn | 641,257 |"), "\(markdown)")
        #expect(markdown.contains("| 36.5.5.5 | CN | – | 7 |"), "\(markdown)")
    }

    @Test("an account missing from the accounts export is named as such")
    func unknownAccount() throws {
        var evidence = ReportFixtures.evidence()
        evidence[0].account = nil
        let draft = CaseDraft(
            finding: ReportFixtures.coveredFinding(), evidence: EvidenceIndex(evidence), runDate: "2026-11-29",
            defaultUtilization: 0.4)
        let customer = try #require(draft.customers.first)
        #expect(customer.legalName == CaseDraft.notProvided)
        #expect(customer.notProvided.first?.hasPrefix("the whole CIP record") == true)
        // Nothing is known of it: not even that it has no parent, no reseller or no headquarters.
        #expect(customer.parentAccountID == CaseDraft.notProvided)
        #expect(customer.reseller == CaseDraft.notProvided)
        #expect(customer.resellerCountry == CaseDraft.notProvided)
        #expect(customer.headquartersCountry == CaseDraft.notProvided)
        let markdown = draft.markdown()
        #expect(!markdown.contains("none") && !markdown.contains("not applicable"), "\(markdown)")
    }

    @Test("the training run's figures and assumptions are in the draft")
    func runFigures() throws {
        let run = try #require(draft(name: "Acme").trainingRuns.first)
        #expect(run.expectedOperations == 1.9e26)
        #expect(run.utilization.basis == "metered")
        #expect(run.utilization.effective == 0.5)
        #expect(run.utilization.defaultAssumed == 0.4)
        #expect(draft(name: "Acme").assumptions.contains { $0.contains("40 % assumed where not metered") })
        #expect(draft(name: "Acme").reportDue == "2026-12-14")
    }

    @Test("a hostile name cannot open a tag, a link, a table cell or a heading in the Markdown")
    func hostileMarkdown() {
        let markdown = draft(name: ReportFixtures.hostileMarkdown).markdown()
        // Markdown's own structure never uses < or [, so each one in the draft must be escaped data.
        let scalars = Array(markdown.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() where scalar == "<" || scalar == "[" {
            #expect(offset > 0 && scalars[offset - 1] == "\\")
        }
        #expect(!markdown.contains("\n# Heading"))
        #expect(
            markdown.contains(
                "\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](javascript:alert(1)) \\| cell \\# Heading"))
        #expect(MarkdownEscaping.text("</script>") == "\\</script\\>")
    }

    @Test("drafts are byte-identical for the same night")
    func deterministic() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        #expect(try encoder.encode(draft(name: "Acme")) == encoder.encode(draft(name: "Acme")))
        #expect(draft(name: "Acme").markdown() == draft(name: "Acme").markdown())
    }

    @Test("stale drafts are recognised by name only")
    func draftNames() {
        #expect(ReviewerOutputs.isDraftName("F-0123456789abcdef.json"))
        #expect(ReviewerOutputs.isDraftName("F-0123456789abcdef.md"))
        #expect(ReviewerOutputs.isDraftName("F-0123456789abcdef.access.csv"))
        #expect(!ReviewerOutputs.isDraftName("F-0123456789abcdef.csv"))
        #expect(!ReviewerOutputs.isDraftName("notes.md"))
        #expect(!ReviewerOutputs.isDraftName("F-0123.md"))
    }
}
