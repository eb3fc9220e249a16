import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Email addresses")
    struct EmailAddressTests {
        @Test(
            "reads the domain of an address",
            arguments: [
                ("Li.Wei@Example.COM.CN", "example.com.cn"), ("  jane@example.com  ", "example.com"),
                ("Jane Roe <jane@example.co.uk>", "example.co.uk"), ("<ops@example.io>", "example.io"),
                ("mailto:ops@example.de", "example.de"), ("\"a@b\"@example.org", "example.org"),
                ("x@mail.example.co.uk.", "mail.example.co.uk"), ("user+tag@sub.example.io", "sub.example.io"),
                ("müller@bücher.de", "bücher.de"), ("x@xn--bcher-kva.de", "xn--bcher-kva.de"),
                ("ops@example.xn--fiqs8s", "example.xn--fiqs8s"), ("a@b-c.d-e.ru", "b-c.d-e.ru"),
                ("ADMIN@EXAMPLE.ORG", "example.org"),
            ])
        func domains(address: String, expected: String) {
            #expect(EmailAddress.domain(of: address) == expected)
            #expect(CanonicalFixtures.withEmbeddedBytes(address) { EmailAddress.domain(of: $0) } == expected)
        }

        @Test(
            "refuses what is not an address",
            arguments: [
                "", "   ", "NULL", "no-at-sign", "@example.com", "jane@", "jane@localhost", "jane doe@example.com",
                "jane@exa mple.com", "jane@example..com", "jane@-example.com", "jane@example-.com", "jane@example.123",
                "jane@.example.com", "jane@example.com>", "<jane@example.com", "jane@example.c_m", "jane@@",
                "jane@example.com.,",
            ])
        func invalid(address: String) {
            #expect(EmailAddress.domain(of: address) == nil)
            #expect(EmailAddress.topLevelDomain(of: address) == nil)
        }

        @Test(
            "reads the address as accounts are compared by it",
            arguments: [
                ("ops@example.org", "ops@example.org"), ("DUP@Example.com", "dup@example.com"),
                ("  x@example.org ", "x@example.org"), ("mailto:y@example.org", "y@example.org"),
                ("MAILTO:Y@Example.org", "y@example.org"), ("z@example.org.", "z@example.org"),
                ("Zed Roe <Z@example.org>", "z@example.org"), ("<mailto:z@example.org.>", "z@example.org"),
                ("user+tag@sub.example.io", "user@sub.example.io"), ("Li.Wei+Cloud+2@Gmail.com", "li.wei@gmail.com"),
                ("+tag@example.org", "+tag@example.org"), ("müller@bücher.de", "müller@bücher.de"),
                ("ops@BÜRO.de", "ops@büro.de"), ("ops@xn--bro-hoa.de", "ops@büro.de"),
                ("Ops@XN--BRO-HOA.DE", "ops@büro.de"), ("x@mail.xn--bcher-kva.xn--p1ai", "x@mail.bücher.рф"),
                // Labels that are not Punycode stay as written: cut short, past the limits, past U+10FFFF.
                ("ops@xn--a-b.de", "ops@xn--a-b.de"), ("ops@XN--99999999999a.de", "ops@xn--99999999999a.de"),
                ("ops@xn--zzzzzzzzzzzzzzz.de", "ops@xn--zzzzzzzzzzzzzzz.de"),
            ])
        func addresses(written: String, expected: String) {
            #expect(EmailAddress.address(of: written) == expected)
        }

        @Test("reads no address from what is not one", arguments: ["", "N/A", "jane@", "jane doe@example.com"])
        func noAddress(written: String) {
            #expect(EmailAddress.address(of: written) == nil)
        }

        @Test(
            "tells a no-reply address from a mailbox",
            arguments: [
                ("noreply@example.com", true), ("no-reply@example.com", true), ("No_Reply@Example.com", true),
                ("do-not-reply@example.com", true), ("DoNotReply@example.com", true),
                ("no.reply+billing@example.com", true), ("Billing <noreply@example.com>", true),
                ("mailto:dont-reply@example.io", true), ("reply@example.com", false), ("ops@example.com", false),
                ("noreplyteam@example.com", false), ("noreply", false),
            ])
        func noReply(address: String, expected: Bool) {
            #expect(EmailAddress.isNoReply(address) == expected)
        }

        @Test(
            "reads the top-level domain",
            arguments: [
                ("x@mail.example.co.uk", "uk"), ("a@b.DE", "de"), ("a@b.com", "com"), ("a@b.cn.", "cn"),
                ("Jane <jane@example.com.au>", "au"),
            ])
        func topLevelDomains(address: String, expected: String) {
            #expect(EmailAddress.topLevelDomain(of: address) == expected)
            #expect(CanonicalFixtures.withEmbeddedBytes(address) { EmailAddress.topLevelDomain(of: $0) } == expected)
        }

        @Test("a ccTLD leads to its country")
        func countryOfDomain() throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(EmailAddress.topLevelDomain(of: "x@mail.example.co.uk").flatMap(catalog.country(forTLD:)) == "GB")
            #expect(EmailAddress.topLevelDomain(of: "li@example.com.cn").flatMap(catalog.country(forTLD:)) == "CN")
            #expect(EmailAddress.topLevelDomain(of: "ops@example.com").flatMap(catalog.country(forTLD:)) == nil)
        }
    }
}
