import Synchronization

/// Working memory for screening, kept between calls and shared by the threads that screen.
///
/// A ``ScreeningScratch`` is two arrays the size of the index: made for every name screened, zeroing
/// them cost more than screening a name once the bundled lists were screened against every account.
/// Each caller takes one, screens, and gives it back; there are never more than there were threads
/// screening at once.
final class ScreeningScratchPool: Sendable {
    private let nameCount: Int
    private let idle = Mutex<[ScreeningScratch]>([])

    /// A pool of scratches for an index of `nameCount` names.
    init(nameCount: Int) {
        self.nameCount = nameCount
    }

    /// Runs `body` with a scratch no other caller holds meanwhile.
    func withScratch<Result>(_ body: (inout ScreeningScratch) -> Result) -> Result {
        var scratch = idle.withLock { $0.popLast() } ?? ScreeningScratch(nameCount: nameCount)
        defer { idle.withLock { $0.append(scratch) } }
        return body(&scratch)
    }
}
