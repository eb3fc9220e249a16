/// Where normalized records go: canonical CSV files (normalize), the detection state (run, detect),
/// or nowhere (validate).
public protocol RecordSink: AnyObject {
    func accept(_ account: AccountRecord, fields: [String]) throws(KYCWatchError)
    func accept(_ usage: UsageRecord) throws(KYCWatchError)
    func accept(_ access: AccessRecord) throws(KYCWatchError)
}

/// A sink that takes usage rows in batches of plain values, so a row it keeps only as figures and
/// interned ids never becomes a ``UsageRecord`` of nine `String`s (the detection state).
protocol UsageRowSink: RecordSink {
    /// Takes a batch of usage rows, in order.
    func accept(_ batch: UsageRowBatch) throws(KYCWatchError)
}

/// A sink that takes usage rows in batches as they are read, before they are de-duplicated or
/// checked against the accounts export, and does both itself (``UsageDeliveryCheck``), so that the
/// normalizer's thread does not (the detection state, fed on a thread of its own).
protocol UsageDeliverySink: RecordSink {
    /// Takes a batch of usage rows of the stage's `input`-th input, in order; `accounts` holds the
    /// accounts export's ids. The batch is taken, not shared, so that checking it copies no row.
    func accept(deliveries batch: consuming UsageRowBatch, input: Int, accounts: AccountIDSet)
        throws(KYCWatchError)
}

/// Writes each kind of record to its canonical CSV file.
final class CanonicalFileSink: RecordSink {
    private let writers: [ExportKind: CSVWriter]

    init(writers: [ExportKind: CSVWriter]) {
        self.writers = writers
    }

    /// The writer of canonical usage rows, for ``CanonicalRow/write(_:accountKnown:to:)``.
    var usageWriter: CSVWriter? { writers[.usage] }

    func accept(_ account: AccountRecord, fields: [String]) throws(KYCWatchError) {
        try writers[.accounts]?.writeRow(fields)
    }

    func accept(_ usage: UsageRecord) throws(KYCWatchError) {
        try writers[.usage]?.writeRow(CanonicalRow.fields(usage))
    }

    func accept(_ access: AccessRecord) throws(KYCWatchError) {
        try writers[.access]?.writeRow(CanonicalRow.fields(access))
    }
}
