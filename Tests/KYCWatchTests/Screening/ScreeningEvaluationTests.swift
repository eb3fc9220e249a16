import Foundation
import Testing

@testable import KYCWatch

extension ScreeningTests {
    /// Recall and false-positive rate on a labelled set built from the real lists, at the configured threshold.
    @Suite("Screening evaluation on the real lists")
    struct ScreeningEvaluationTests {
        /// Scores per threshold: for a positive the score of the entry it must find (0 when not found), for a
        /// negative the best score of anything it matched (0 when nothing).
        struct Scores {
            var positives: [Double]
            var negatives: [Double]

            func recall(at threshold: Double) -> Double {
                Double(positives.count { $0 >= threshold }) / Double(positives.count)
            }

            func falsePositiveRate(at threshold: Double) -> Double {
                Double(negatives.count { $0 >= threshold }) / Double(negatives.count)
            }
        }

        static let floor = 0.70

        /// The seed of the labelled set: 2026, or `KYCWATCH_SCREENING_SEED` to check that the threshold holds
        /// on other samples.
        static let seed = ProcessInfo.processInfo.environment["KYCWATCH_SCREENING_SEED"].flatMap { UInt64($0) } ?? 2026

        static func evaluate() throws -> (ScreeningEvaluationSet, Scores, [[ScreeningMatch]], [[ScreeningMatch]]) {
            let index = try ScreeningFixtures.index.get()
            let set = ScreeningEvaluationSet.build(lists: try ScreeningFixtures.lists.get(), seed: seed)
            let positiveMatches = index.screen(set.positives.map { ScreeningQuery(name: $0.query) }, threshold: floor)
            let negativeMatches = index.screen(set.negatives.map { ScreeningQuery(name: $0) }, threshold: floor)
            let positives = zip(set.positives, positiveMatches).map { positive, matches in
                matches.first { $0.list == positive.list && $0.entryID == positive.entryID }?.score ?? 0
            }
            let negatives = negativeMatches.map { $0.first?.score ?? 0 }
            return (set, Scores(positives: positives, negatives: negatives), positiveMatches, negativeMatches)
        }

        @Test("the labelled set is large enough and its negatives are not listed names")
        func labelledSet() throws {
            let set = ScreeningEvaluationSet.build(lists: try ScreeningFixtures.lists.get())
            #expect(set.positives.count >= 200)
            #expect(set.negatives.count >= 2000)
            #expect(Set(set.negatives).count == set.negatives.count)
            for variant in ScreeningEvaluationSet.Variant.allCases {
                #expect(set.positives.count { $0.variant == variant } >= 30, "variant \(variant)")
            }
            // Every positive is written other than listed where its variant says so: a shortened name has
            // fewer words, an alias is another name.
            let normalizer = NameNormalizer()
            for positive in set.positives where positive.variant == .shortened {
                let words = normalizer.normalize(positive.query).tokens.count
                #expect(words < normalizer.normalize(positive.listedName).tokens.count, "\(positive)")
            }
            for positive in set.positives where positive.variant == .alias {
                #expect(positive.query != positive.listedName, "\(positive)")
            }
            // Rebuilding with the same seed gives the same set.
            let again = ScreeningEvaluationSet.build(lists: try ScreeningFixtures.lists.get())
            #expect(again.positives.map(\.query) == set.positives.map(\.query))
            #expect(again.negatives == set.negatives)
        }

        @Test("recall is at least 95 % and the false-positive rate at most 1 % at the configured threshold")
        func recallAndFalsePositiveRate() throws {
            let (set, scores, positiveMatches, negativeMatches) = try Self.evaluate()
            let threshold = ScreeningConfiguration().threshold

            var report = "threshold  recall  false-positive rate  (\(set.positives.count) positives, "
            report += "\(set.negatives.count) negatives, "
            report += "\(set.droppedNegatives.count) generated negatives dropped as listed)\n"
            for step in stride(from: 70, through: 98, by: 1) {
                let value = Double(step) / 100
                let recall = percent(scores.recall(at: value))
                let rate = percent(scores.falsePositiveRate(at: value))
                report += "\(format(value))       \(recall)  \(rate)\n"
            }
            report += "recall by variant at \(format(threshold)):"
            for variant in ScreeningEvaluationSet.Variant.allCases {
                let indices = set.positives.indices.filter { set.positives[$0].variant == variant }
                let found = indices.count { scores.positives[$0] >= threshold }
                report += " \(variant.rawValue) \(found)/\(indices.count)"
            }
            report += "\nmissed:\n"
            for index in set.positives.indices where scores.positives[index] < threshold {
                let positive = set.positives[index]
                let best = positiveMatches[index].first.map { "\($0.entryName) \(format($0.score))" } ?? "-"
                report += "  [\(positive.variant.rawValue)] \(positive.query) ← \(positive.listedName) "
                report += "(\(format(scores.positives[index]))); best: \(best)\n"
            }
            report += "false positives:\n"
            for index in set.negatives.indices where scores.negatives[index] >= threshold {
                let match = negativeMatches[index][0]
                let listed = "\(match.matchedName) [\(match.list) \(match.entryID)]"
                report += "  \(set.negatives[index]) → \(listed) \(format(match.score))\n"
            }
            // Every first name of the pools with every last name: people whose name a listed person shares.
            let commonNames = ScreeningEvaluationSet.firstNames.flatMap { first in
                ScreeningEvaluationSet.lastNames.map { "\(first) \($0)" }
            }
            let commonMatched = try ScreeningFixtures.index.get().screen(commonNames.map { ScreeningQuery(name: $0) })
                .count { !$0.isEmpty }
            report +=
                "common names (first × last name of the pools) matched: \(commonMatched) of \(commonNames.count)\n"
            print(report)

            #expect(scores.recall(at: threshold) >= 0.95)
            #expect(scores.falsePositiveRate(at: threshold) <= 0.01)
            #expect(Double(commonMatched) / Double(commonNames.count) <= 0.01)
        }

        private func format(_ value: Double) -> String {
            let hundredths = Int((value * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        }

        private func percent(_ value: Double) -> String {
            let tenths = Int((value * 1000).rounded())
            let text = "\(tenths / 10).\(tenths % 10) %"
            return String(repeating: " ", count: max(0, 7 - text.count)) + text
        }
    }
}
