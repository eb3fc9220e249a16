import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Timestamp parser")
    struct TimestampParserTests {
        static let utc = try! TimestampParser()

        @Test(
            "reads ISO 8601 and RFC 3339 variants",
            arguments: [
                ("2026-06-04T13:00:00Z", "2026-06-04T13:00:00Z"),
                ("2026-06-04t13:00:00z", "2026-06-04T13:00:00Z"),
                ("2026-06-04T15:00:00+02:00", "2026-06-04T13:00:00Z"),
                ("2026-06-04T15:00:00+0200", "2026-06-04T13:00:00Z"),
                ("2026-06-04T08:00:00-05", "2026-06-04T13:00:00Z"),
                ("2026-06-04T08:00:00-05:00", "2026-06-04T13:00:00Z"),
                ("2026-06-04T18:30:00+05:30", "2026-06-04T13:00:00Z"),
                ("2026-06-04T18:45:00+05:45", "2026-06-04T13:00:00Z"),
                ("2026-06-04T13:00:00-00:00", "2026-06-04T13:00:00Z"),
                ("2026-06-04T13:00:00.5Z", "2026-06-04T13:00:00.500Z"),
                ("2026-06-04T13:00:00.123456789Z", "2026-06-04T13:00:00.123Z"),
                ("2026-06-04T13:00:00.999999Z", "2026-06-04T13:00:00.999Z"),
                ("2026-06-04T13:00:00,25Z", "2026-06-04T13:00:00.250Z"),
                ("2026-06-04T13:00:00.000Z", "2026-06-04T13:00:00Z"),
                ("2026-06-04T13:00Z", "2026-06-04T13:00:00Z"),
                ("2026-06-04T13:00", "2026-06-04T13:00:00Z"),
                ("2026-06-04T13:00:00", "2026-06-04T13:00:00Z"),
                ("2024-09-18 22:00:00", "2024-09-18T22:00:00Z"),
                ("2024-09-18 22:00:00 UTC", "2024-09-18T22:00:00Z"),
                ("2024-09-18 22:00:00 gmt", "2024-09-18T22:00:00Z"),
                ("2024-09-18 22:00:00+00", "2024-09-18T22:00:00Z"),
                ("2024-09-18 22:00:00 +01:00", "2024-09-18T21:00:00Z"),
                ("2026-06-04", "2026-06-04T00:00:00Z"),
                ("  2026-06-04T13:00:00Z\r\n", "2026-06-04T13:00:00Z"),
                ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
                ("2000-02-29", "2000-02-29T00:00:00Z"),
                ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
                ("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:59.500Z"),
                ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"),
                ("2025-12-31T23:30:00-01:00", "2026-01-01T00:30:00Z"),
                ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
                ("1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z"),
                ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
                ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
            ])
        func readsVariants(input: String, expected: String) throws {
            let millis = try #require(Self.utc.parse(input))
            #expect(TimestampParser.format(millis) == expected)
            #expect(CanonicalFixtures.withEmbeddedBytes(input) { Self.utc.parse($0) } == millis)
        }

        @Test("anchors the epoch")
        func anchors() {
            #expect(Self.utc.parse("1970-01-01T00:00:00Z") == 0)
            #expect(Self.utc.parse("2026-06-04T13:00:00Z") == 1_780_578_000_000)
            #expect(Self.utc.parse("2000-02-29") == 951_782_400_000)
            #expect(Self.utc.parse("1969-12-31T23:59:59.999Z") == -1)
            #expect(Self.utc.parse("2100-12-31T23:59:59Z") == 4_133_980_799_000)
        }

        @Test(
            "rejects what is not a valid timestamp",
            arguments: [
                "", "   ", "NULL", "2026-02-29", "2100-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-06-00",
                "2026-04-31", "2026-06-32", "2026-06-04T25:00:00Z", "2026-06-04T24:00:00Z", "2026-06-04T13:60:00Z",
                "2026-06-04T13:00:61Z", "26-06-04", "2026/06/04", "2026-6-4", "20260604", "2026-06-04T",
                "2026-06-04T13", "2026-06-04T13:0", "2026-06-04T13:00:0Z", "2026-06-04T13:00:00.Z",
                "2026-06-04T13:00:00+2", "2026-06-04T13:00:00+24:00", "2026-06-04T13:00:00+02:60",
                "2026-06-04T13:00:00+02:0", "2026-06-04T13:00:00+020", "2026-06-04T13:00:00Zjunk",
                "2026-06-04X13:00:00", "2026-06-04T13:00:00 EST", "2026-06-04T13:00:00  Z",
                "2026-06-04T13:00:00.12.3Z", "2026-06-04T13:00:00ZZ", "２０２６-06-04",
                "+2026-06-04", "abcd-ef-ghTij:kl:mnZ",
            ])
        func rejects(input: String) {
            #expect(Self.utc.parse(input) == nil)
        }

        @Test("reads years 0000 to 9999 in UTC only: an offset that carries a time past either end is refused")
        func yearRange() throws {
            let last = try #require(Self.utc.parse("9999-12-31T23:59:59.999Z"))
            let first = try #require(Self.utc.parse("0000-01-01T00:00:00Z"))
            #expect(TimestampParser.instants == first...last)
            #expect(Self.utc.parse("9999-12-31T23:59:59+01:00") == last - 3_600_999)
            for text in ["9999-12-31T23:59:59-12:00", "0000-01-01T00:00:00+14:00", "0000-01-01T00:00:00.5+00:01"] {
                #expect(Self.utc.parse(text) == nil, "\(text)")
            }
            // What is read is written back in a form read again to the same instant.
            for instant in [first, last, Self.utc.parse("0000-01-01T00:00:00-14:00")].compactMap({ $0 }) {
                #expect(Self.utc.parse(TimestampParser.format(instant)) == instant)
            }
            let behind = try TimestampParser(naiveTimeZone: "-05:00")
            #expect(behind.parse("9999-12-31 22:00:00") == nil)
            #expect(behind.parse("9999-12-31 18:00:00") != nil)
        }

        @Test("reads naive timestamps in a fixed offset and lets an explicit offset win")
        func fixedNaiveZone() throws {
            let parser = try TimestampParser(naiveTimeZone: "+02:00")
            #expect(parser.parse("2026-06-04 13:00:00").map(TimestampParser.format) == "2026-06-04T11:00:00Z")
            #expect(parser.parse("2026-06-04").map(TimestampParser.format) == "2026-06-03T22:00:00Z")
            #expect(parser.parse("2026-06-04T13:00:00Z").map(TimestampParser.format) == "2026-06-04T13:00:00Z")
            #expect(parser.parse("2026-06-04T13:00:00-01:00").map(TimestampParser.format) == "2026-06-04T14:00:00Z")
            let west = try TimestampParser(naiveTimeZone: "-0500")
            #expect(west.parse("2026-06-04 08:00:00").map(TimestampParser.format) == "2026-06-04T13:00:00Z")
            let prefixed = try TimestampParser(naiveTimeZone: "UTC+05:30")
            #expect(prefixed.parse("2026-06-04 18:30:00").map(TimestampParser.format) == "2026-06-04T13:00:00Z")
            #expect(try TimestampParser(naiveTimeZone: "gmt").parse("2026-06-04 13:00") == 1_780_578_000_000)
        }

        @Test(
            "reads naive timestamps in an IANA zone with daylight saving time",
            arguments: [
                ("America/New_York", "2026-01-15 12:00:00", "2026-01-15T17:00:00Z"),
                ("America/New_York", "2026-07-15 12:00:00", "2026-07-15T16:00:00Z"),
                ("America/New_York", "2026-03-08 01:59:59", "2026-03-08T06:59:59Z"),
                // 02:30 does not exist that night; read with the offset before the change (03:30 EDT).
                ("America/New_York", "2026-03-08 02:30:00", "2026-03-08T07:30:00Z"),
                ("America/New_York", "2026-03-08 03:00:00", "2026-03-08T07:00:00Z"),
                // 01:30 happens twice; the earlier (EDT) instant is taken.
                ("America/New_York", "2026-11-01 01:30:00", "2026-11-01T05:30:00Z"),
                // The same rules past the years the zone's table covers (1900-2200).
                ("America/New_York", "3000-03-09 02:30:00", "3000-03-09T07:30:00Z"),
                ("America/New_York", "3000-11-02 01:30:00", "3000-11-02T05:30:00Z"),
                ("America/New_York", "3000-07-15 12:00:00", "3000-07-15T16:00:00Z"),
                ("America/New_York", "2026-11-01 02:00:00", "2026-11-01T07:00:00Z"),
                ("America/New_York", "2026-06-04", "2026-06-04T04:00:00Z"),
                ("America/New_York", "2026-06-04T13:00:00Z", "2026-06-04T13:00:00Z"),
                ("Europe/Berlin", "2026-06-04 15:00:00.250", "2026-06-04T13:00:00.250Z"),
                ("Europe/Berlin", "2026-12-04 15:00:00", "2026-12-04T14:00:00Z"),
                ("Europe/Moscow", "2013-06-01 12:00:00", "2013-06-01T08:00:00Z"),
                ("Europe/Moscow", "2015-06-01 12:00:00", "2015-06-01T09:00:00Z"),
                ("Asia/Kolkata", "2026-06-04 18:30:00", "2026-06-04T13:00:00Z"),
                ("Australia/Lord_Howe", "2026-01-15 12:00:00", "2026-01-15T01:00:00Z"),
                ("Australia/Lord_Howe", "2026-07-15 12:00:00", "2026-07-15T01:30:00Z"),
                ("Asia/Shanghai", "1850-06-01 12:00:00", "1850-06-01T03:54:17Z"),
                ("America/New_York", "2300-07-01 12:00:00", "2300-07-01T16:00:00Z"),
            ])
        func regionalNaiveZone(zone: String, input: String, expected: String) throws {
            let parser = try TimestampParser(naiveTimeZone: zone)
            #expect(parser.naiveTimeZone == zone)
            #expect(parser.parse(input).map(TimestampParser.format) == expected)
        }

        @Test(
            "a repeated local time read as its second occurrence; any other time reads as it does",
            arguments: [
                ("America/New_York", "2026-11-01 01:30:00", "2026-11-01T06:30:00Z"),
                ("America/New_York", "3000-11-02 01:30:00", "3000-11-02T06:30:00Z"),
                ("America/New_York", "2026-11-01 02:30:00", "2026-11-01T07:30:00Z"),
                ("America/New_York", "2026-03-08 02:30:00", "2026-03-08T07:30:00Z"),
                ("America/New_York", "2026-11-01T01:30:00-04:00", "2026-11-01T05:30:00Z"),
                ("UTC", "2026-11-01 01:30:00", "2026-11-01T01:30:00Z"),
            ])
        func laterOccurrence(zone: String, input: String, expected: String) throws {
            let parser = try TimestampParser(naiveTimeZone: zone)
            let later = FieldBytes.withBytes(of: input) { parser.parseLater($0) }
            #expect(later.map(TimestampParser.format) == expected)
        }

        @Test("rejects an unknown naive time zone", arguments: ["Mars/Olympus_Mons", "", "+25:00", "UTC+", "02:00"])
        func unknownZone(zone: String) {
            let error = #expect(throws: KYCWatchError.self) { try TimestampParser(naiveTimeZone: zone) }
            #expect(error?.code == .invalidConfiguration)
            #expect(error?.message.contains("America/New_York") == true)
        }

        @Test(
            "formats instants as RFC 3339 UTC",
            arguments: [
                (Int64(0), "1970-01-01T00:00:00Z"),
                (-1, "1969-12-31T23:59:59.999Z"),
                (1_780_578_000_000, "2026-06-04T13:00:00Z"),
                (1_780_578_000_123, "2026-06-04T13:00:00.123Z"),
                (1_780_578_000_007, "2026-06-04T13:00:00.007Z"),
                (951_782_400_000, "2000-02-29T00:00:00Z"),
                (253_402_300_799_000, "9999-12-31T23:59:59Z"),
                (253_402_300_800_000, "10000-01-01T00:00:00Z"),
                (-62_135_596_800_000, "0001-01-01T00:00:00Z"),
                (-62_135_596_800_001, "0000-12-31T23:59:59.999Z"),
            ])
        func formats(millis: Int64, expected: String) {
            #expect(TimestampParser.format(millis) == expected)
        }

        @Test("formats the extremes of Int64 within the buffer capacity")
        func formatsExtremes() {
            for millis in [Int64.max, Int64.min, Int64.min + 1] {
                let text = TimestampParser.format(millis)
                #expect(text.utf8.count <= TimestampParser.formattedByteCapacity)
                #expect(text.hasSuffix("Z"))
            }
        }

        @Test("format then parse gives the same instant, 1970-2100")
        func roundTrip() async {
            await propertyCheck(count: 2000, input: Gen.int64(in: 0...4_133_980_799_999)) { millis in
                #expect(Self.utc.parse(TimestampParser.format(millis)) == millis)
            }
        }

        @Test("the one-pass reader of YYYY-MM-DDTHH:MM:SSZ reads every such instant as the general reader does")
        func canonicalFormAgrees() async {
            await propertyCheck(count: 2000, input: Gen.int64(in: -2_208_988_800...7_258_118_399)) { seconds in
                // Whole seconds are written with no fraction: `YYYY-MM-DDTHH:MM:SSZ`.
                let text = TimestampParser.format(seconds * 1000)
                #expect(text.utf8.count == 20)
                FieldBytes.withBytes(of: text) { bytes in
                    #expect(TimestampParser.parseCanonicalUTC(bytes) == seconds * 1000)
                    #expect(Self.utc.parseAnyForm(bytes) == seconds * 1000)
                }
            }
        }

        @Test("a damaged YYYY-MM-DDTHH:MM:SSZ is read by the one-pass reader only as the general reader reads it")
        func damagedCanonicalForm() async {
            let bytes = Gen.element(of: Array("0123456789-:TtZz .+/".utf8) + [0x00, 0x2F, 0x3A, 0x40, 0xB9, 0xFF])
                .map { $0 ?? 0x30 }
            await propertyCheck(
                count: 4000, input: Gen.int64(in: -2_208_988_800...7_258_118_399), Gen.int(in: 0...19),
                bytes, Gen.int(in: 0...19), bytes
            ) { seconds, first, firstByte, second, secondByte in
                var text = Array(TimestampParser.format(seconds * 1000).utf8)
                text[first] = firstByte
                text[second] = secondByte
                text.withUnsafeBytes { field in
                    let general = Self.utc.parseAnyForm(field)
                    let canonical = TimestampParser.parseCanonicalUTC(field)
                    #expect(canonical == nil || canonical == general)
                    // In the canonical shape, with a valid date and time, both read it.
                    let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].allSatisfy {
                        (0x30...0x39).contains(text[$0])
                    }
                    let shaped =
                        digits && zip([4, 7, 10, 13, 16, 19], Array("--T::Z".utf8)).allSatisfy { text[$0] == $1 }
                    if shaped, general != nil { #expect(canonical == general) }
                    #expect(Self.utc.parse(field) == general)
                }
            }
        }

        @Test("one instant written with any offset reads as that instant")
        func offsetsAgree() async {
            await propertyCheck(
                count: 2000, input: Gen.int64(in: 0...4_133_980_799_999), Gen.int(in: -(14 * 60)...(14 * 60)),
                Gen.int(in: 0...2)
            ) { millis, offsetMinutes, style in
                let local = TimestampParser.format(millis + Int64(offsetMinutes) * 60_000).dropLast()
                let sign = offsetMinutes < 0 ? "-" : "+"
                let hours = abs(offsetMinutes) / 60
                let minutes = abs(offsetMinutes) % 60
                let hh = hours < 10 ? "0\(hours)" : "\(hours)"
                let mm = minutes < 10 ? "0\(minutes)" : "\(minutes)"
                let designator: String
                switch style {
                case 0: designator = "\(sign)\(hh):\(mm)"
                case 1: designator = "\(sign)\(hh)\(mm)"
                default: designator = minutes == 0 ? "\(sign)\(hh)" : "\(sign)\(hh):\(mm)"
                }
                #expect(Self.utc.parse(local + designator) == millis)
            }
        }

        @Test(
            "zone offset tables agree with Foundation",
            arguments: [
                "America/New_York", "Europe/London", "Europe/Moscow", "Asia/Pyongyang", "America/Caracas",
                "Pacific/Apia",
                "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo", "Africa/Casablanca",
            ])
        func tableAgreesWithFoundation(identifier: String) async throws {
            let table = try #require(ZoneOffsetTable(identifier: identifier))
            let zone = try #require(TimeZone(identifier: identifier))
            await propertyCheck(count: 500, input: Gen.int64(in: -2_208_988_800...7_258_118_399)) { seconds in
                let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
                #expect(table.offset(atUTC: seconds) == expected)
                // A wall-clock time that occurs converts back to an instant showing that wall-clock time.
                let local = seconds + expected
                let utc = table.utcSeconds(fromLocal: local)
                #expect(utc + table.offset(atUTC: utc) == local)
                #expect(utc <= seconds)
            }
        }

        @Test("reads field bytes without reading past them")
        func readsSlices() {
            let row = Array("2026-06-04T13:00:00Z2026-06-04T15:00:00+02:00".utf8)
            row.withUnsafeBytes { bytes in
                #expect(Self.utc.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<20])) == 1_780_578_000_000)
                #expect(Self.utc.parse(UnsafeRawBufferPointer(rebasing: bytes[20...])) == 1_780_578_000_000)
                #expect(Self.utc.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<19])) == 1_780_578_000_000)
                #expect(Self.utc.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<12])) == nil)
            }
        }

        @Test("writes into a caller's buffer")
        func formatsIntoBuffer() {
            var buffer = [UInt8](repeating: 0, count: TimestampParser.formattedByteCapacity)
            let length = buffer.withUnsafeMutableBytes { TimestampParser.format(1_780_578_000_123, into: $0) }
            #expect(String(decoding: buffer[0..<length], as: UTF8.self) == "2026-06-04T13:00:00.123Z")
        }
    }
}
