/// An error kycwatch reports to a person: what went wrong, where, and a code a scheduler can act on.
///
/// Every failure that reaches the command line is one of these; the CLI maps ``Code/kind`` to an
/// exit status in one place.
public struct KYCWatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable identifier for a class of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The broad class of failure, which decides the exit status.
        public enum Kind: String, Sendable {
            /// The command line or a pipeline file is wrong.
            case configuration
            /// An input file is missing, unreadable, corrupt or malformed.
            case input
            /// An output could not be written.
            case output
            /// More rows were rejected than the reject policy allows.
            case rejectPolicy
            /// A bug in kycwatch.
            case `internal`
        }

        /// The dotted name shown to people and in logs, e.g. `zstd.truncated`.
        public let name: String
        /// The broad class of failure.
        public let kind: Kind

        /// Creates a code; codes are declared as static members below.
        public init(_ name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }

        public var description: String { name }

        /// The file does not exist or cannot be opened.
        public static let fileUnreadable = Code("input.unreadable", kind: .input)
        /// Reading from an open file failed.
        public static let readFailed = Code("input.read-failed", kind: .input)
        /// The input is compressed with a format kycwatch does not read (gzip, xz, bzip2).
        public static let unsupportedCompression = Code("input.unsupported-compression", kind: .input)
        /// The input is text in an encoding other than UTF-8 (UTF-16 or UTF-32, by its byte order mark).
        public static let unsupportedEncoding = Code("input.unsupported-encoding", kind: .input)
        /// The input is empty where data was required.
        public static let emptyInput = Code("input.empty", kind: .input)
        /// The zstd stream ends in the middle of a frame.
        public static let zstdTruncated = Code("zstd.truncated", kind: .input)
        /// The zstd stream is damaged (bad header, corrupt block, bad magic mid-stream).
        public static let zstdCorrupt = Code("zstd.corrupt", kind: .input)
        /// A zstd frame's content checksum does not match its data.
        public static let zstdChecksum = Code("zstd.checksum-mismatch", kind: .input)
        /// Decompressed size or compression ratio passed the configured cap.
        public static let decompressionLimit = Code("zstd.decompression-limit", kind: .input)
        /// The CSV is malformed (quoting) in strict mode.
        public static let csvMalformed = Code("csv.malformed", kind: .input)
        /// A CSV field or record is larger than the configured maximum.
        public static let csvTooLarge = Code("csv.too-large", kind: .input)
        /// The CSV has no header row, or a header lacks a required column.
        public static let csvHeader = Code("csv.header", kind: .input)
        /// A stage's manifest.json cannot be read as one.
        public static let manifestInvalid = Code("input.manifest", kind: .input)
        /// An output file could not be created, written, synced or renamed.
        public static let writeFailed = Code("output.write-failed", kind: .output)
        /// Compression of output failed.
        public static let compressionFailed = Code("output.compression-failed", kind: .output)
        /// Another kycwatch process is writing the output folder.
        public static let outputFolderBusy = Code("output.folder-busy", kind: .output)
        /// A pipeline file or option is invalid.
        public static let invalidConfiguration = Code("config.invalid", kind: .configuration)
        /// Rejected rows passed the reject policy's maximum share.
        public static let rejectPolicyExceeded = Code("rejects.policy-exceeded", kind: .rejectPolicy)
        /// An internal invariant failed.
        public static let internalError = Code("internal", kind: .internal)
    }

    /// The class of failure.
    public var code: Code
    /// What went wrong and, where possible, what to do about it.
    public var message: String
    /// Where it happened, when a place is known.
    public var location: SourceLocation?

    /// The error with its place in the file `path` called `label` instead (``PipelineConfiguration/inputLabels``).
    public func naming(_ path: String, _ label: String) -> KYCWatchError {
        guard path != label, location?.file == path else { return self }
        var named = self
        named.location?.file = label
        return named
    }

    /// Creates an error with a code, a message a person can act on and an optional place.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:column: message [code]`, the shape compilers use so editors can jump to the place.
    public var description: String {
        if let location {
            return "\(location): \(message) [\(code)]"
        }
        return "\(message) [\(code)]"
    }
}
