import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Phone numbers")
    struct PhoneNumberTests {
        @Test(
            "reads the calling code after an international prefix",
            arguments: [
                ("+86 10 1234 5678", "86"), ("0086 10 1234 5678", "86"), ("+1 (415) 555-0100", "1"),
                ("011 44 20 7946 0958", "44"), ("+7 495 123-45-67", "7"), ("+44(0)20 7946 0958", "44"),
                ("+44 (0) 20 7946 0958", "44"), ("+1-876-555-0100", "1"), ("+1 242 555 0100", "1"),
                ("+353 1 234 5678", "353"), ("+358 9 1234567", "358"), ("+852 2123 4567", "852"),
                ("+853 2812 3456", "853"), ("+971 4 123 4567", "971"), ("0011 61 2 9876 5432", "61"),
                ("tel:+49-30-123456", "49"), ("TEL: +49 30 123456", "49"), ("+49.30.123456", "49"),
                ("00 33 1 23 45 67 89", "33"), ("+380 44 123 4567", "380"), ("+82-2-123-4567", "82"),
                ("+598 2 123 4567", "598"), ("+1 800 FLOWERS", "1"), ("+44 20 7946 0958 ext. 12", "44"),
                ("+672 3 12345", "672"), ("+599 9 123 4567", "599"), ("  +98 21 1234 5678  ", "98"),
                ("+850 2 123 4567", "850"), ("+(86) 10 1234 5678", "86"), ("00 1 415 555 0100", "1"),
                ("+8613812345678", "86"), ("+74951234567", "7"), ("+12125550100", "1"), ("+86\u{A0}10\u{A0}1234", "86"),
                // 001, the prefix of Hong Kong, Korea and Singapore, before a number longer than a North American one.
                ("001 86 755 8888 7777", "86"), ("001 44 20 7946 0958", "44"), ("001 852 2123 4567", "852"),
            ])
        func international(number: String, expected: String) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(PhoneNumber.callingCode(of: number, catalog: catalog) == expected)
            #expect(
                CanonicalFixtures.withEmbeddedBytes(number) { PhoneNumber.callingCode(of: $0, catalog: catalog) }
                    == expected)
        }

        @Test(
            "reads a number behind a label or bracket, in full-width forms, and without its extension",
            arguments: [
                "(+86) 10 1234 5678", "＋86 10 1234 5678", "＋８６ （１０） １２３４－５６７８", "Tel: +86 10 1234 5678",
                "Phone (mobile): +86-10-1234-5678", "电话：+86 10 1234 5678", "+86 10 1234 5678 ext. 12",
                "+86 10 1234 5678 x12", "+86 10 1234 5678 #12", "tel:+86-10-1234-5678;ext=12",
                "+86 10 1234 5678 / +86 10 8765 4321", "\u{200E}+86 10 1234 5678",
            ])
        func writtenAround(number: String) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(PhoneNumber.callingCode(of: number, catalog: catalog) == "86")
            #expect(PhoneNumber.country(of: number, catalog: catalog) == "CN")
            #expect(PhoneDigits(number).text == "861012345678")
            #expect(PhoneDigits(number).international)
        }

        @Test(
            "reads the digits of a number as dialled, in any script, and no number from text around none",
            arguments: [
                ("+1 (555) 010-9999", "15550109999", true), ("555.010.9999 ext 12", "5550109999", false),
                ("+49 ３０ 1234-567", "49301234567", true), ("+20 ١٠١٢٣٤٥٦٧٨", "201012345678", true),
                ("Mobile: 0049 30 123456", "004930123456", false), ("x+86 10", "", false), ("call me", "", false),
                ("ext. 12", "", false), ("", "", false), ("½ 12", "", false),
            ])
        func digits(number: String, expected: String, international: Bool) {
            #expect(PhoneDigits(number).text == expected)
            #expect(PhoneDigits(number).count == expected.count)
            #expect(PhoneDigits(number).international == international)
        }

        @Test(
            "a shared calling code is told apart by the national number, else it is its principal member",
            arguments: [
                ("+7 495 123-45-67", "RU"), ("+7 (812) 123 4567", "RU"), ("+7 701 123 4567", "KZ"),
                ("+7 727 123 4567", "KZ"), ("+77011234567", "KZ"), ("0074951234567", "RU"), ("+358 18 12345", "AX"),
                ("+358 9 1234567", "FI"), ("+44 (0)1481 123456", "GG"), ("+44 1534 123456", "JE"),
                ("+44 1624 123456", "IM"), ("+44 20 7946 0958", "GB"), ("+212 5 22 12 34 56", "MA"),
                ("+39 06 698 12345", "VA"), ("+39 06 4880 1234", "IT"), ("+262 269 61 23 45", "YT"),
                ("+262 262 12 34 56", "RE"), ("+599 9 123 4567", "CW"), ("+599 7 17 1234", "BQ"),
                ("+1 876 555 0100", "JM"), ("+86 10 1234 5678", "CN"), ("0049 30 123456", "DE"),
                // North America by area code: Canada, the Caribbean; the US territories are the United States'.
                ("+1 416 555 0199", "CA"), ("+1-604-555-0100", "CA"), ("+1 (242) 555-0100", "BS"),
                ("+1 809 555 0100", "DO"), ("+1 441 555 0100", "BM"), ("+1 415 555 0100", "US"),
                ("+1 787 555 0100", "US"), ("+1 340 555 0100", "US"), ("+1 671 555 0100", "US"), ("+1 5", "US"),
            ])
        func country(number: String, expected: String) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(PhoneNumber.country(of: number, catalog: catalog) == expected)
        }

        @Test("a number in national format has no country")
        func nationalHasNoCountry() throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(PhoneNumber.country(of: "(415) 555-0100", catalog: catalog) == nil)
            #expect(PhoneNumber.country(of: "8 495 123 45 67", catalog: catalog) == nil)
        }

        @Test(
            "does not guess a country for a national number or garbage",
            arguments: [
                "(415) 555-0100", "415-555-0100", "1-800-555-0100", "020 7946 0958", "555-0100", "", "   ", "+",
                "+0 123",
                "+999 123", "00", "0000 123", "NULL", "call me", "x+86 10",
            ])
        func unknown(number: String) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(PhoneNumber.callingCode(of: number, catalog: catalog) == nil)
        }

        @Test(
            "a placeholder or made-up number identifies no one",
            arguments: [
                "0000000000", "+1 555-555-5555", "555-555-5555", "(555) 555-5555", "1-555-555-5555", "+1 555 555 1234",
                "+86 0000 0000", "+44 (0)0000 000000", "123-456-7890", "+1 234 567 8901", "+33 1 23 45 67 89",
                "9999999", "N/A", "none", "-", "  ", "unknown", "call me", "Tel: 0000000000",
            ])
        func placeholders(number: String) throws {
            #expect(PhoneNumber.isPlaceholder(number, catalog: try CanonicalFixtures.countries.get()))
        }

        @Test(
            "a real-looking number is kept, North America's fictional 555-01xx among them",
            arguments: [
                "+1 415 555 0100", "+1 303-555-5558", "(415) 555-0100", "555-0100", "+1 212 555 1212",
                "+86 10 1234 5678", "+44 20 7946 0958", "+7 495 123-45-67", "+49 30 123456", "12345",
            ])
        func realNumbers(number: String) throws {
            #expect(!PhoneNumber.isPlaceholder(number, catalog: try CanonicalFixtures.countries.get()))
        }

        @Test("every calling code in the catalogue reads back from a number that starts with it")
        func everyCode() throws {
            let catalog = try CanonicalFixtures.countries.get()
            for code in Set(catalog.countries.compactMap(\.callingCode)) {
                #expect(PhoneNumber.callingCode(of: "+\(code) 555 0100", catalog: catalog) == code)
                #expect(PhoneNumber.callingCode(of: "00\(code)5550100", catalog: catalog) == code)
            }
        }
    }
}
