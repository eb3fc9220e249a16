/// Checked usage rows whose text is copied into byte storage the batch owns: how ``UsageFields``
/// cross to another thread without a `String` per field.
///
/// The rows are ``UsageFields`` themselves, their field bytes pointing into storage that never
/// moves once allocated, so nothing is rebuilt on the other side.
struct UsageFieldsBatch: @unchecked Sendable {
    // Unchecked: the fields' byte views point only into `storage`, which the batch keeps alive and
    // nobody writes once the batch is handed over (the producer starts a new one).

    /// A block of bytes that stays where it is, filled front to back.
    private final class Block {
        let bytes: UnsafeMutableRawBufferPointer
        var used = 0

        init(capacity: Int) {
            bytes = .allocate(byteCount: capacity, alignment: 1)
        }

        deinit { bytes.deallocate() }

        var room: Int { bytes.count - used }

        /// Copies `source` in and returns the copy.
        func keep(_ source: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            let copy = UnsafeMutableRawBufferPointer(rebasing: bytes[used..<(used + source.count)])
            copy.copyMemory(from: source)
            used += source.count
            return UnsafeRawBufferPointer(copy)
        }
    }

    private static let blockSize = 256 << 10
    private var storage: [Block] = []
    /// The rows; their text is valid while the batch is.
    private(set) var fields: [UsageFields] = []
    /// Whether each row's account is in the accounts export.
    private(set) var accountKnown: [Bool] = []

    /// Creates an empty batch with room for `rows` rows.
    init(reservingCapacity rows: Int) {
        fields.reserveCapacity(rows)
        accountKnown.reserveCapacity(rows)
    }

    /// The number of rows.
    var count: Int { fields.count }

    /// Bytes of text held.
    private(set) var textBytes = 0

    /// Copies `fields` in.
    mutating func append(_ fields: UsageFields, accountKnown: Bool) {
        var kept = fields
        kept.recordID = keep(fields.recordID)
        kept.accountID = keep(fields.accountID)
        kept.resourceID = keep(fields.resourceID)
        kept.jobID = fields.jobID.map { keep($0) }
        kept.clusterID = fields.clusterID.map { keep($0) }
        kept.region = fields.region.map { keep($0) }
        kept.zone = fields.zone.map { keep($0) }
        kept.instanceType = fields.instanceType.map { keep($0) }
        self.fields.append(kept)
        self.accountKnown.append(accountKnown)
    }

    /// `field` with its bytes copied into the batch's storage (a `String` stays as it is).
    private mutating func keep(_ field: FieldText) -> FieldText {
        guard case .bytes(let bytes) = field, bytes.count > 0 else { return field }
        if storage.last.map({ $0.room < bytes.count }) ?? true {
            storage.append(Block(capacity: max(Self.blockSize, bytes.count)))
        }
        textBytes += bytes.count
        return .bytes(storage[storage.count - 1].keep(bytes))
    }
}
