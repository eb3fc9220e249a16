/// What carries from one input to the next: the accounts seen, and record and event ids for de-duplication.
struct NormalizeState {
    /// Account ids of the accounts export.
    private(set) var accounts = AccountIDSet()
    /// The check of usage rows where no sink does it: the record ids seen, the one thing here that
    /// grows with rows (exact dedupe needs it).
    var usageDeliveries = UsageDeliveryCheck()
    /// 64-bit hashes of access event ids, each with a digest of its event
    /// (``AccessNormalizer/digest(of:)``), so a re-delivery is told from a conflict.
    var accessEventHashes = FingerprintSet()
    /// A hash of each account's canonical row, by the account's place in ``accounts``, so an
    /// identical re-delivery is told from a conflict.
    private var accountRowDigests: [UInt64] = []

    /// Records the account `id` of the accounts export, whose canonical row hashes to `digest`;
    /// returns the digest of the row that brought an equal id before, nil when the id is new.
    mutating func insertAccount(_ id: String, digest: UInt64) -> UInt64? {
        let (inserted, place) = accounts.insert(id)
        guard inserted else { return accountRowDigests[Int(place)] }
        accountRowDigests.append(digest)
        return nil
    }

    /// Whether the accounts export has `id`, compared as `String`s are (canonical equivalence).
    func knowsAccount(_ id: FieldText) -> Bool {
        accounts.contains(id)
    }

    /// What the look-ahead reads of ``touchAccessLookups(count:keys:)`` came to; kept so that the
    /// reads are not optimized away.
    private(set) var touched: UInt64 = 0
    /// Where a look-ahead reads: each row's id fingerprint slot, and its account's hash.
    private var idHomes: [Int] = []
    private var accountHashes: [UInt64] = []

    /// Reads the slots that de-duplicating and checking the accounts of `count` access rows will
    /// probe, so their cache misses overlap before the rows are checked one by one; `keys` gives
    /// each row's event id and account.
    ///
    /// The slots are found first and read after in one tight loop: a read that misses the cache
    /// then holds up little else, and a dozen can be on their way at once.
    @inline(__always)
    mutating func touchAccessLookups(
        count: Int, keys: (Int) -> (id: UnsafeRawBufferPointer, account: UnsafeRawBufferPointer)
    ) {
        idHomes.removeAll(keepingCapacity: true)
        accountHashes.removeAll(keepingCapacity: true)
        let seen = accessEventHashes
        for index in 0..<count {
            let (id, account) = keys(index)
            idHomes.append(seen.home(of: Self.fingerprint(id)))
            accountHashes.append(accounts.hash(of: account))
        }
        var sum: UInt64 = 0
        for (home, hash) in zip(idHomes, accountHashes) {
            sum ^= seen.touch(home: home) ^ accounts.touch(hash: hash)
        }
        touched ^= sum
    }

    /// The fingerprint a record or event id is de-duplicated by: a fixed seed, so that which ids
    /// collide (as rare as any two of 2^64) is the same on every run.
    @inline(__always)
    static func fingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        FieldBytes.hash(bytes, seed: 0x243F_6A88_85A3_08D3)
    }

    static func hash(_ text: String) -> UInt64 {
        FieldBytes.withBytes(of: text) { hash($0) }
    }

    /// The digest of an account's canonical row: each field's length in bytes, then its bytes, so that
    /// no two different rows are one text cut in different places (a separator byte inside a field
    /// cannot make `a␟,b` and `a,␟b` alike).
    static func digest(of fields: [String]) -> UInt64 {
        var value = fnvOffsetBasis
        for field in fields {
            value = FieldBytes.withBytes(of: field) { bytes in
                withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { length in
                    hash(bytes, continuing: hash(length, continuing: value))
                }
            }
        }
        return value
    }

    /// FNV-1a, 64 bits, of the bytes; `continuing` the hash of bytes before them.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, continuing start: UInt64 = fnvOffsetBasis) -> UInt64 {
        var value = start
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* fnvPrime
        }
        return value
    }

    private static let fnvOffsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x100_0000_01b3
}
