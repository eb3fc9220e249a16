import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Placeholder values")
    struct PlaceholderValueTests {
        @Test(
            "reads the text an export writes for no value as a placeholder",
            arguments: [
                "", "   ", "N/A", "n/a", "NA", "n.a.", "N.A", "#N/A", "none", "None", "NULL", "nil", "Unknown", "UNK",
                "-", "--", "?", "...", "*", "—", "TBD", "tba", "Not Available", "not applicable", "(none)", "<null>",
                "[ Unknown ]", " - ", "nan", "Missing", "  N/A                    ", "(                 none)",
            ])
        func placeholders(text: String) {
            #expect(PlaceholderValue.isPlaceholder(text))
            #expect(PlaceholderValue.isPlaceholderIdentifier(text))
        }

        @Test(
            "keeps every value that names something",
            arguments: [
                "0", "7", "Nina", "Unknown Pleasures Ltd", "N/A Corp", "pm_1", "1 Main St", "nonexistent", "NAM",
                "Naples", "北京", "(Holdings)", "Ann Lee", "pm_1003357de8364d5a4da2", "Unknown Pleasures Ltd.",
                " (not applicable here) ",
            ])
        func values(text: String) {
            #expect(!PlaceholderValue.isPlaceholder(text))
        }

        @Test(
            "an identifier that is one digit repeated is a placeholder; one with a letter or two digits is not",
            arguments: [
                ("0", true), ("0000", true), ("1111-1111", true), ("0000 0000 0000 0000", true), ("9", true),
                ("pm_0000", false), ("1234", false), ("00001", false), ("card-0", false), ("x", false),
            ])
        func identifiers(text: String, placeholder: Bool) {
            #expect(PlaceholderValue.isPlaceholderIdentifier(text) == placeholder)
        }
    }
}
