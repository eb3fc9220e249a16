import Foundation

/// Lets go of large values on a thread of its own.
///
/// The detection state and the evidence of a night hold millions of strings and arrays; tearing
/// them down took a core a few tenths of a second at the end of the run, on the path to its exit.
/// Handed here once nothing reads them, they are freed beside the work that follows, or not at all
/// if the process exits first.
enum BackgroundRelease {
    /// Holds the value until the thread lets go of it; written only by that thread.
    private final class Holder<Value>: @unchecked Sendable {
        var value: Value?

        init(_ value: consuming Value) {
            self.value = value
        }
    }

    /// Frees `value` on a new thread, unless the caller still holds another reference to it.
    static func drop<Value>(_ value: consuming Value) {
        let holder = Holder(value)
        Thread.detachNewThread {
            holder.value = nil
        }
    }
}
