import Dispatch
import Foundation
import Synchronization
import Testing

@testable import KYCWatch

@Suite("Supporting thread priority")
struct ThreadPriorityTests {
    @Test("a thread that lowers its priority lowers its own only, not the calling thread's")
    func lowersOnlyTheCallingThread() throws {
        let before = try #require(ThreadPriority.currentNice())
        let seen = Seen<(before: Int32?, after: Int32?)>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let start = ThreadPriority.currentNice()
            ThreadPriority.lowerCurrentThread(by: 3)
            let end = ThreadPriority.currentNice()
            seen.value.withLock { $0 = (start, end) }
            done.signal()
        }
        thread.start()
        done.wait()
        let (start, end) = try #require(seen.value.withLock { $0 })
        let threadStart = try #require(start)
        // Nice values stop at 19; a thread already near it lowers as far as it can.
        #expect(end == min(19, threadStart + 3))
        #expect(ThreadPriority.currentNice() == before)
    }
}
