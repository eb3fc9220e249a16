import Foundation

/// The likely foreign members of a group of linked accounts (score at least `likely_score`), with
/// their assessments, and how a group finding's summary names them.
struct GroupForeignMembers {
    /// A likely foreign member and its signals.
    struct Member {
        var accountID: String
        var assessment: ForeignAssessment
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
            guard assessments[index].score >= likelyScore else { return nil }
            return Member(accountID: group[index].accountID, assessment: assessments[index])
        }
    }

    /// The members of `group` whose foreign-person score, weighed as every rule of the night weighs
    /// it, reaches `likelyScore`.
    init(of group: [AccountEvidence], likelyScore: Double, in context: DetectionContext) {
        self.init(
            of: group, assessments: group.map { ForeignAssessment(account: $0, in: context) },
            likelyScore: likelyScore)
    }

    /// `likely foreign: a (score 1.50), b (score 1.00)`, at most ``namedInSummary`` named and the rest
    /// counted (`and 4,990 more`).
    var summary: String {
        let named = members.prefix(Self.namedInSummary).map {
            "\($0.accountID) (score \(String(format: "%.2f", $0.assessment.score)))"
        }
        let more = members.count - named.count
        return "likely foreign: " + named.joined(separator: ", ")
            + (more > 0 ? " and \(FigureFormat.grouped(Double(more))) more" : "")
    }
}
