import Dispatch
import Foundation
import Synchronization
import Testing

@testable import KYCWatch

@Suite("Letting go of large values in the background")
struct BackgroundReleaseTests {
    /// Signals, with the thread it ran on, when it is freed.
    final class Tracked: Sendable {
        let freed: @Sendable (pthread_t) -> Void

        init(freed: @escaping @Sendable (pthread_t) -> Void) {
            self.freed = freed
        }

        deinit { freed(pthread_self()) }
    }

    @Test("a value handed over is freed, on another thread than the caller's")
    func freedElsewhere() {
        let thread = Seen<pthread_t>()
        let done = DispatchSemaphore(value: 0)
        var values = [
            Tracked(freed: { id in
                thread.value.withLock { $0 = id }
                done.signal()
            })
        ]
        values.append(contentsOf: (0..<1_000).map { _ in Tracked(freed: { _ in }) })
        BackgroundRelease.drop(consume values)
        #expect(done.wait(timeout: .now() + 10) == .success)
        let freedOn = thread.value.withLock { $0 }
        #expect(freedOn.map { pthread_equal($0, pthread_self()) == 0 } == true)
    }
}
