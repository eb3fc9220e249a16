import Foundation
import Testing

@testable import KYCWatch

extension ScreeningTests {
    /// Names screened per second against the full OFAC SDN list with aliases, on one and two tasks.
    ///
    /// Opt-in: runs only with `KYCWATCH_BENCH=1`, in release mode (`Benchmarks/screening/run.sh`).
    /// `KYCWATCH_BENCH_NAMES` sets the number of names (1,000,000 by default).
    @Suite("Screening throughput", .enabled(if: ProcessInfo.processInfo.environment["KYCWATCH_BENCH"] == "1"))
    struct ScreeningBenchmarkTests {
        static let batchSize = 4096

        @Test("screens names against the SDN list with aliases on 1 and 2 tasks")
        func throughput() async throws {
            let environment = ProcessInfo.processInfo.environment
            let count = environment["KYCWATCH_BENCH_NAMES"].flatMap { Int($0) } ?? 1_000_000
            let clock = ContinuousClock()

            var started = clock.now
            let sdn = try RestrictedPartyList.loadOFACSDN(
                sdnPath: ScreeningFixtures.list("sdn.csv"),
                alternateNamesPath: ScreeningFixtures.list("alt.csv"),
                addressesPath: ScreeningFixtures.list("add.csv"))
            let loaded = clock.now - started
            started = clock.now
            let index = ScreeningIndex(lists: [sdn], countries: try ScreeningFixtures.countries.get())
            let built = clock.now - started

            // Ordinary names with one listed party (written with a typo or reordered) in every hundred.
            let set = ScreeningEvaluationSet.build(lists: [sdn], positiveCount: 300, negativeCount: 0)
            var names = ScreeningEvaluationSet.ordinaryNames(count: count, seed: 7)
            for offset in stride(from: 0, to: count, by: 100) {
                names[offset] = set.positives[(offset / 100) % set.positives.count].query
            }
            let queries = names.map { ScreeningQuery(name: $0, countries: ["US"]) }

            started = clock.now
            var normalizedTokens = 0
            for name in names { normalizedTokens += index.normalizer.normalize(name).tokens.count }
            let normalizing = clock.now - started

            started = clock.now
            var cpuStarted = Self.processCPUSeconds()
            let matchedOne = Self.screen(queries, on: index, from: 0, to: queries.count)
            let oneTask = clock.now - started
            let oneTaskCPU = Self.processCPUSeconds() - cpuStarted

            started = clock.now
            cpuStarted = Self.processCPUSeconds()
            let matchedTwo = await withTaskGroup(of: Int.self) { group in
                let half = queries.count / 2
                group.addTask { Self.screen(queries, on: index, from: 0, to: half) }
                group.addTask { Self.screen(queries, on: index, from: half, to: queries.count) }
                return await group.reduce(0, +)
            }
            let twoTasks = clock.now - started
            let twoTasksCPU = Self.processCPUSeconds() - cpuStarted

            #expect(matchedOne == matchedTwo)
            let rateOne = Double(count) / Self.seconds(oneTask)
            let rateTwo = Double(count) / Self.seconds(twoTasks)
            print(
                """
                screening benchmark: \(count) names against OFAC SDN (\(sdn.entries.count) entries, \
                \(index.nameCount) names with aliases, \(index.wordCount) distinct words)
                  load lists          \(Self.format(Self.seconds(loaded), digits: 3)) s
                  build index         \(Self.format(Self.seconds(built), digits: 3)) s
                  normalize only      \(Self.format(Double(count) / Self.seconds(normalizing) / 1000, digits: 0)) k names/s \
                (\(normalizedTokens) words)
                  screen, 1 task      \(Self.format(Self.seconds(oneTask), digits: 2)) s wall, \
                \(Self.format(oneTaskCPU, digits: 2)) s CPU: \(Self.format(rateOne / 1000, digits: 0)) k names/s
                  screen, 2 tasks     \(Self.format(Self.seconds(twoTasks), digits: 2)) s wall, \
                \(Self.format(twoTasksCPU, digits: 2)) s CPU: \(Self.format(rateTwo / 1000, digits: 0)) k names/s \
                (\(Self.format(rateTwo / rateOne, digits: 2))x)
                  machine load        \(Self.loadAverage())
                  names with a match  \(matchedOne) (\(Self.format(100 * Double(matchedOne) / Double(count), digits: 2)) %)
                """)
        }

        /// Screens `queries[start..<end]` in batches; returns how many names matched.
        static func screen(_ queries: [ScreeningQuery], on index: ScreeningIndex, from start: Int, to end: Int) -> Int {
            var matched = 0
            for batchStart in stride(from: start, to: end, by: batchSize) {
                let batch = Array(queries[batchStart..<min(batchStart + batchSize, end)])
                matched += index.screen(batch).count { !$0.isEmpty }
            }
            return matched
        }

        /// CPU time used by this process so far, all threads.
        static func processCPUSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }

        /// The one-minute load average, to tell a busy machine from a slow program.
        static func loadAverage() -> String {
            var loads = [0.0, 0.0, 0.0]
            guard getloadavg(&loads, 3) == 3 else { return "unknown" }
            return loads.map { format($0, digits: 2) }.joined(separator: " ")
        }

        static func seconds(_ duration: Duration) -> Double {
            let (seconds, attoseconds) = duration.components
            return Double(seconds) + Double(attoseconds) / 1e18
        }

        static func format(_ value: Double, digits: Int) -> String {
            String(format: "%.\(digits)f", value)
        }
    }
}
