// For C's `stdout`, a global the C library never reassigns while the process runs.
@preconcurrency import Glibc
import KYCWatch

/// Standard output as every command writes it: through the C library's buffered stream, as `print`
/// does, so that a failed write (a full disk, `/dev/full`) is found when the command ends and
/// reported with exit 73, instead of passing unseen or stopping the process mid-line.
enum StandardOutput {
    /// Writes `data` (UTF-8 text) to standard output, after anything printed before it.
    static func write(_ data: some Collection<UInt8>) {
        print(String(decoding: data, as: UTF8.self), terminator: "")
    }

    /// Flushes standard output; the error when some of it could not be written.
    ///
    /// A reader that went away (`| head`) is not one: the commands that write files and a summary line
    /// ignore SIGPIPE so that their exit status says what happened to the files, and the others end
    /// by the signal, as Unix tools do.
    static func finish() -> KYCWatchError? {
        // A write that failed earlier (a large one goes past the buffer) leaves the stream's error flag
        // set; the reason is known only when this flush fails too.
        let flushed = fflush(stdout) == 0
        let reason = errno
        guard !flushed || ferror(stdout) != 0, flushed || reason != EPIPE else { return nil }
        return KYCWatchError(
            .writeFailed,
            "write failed: " + (flushed ? "part of the output was not written" : String(cString: strerror(reason))),
            at: SourceLocation(file: "<stdout>"))
    }
}
