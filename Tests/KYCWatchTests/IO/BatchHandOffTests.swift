import Foundation
import Synchronization
import Testing

@testable import KYCWatch

@Suite("Batch hand-off between a producer and a consumer thread")
struct BatchHandOffTests {
    /// Runs `body` on a new thread; the returned semaphore is signalled when it returns.
    private static func onThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            body()
            done.signal()
        }.start()
        return done
    }

    @Test("values arrive in the order sent, then the end", arguments: [1, 2, 4])
    func ordering(capacity: Int) throws {
        let handOff = BatchHandOff<Int>(capacity: capacity)
        let producer = Self.onThread {
            for value in 0..<1000 { _ = handOff.send(value) }
            handOff.finish()
        }
        var received: [Int] = []
        while let value = try handOff.receive() { received.append(value) }
        producer.wait()
        #expect(received == Array(0..<1000))
        #expect(try handOff.receive() == nil)
    }

    /// Waits until `counter` reaches `value` (within 10 seconds, however slow the machine), then
    /// checks that it stays there a while: the producer is blocked, not merely slow.
    private static func expectSettles(
        _ counter: borrowing Atomic<Int>, at value: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let deadline = Date().addingTimeInterval(10)
        while counter.load(ordering: .relaxed) < value, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        try #require(counter.load(ordering: .relaxed) == value, sourceLocation: sourceLocation)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(
            counter.load(ordering: .relaxed) == value, "the producer went past a full queue",
            sourceLocation: sourceLocation)
    }

    @Test("a producer that gets ahead blocks once `capacity` values wait", .timeLimit(.minutes(1)))
    func backPressure() throws {
        let handOff = BatchHandOff<Int>(capacity: 3)
        let sent = Atomic<Int>(0)
        let producer = Self.onThread {
            for value in 0..<10 {
                guard handOff.send(value) else { return }
                sent.add(1, ordering: .relaxed)
            }
            handOff.finish()
        }
        try Self.expectSettles(sent, at: 3)
        #expect(try handOff.receive() == 0)
        try Self.expectSettles(sent, at: 4)
        var rest: [Int] = []
        while let value = try handOff.receive() { rest.append(value) }
        producer.wait()
        #expect(rest == Array(1..<10))
    }

    @Test("the producer's error reaches the consumer after the values sent before it, and stays")
    func producerError() throws {
        let handOff = BatchHandOff<Int>(capacity: 2)
        let failure = KYCWatchError(.zstdCorrupt, "broken", at: SourceLocation(file: "u.csv.zst", byteOffset: 42))
        let producer = Self.onThread {
            _ = handOff.send(1)
            _ = handOff.send(2)
            handOff.finish(throwing: failure)
        }
        #expect(try handOff.receive() == 1)
        #expect(try handOff.receive() == 2)
        #expect(throws: failure) { try handOff.receive() }
        #expect(throws: failure) { try handOff.receive() }
        producer.wait()
    }

    @Test("cancelling wakes a blocked producer, whose sends then fail without blocking")
    func consumerCancels() throws {
        let handOff = BatchHandOff<Int>(capacity: 1)
        let refused = Atomic<Int>(0)
        let producer = Self.onThread {
            var value = 0
            while handOff.send(value) { value += 1 }
            for _ in 0..<3 where !handOff.send(-1) { refused.add(1, ordering: .relaxed) }
        }
        #expect(try handOff.receive() == 0)
        handOff.cancel()
        #expect(producer.wait(timeout: .now() + 5) == .success)
        #expect(refused.load(ordering: .relaxed) == 3)
        #expect(try handOff.receive() == nil)
    }

    @Test("a consumer waiting on an idle producer is woken by its end")
    func idleProducerFinishes() throws {
        let handOff = BatchHandOff<String>(capacity: 2)
        let producer = Self.onThread {
            Thread.sleep(forTimeInterval: 0.1)
            handOff.finish()
        }
        #expect(try handOff.receive() == nil)
        producer.wait()
    }
}
