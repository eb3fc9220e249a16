import Foundation

/// The likely foreign members of a group of linked accounts (score at least `likely_score`), with
/// their assessments, and how a group finding names them: LNK-001 and CVT-002 read the group's
/// foreign status from this one list, so they cannot disagree about it.
///
/// A member whose score rests on a presumption alone (an organization listing no owners, or a member
/// of one; an account without a record read) counts, as it does for CVT-001, but is named as presumed
/// foreign for that gap: it shows no foreign indicator, and a score beside it would read as one.
struct GroupForeignMembers {
    /// A likely foreign member and its signals.
    struct Member {
        var accountID: String
        var assessment: ForeignAssessment
        /// The gap the member is presumed foreign for (`an organization listing no beneficial
        /// owners`), when no foreign indicator is seen; nil when one is.
        var presumption: String?

        /// `GP1 (score 1.50)`, or `GS1 (an organization listing no beneficial owners)`.
        var named: String {
            "\(accountID) (\(presumption ?? "score \(String(format: "%.2f", assessment.score))"))"
        }

        /// As the evidence lists it: `GP1 (score 1.50: CN)`, with a signal that names no country by
        /// what it is (`GP2 (score 1.00: beneficial owner Ann Lee without a country, so not shown to be
        /// a US person)`), or `GS1 (presumed foreign: an organization listing no beneficial owners)`.
        var listed: String {
            guard let presumption else {
                let countries = Set(assessment.signals.flatMap(\.countries)).sorted()
                let unplaced = assessment.signals.filter(\.countries.isEmpty).map(\.detail)
                return "\(accountID) (score \(String(format: "%.2f", assessment.score)): "
                    + (countries + unplaced).joined(separator: ", ") + ")"
            }
            return "\(accountID) (presumed foreign: \(presumption))"
        }
    }

    /// How many members a summary names: an organization's thousands of member accounts would make
    /// a summary no one reads; the evidence lists them all.
    static let namedInSummary = 10

    /// The likely foreign members, in the group's order.
    var members: [Member]

    /// The members of `group` whose foreign-person score, in `assessments` (one per member, in order),
    /// reaches `likelyScore`.
    init(of group: [AccountEvidence], assessments: [ForeignAssessment], likelyScore: Double) {
        members = group.indices.compactMap { index in
            let assessment = assessments[index]
            guard assessment.score >= likelyScore else { return nil }
            return Member(
                accountID: group[index].accountID, assessment: assessment,
                presumption: assessment.hasIndicators || assessment.signals.isEmpty ? nil : Self.gap(of: group[index]))
        }
    }

    /// The members of `group` whose foreign-person score, weighed as every rule of the night weighs
    /// it, reaches `likelyScore`.
    init(of group: [AccountEvidence], likelyScore: Double, in context: DetectionContext) {
        self.init(
            of: group, assessments: group.map { ForeignAssessment(account: $0, in: context) },
            likelyScore: likelyScore)
    }

    /// How a finding labels a customer presumed foreign for a gap alone, the gap named after it
    /// (``basis(of:assessment:)``).
    static let presumedForAGap = "presumed foreign for a gap in the data"

    /// What a finding about one account says its foreign status rests on: `foreign-person score 1.50`,
    /// or, when no foreign indicator is seen, the gap it is presumed foreign for, as the group findings
    /// name it (`presumed foreign for a gap in the data (an organization listing no beneficial owners)`).
    static func basis(of account: AccountEvidence, assessment: ForeignAssessment) -> String {
        guard !assessment.hasIndicators, !assessment.signals.isEmpty else {
            return "foreign-person score \(String(format: "%.2f", assessment.score))"
        }
        return "\(presumedForAGap) (\(gap(of: account)))"
    }

    /// The members presumed foreign for a gap alone.
    var presumed: [Member] { members.filter { $0.presumption != nil } }

    /// `likely foreign: a (score 1.50); presumed foreign for a gap in the data: b (an organization
    /// listing no beneficial owners)`, at most ``namedInSummary`` named and the rest counted (`and
    /// 4,990 more`).
    var summary: String {
        let likely = members.filter { $0.presumption == nil }
        let presumed = presumed
        var parts: [String] = []
        var room = Self.namedInSummary
        for (label, group) in [("likely foreign", likely), (Self.presumedForAGap, presumed)]
        where !group.isEmpty {
            let named = group.prefix(max(room, 1)).map(\.named)
            room -= named.count
            let more = group.count - named.count
            parts.append(
                "\(label): " + named.joined(separator: ", ")
                    + (more > 0 ? " and \(FigureFormat.grouped(Double(more))) more" : ""))
        }
        return parts.joined(separator: "; ")
    }

    /// The gap a member without a foreign indicator is presumed foreign for: no record read, or no
    /// beneficial owners listed by it or, for a member account, by any of its parents, the gap named at
    /// its organization's top, where CIP-001 asks for them (``ForeignAssessment/presumptions``).
    static func gap(of account: AccountEvidence) -> String {
        guard account.account != nil else { return "an account \(account.missingRecordPhrase)" }
        guard account.isMember else { return "an organization listing no beneficial owners" }
        return "a member of \(account.parentName(at: account.parents.count - 1)), an organization listing no "
            + "beneficial owners"
    }
}
