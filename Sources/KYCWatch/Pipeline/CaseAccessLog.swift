/// Each access event of the case drafts' accounts, read again from the access export once the rules
/// have named them.
///
/// A filing's CIP record gives every address used for access with the date and time of each access.
/// The night's evidence keeps each address's first and last access and its count only, since keeping
/// every event of every account would grow with the access export; the few accounts of the night's
/// covered transactions are known only after the rules, so their events are read in a second pass over
/// the access inputs, de-duplicated as the first read was.
public struct CaseAccessLog: Sendable {
    /// One accepted access row, as normalized, and where it was read.
    public struct Event: Sendable, Hashable {
        public var eventID: String
        /// Unix epoch milliseconds UTC.
        public var timestamp: Int64
        /// The address in canonical text form.
        public var sourceIP: String
        public var action: String?
        /// Events the row stands for.
        public var count: Int
        /// The input as the manifest names it, and the row's line in it.
        public var file: String
        public var line: Int
    }

    /// The events of each account asked for, in time order (then file and line).
    public private(set) var events: [String: [Event]]
    /// Why the events could not be read again, nil when they were.
    public private(set) var unavailable: String?

    /// A log of `events` by account; `unavailable` says why there are none when they could not be read.
    public init(events: [String: [Event]] = [:], unavailable: String? = nil) {
        self.events = events
        self.unavailable = unavailable
    }

    /// Reads the events of `accounts` from the access inputs of `stage`'s pipeline, those before
    /// `cutoff` (ms) as the night read them; `firstRead` holds the inputs as the night read them, whose
    /// digests the files must still have.
    ///
    /// Never throws: the night's findings stand without the log, which then says why it is missing (an
    /// input read from standard input or a pipe, a file changed since the first read, a read error).
    public static func read(
        accounts: Set<String>, stage: NormalizeStage, firstRead: [StageManifest.Input], cutoff: Int64? = nil
    ) -> CaseAccessLog {
        let configuration = stage.configuration
        let collector = Collector(accounts: accounts)
        var state = NormalizeState()
        for specification in configuration.inputs where specification.kind == .access {
            for path in specification.paths {
                let label = configuration.inputLabels[path] ?? path
                guard !FileInput.isStream(path) else {
                    return CaseAccessLog(
                        unavailable: path == "-"
                            ? "the access export was read from standard input, which cannot be read twice"
                            : "\(label) is a pipe or device, not a file, and cannot be read twice")
                }
                collector.file = label
                var processor = InputProcessor(
                    specification: specification, path: path, label: label, catalogs: stage.catalogs,
                    sink: collector, rejects: nil)
                processor.limits = configuration.decompressionLimits
                processor.accessCutoff = cutoff
                let read: StageManifest.Input
                do {
                    read = try processor.run(state: &state)
                } catch {
                    return CaseAccessLog(unavailable: "\(label) could not be read again: \(error.naming(path, label))")
                }
                guard let first = firstRead.first(where: { $0.path == label }), first.sha256 == read.sha256 else {
                    return CaseAccessLog(
                        unavailable: "\(label) changed after the night read it (its SHA-256 is not the one in the "
                            + "manifest): run the night again on exports that stay in place")
                }
            }
        }
        return CaseAccessLog(
            events: collector.events.mapValues { events in
                events.sorted { ($0.timestamp, $0.file, $0.line) < ($1.timestamp, $1.file, $1.line) }
            })
    }

    /// Keeps the accepted access events of the accounts asked for.
    private final class Collector: RecordSink {
        let accounts: Set<String>
        /// The input being read, as the manifest names it.
        var file = ""
        var events: [String: [Event]] = [:]

        init(accounts: Set<String>) {
            self.accounts = accounts
        }

        func accept(_ account: AccountRecord, fields: [String]) {}
        func accept(_ usage: UsageRecord) {}
        func accept(_ access: AccessRecord) {
            guard accounts.contains(access.accountID) else { return }
            events[access.accountID, default: []].append(
                Event(
                    eventID: access.eventID, timestamp: access.timestamp, sourceIP: access.sourceIP,
                    action: access.action, count: access.count, file: file, line: access.line))
        }
    }
}
