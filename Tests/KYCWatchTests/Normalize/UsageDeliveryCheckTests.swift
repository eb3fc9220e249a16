import Testing

@testable import KYCWatch

@Suite("Re-delivery check")
struct UsageDeliveryCheckTests {
    /// A batch of `count` rows with record ids `r-<first>` on, of the account `acct-1`, carrying
    /// `toCome` as its input's estimate of the rows after it.
    private static func batch(first: Int, count: Int, toCome: Int?) -> UsageRowBatch {
        var batch = UsageRowBatch(reservingCapacity: count)
        for index in first..<(first + count) {
            batch.append(
                UsageFields(
                    recordID: .text("r-\(index)"), accountID: .text("acct-1"), resourceID: .text("i-\(index)"),
                    acceleratorCount: 0, start: 0, end: 3_600_000, line: index + 2),
                accountKnown: false)
        }
        batch.inputRowsToCome = toCome
        return batch
    }

    private static let accounts: AccountIDSet = {
        var accounts = AccountIDSet()
        accounts.insert("acct-1")
        return accounts
    }()

    @Test("a batch's estimate of the rows to come sizes the set once, for all of them")
    func estimateSizesTheSet() {
        var check = UsageDeliveryCheck()
        var first = Self.batch(first: 0, count: 4_000, toCome: 250_000)
        check.check(&first, input: 0, accounts: Self.accounts)
        let sized = check.capacityBytes
        #expect(sized >= 16 * 254_000)
        #expect(sized <= 30 * 254_000)
        // A close estimate later changes nothing, and rows up to the estimate fit without growing.
        var rest = Self.batch(first: 4_000, count: 240_000, toCome: 10_000)
        check.check(&rest, input: 0, accounts: Self.accounts)
        #expect(rest.count == 240_000)
        #expect(check.capacityBytes == sized)
    }

    @Test("an estimate far beyond the rows seen sizes nothing until enough rows back it")
    func wildEstimateWaits() {
        var check = UsageDeliveryCheck()
        var first = Self.batch(first: 0, count: 100, toCome: 1_000_000_000_000)
        check.check(&first, input: 0, accounts: Self.accounts)
        #expect(check.capacityBytes < 1 << 20)
        // 100 rows seen: 6,400 to come is within what they can vouch for.
        var second = Self.batch(first: 100, count: 100, toCome: 6_400)
        check.check(&second, input: 0, accounts: Self.accounts)
        #expect(check.capacityBytes >= 8 * 6_600)
        #expect(check.capacityBytes < 1 << 20)
    }

    @Test("re-deliveries are still found in a set sized from an estimate")
    func redeliveriesAfterReserve() {
        var check = UsageDeliveryCheck()
        var first = Self.batch(first: 0, count: 1_000, toCome: 9_000)
        check.check(&first, input: 0, accounts: Self.accounts)
        var again = Self.batch(first: 500, count: 1_000, toCome: 8_000)
        check.check(&again, input: 1, accounts: Self.accounts)
        #expect(again.count == 500)
        #expect(check.tallies[1]?.deduplicated == 500)
    }

    @Test(
        "usage past the cutoff is cut at it, its bytes in proportion, or left out, and counted",
        arguments: [nil, 3 * 3_600_000] as [Int64?])
    func cutoff(cutoff: Int64?) {
        var check = UsageDeliveryCheck()
        check.cutoff = cutoff
        var batch = UsageRowBatch(reservingCapacity: 3)
        // Hours 0–2 (before), 2–6 (across the cutoff at hour 3), 4–5 (after).
        for (index, (start, end)) in [(0, 2), (2, 6), (4, 5)].enumerated() {
            batch.append(
                UsageFields(
                    recordID: .text("r-\(index)"), accountID: .text("acct-1"), resourceID: .text("i-\(index)"),
                    acceleratorCount: 8, start: Int64(start) * 3_600_000, end: Int64(end) * 3_600_000,
                    egressBytes: 400, storageWriteBytes: 800, line: index + 2),
                accountKnown: false)
        }
        check.check(&batch, input: 0, accounts: Self.accounts)
        let rows = batch.rows.map { ($0.start / 3_600_000, $0.end / 3_600_000, $0.egressBytes, $0.storageWriteBytes) }
        if cutoff == nil {
            #expect(rows.map(\.1) == [2, 6, 5])
            #expect(check.tallies[0]?.afterRunDate == 0)
        } else {
            #expect(rows.map(\.0) == [0, 2])
            #expect(rows.map(\.1) == [2, 3])
            // One hour of four kept: a quarter of the bytes.
            #expect(rows.map(\.2) == [400, 100])
            #expect(rows.map(\.3) == [800, 200])
            #expect(check.tallies[0]?.afterRunDate == 2)
        }
    }
}
