import Glibc
import Synchronization

/// Standard error, shared by log lines and the progress line.
///
/// A log line first clears the progress line and draws it again after itself, so the two never
/// mix on a terminal. When standard error is not a terminal there is never a progress line.
final class ErrorConsole: Sendable {
    /// Whether standard error is a terminal (`isatty(2)`).
    let isTerminal: Bool
    /// The progress line on screen, empty when none.
    private let shown = Mutex("")

    init() {
        isTerminal = isatty(STDERR_FILENO) == 1
    }

    /// Writes one line (the newline is added).
    func write(line: String) {
        shown.withLock { progress in
            Self.emit(progress.isEmpty ? line + "\n" : "\r\u{1B}[K" + line + "\n" + progress)
        }
    }

    /// Replaces the progress line with `text`; nothing happens when standard error is not a terminal.
    func show(progress text: String) {
        guard isTerminal else { return }
        shown.withLock { progress in
            progress = text
            Self.emit("\r\u{1B}[K" + text)
        }
    }

    /// Removes the progress line, if one is shown.
    func clearProgress() {
        shown.withLock { progress in
            guard !progress.isEmpty else { return }
            progress = ""
            Self.emit("\r\u{1B}[K")
        }
    }

    /// Writes `text` to standard error, one `write(2)` per call where the kernel allows, so lines from
    /// one process stay whole. A standard error that cannot be written (closed, a full disk, a log pipe
    /// whose reader went away) loses the text and nothing else: the exit status says what happened.
    static func emit(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
