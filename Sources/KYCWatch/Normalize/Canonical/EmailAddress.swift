/// Reads the parts of an email address that carry a signal: its domain (shared by linked accounts) and
/// its top-level domain (a country when it is a ccTLD).
public enum EmailAddress {
    /// The domain of an address, lower case, without a trailing dot: `Li.Wei@Example.COM.CN` is
    /// `example.com.cn`. `Name <x@y.z>` is read inside the angle brackets. `nil` when the text is not an
    /// address: no `@`, nothing before it, spaces inside, or a domain that is not dot-separated labels of
    /// letters, digits and hyphens (non-ASCII letters allowed) ending in a top-level domain.
    public static func domain(of text: String) -> String? {
        FieldBytes.withBytes(of: text) { domain(of: $0) }
    }

    /// ``domain(of:)-(String)`` for field bytes.
    public static func domain(of bytes: UnsafeRawBufferPointer) -> String? {
        domainRange(of: bytes).map { range in
            String(unsafeUninitializedCapacity: range.count) { buffer in
                for (offset, index) in range.enumerated() { buffer[offset] = FieldBytes.lowercased(bytes[index]) }
                return range.count
            }
        }
    }

    /// The last label of the address's domain, lower case: `x@mail.example.co.uk` is `uk`.
    public static func topLevelDomain(of text: String) -> String? {
        FieldBytes.withBytes(of: text) { topLevelDomain(of: $0) }
    }

    /// ``topLevelDomain(of:)-(String)`` for field bytes.
    public static func topLevelDomain(of bytes: UnsafeRawBufferPointer) -> String? {
        guard let range = domainRange(of: bytes) else { return nil }
        var start = range.upperBound
        while start > range.lowerBound, bytes[start - 1] != UInt8(ascii: ".") { start -= 1 }
        return String(unsafeUninitializedCapacity: range.upperBound - start) { buffer in
            for index in start..<range.upperBound { buffer[index - start] = FieldBytes.lowercased(bytes[index]) }
            return range.upperBound - start
        }
    }

    /// The address as accounts sharing it are compared: local part and domain lower case (the domain
    /// by Unicode's rules, `BÜRO.de` is `büro.de`, and in Unicode, `xn--bro-hoa.de` is `büro.de` too),
    /// without the spaces around it, a `mailto:` scheme, a name before it (`Li Wei <li.wei@example.cn>`),
    /// a trailing dot of the domain or a `+` tag of the local part: `Mailto:Ops+Cloud2@Example.COM.` is
    /// `ops@example.com`. `nil` when the text is not an address (``domain(of:)-(String)``).
    ///
    /// A `+` tag (RFC 5233 subaddressing, `li.wei+cloud2@`) files mail for one mailbox under a label:
    /// tagging the address an account opens with costs nothing and would otherwise link nobody.
    public static func address(of text: String) -> String? {
        FieldBytes.withBytes(of: text) { bytes in
            parts(of: bytes).map { local, domain in
                var mailbox = local
                if let plus = bytes[local].firstIndex(of: UInt8(ascii: "+")), plus > local.lowerBound {
                    mailbox = local.lowerBound..<plus
                }
                return String(decoding: bytes[mailbox].map(FieldBytes.lowercased), as: UTF8.self) + "@"
                    + comparedDomain(UnsafeRawBufferPointer(rebasing: bytes[domain]))
            }
        }
    }

    /// A domain as addresses are compared: lower case by Unicode's rules, each `xn--` label in the
    /// Unicode it encodes (RFC 3492 Punycode), so `XN--BRO-HOA.de` and `BÜRO.de` are both `büro.de`.
    ///
    /// A label stays as written, lower case, unless it decodes to a label a domain can have: one of at
    /// most 63 bytes that decodes to text with a letter beyond ASCII and no ASCII but letters, digits
    /// and hyphens. A malformed `xn--` label is someone's typing, not a spelling of another domain.
    private static func comparedDomain(_ bytes: UnsafeRawBufferPointer) -> String {
        var encoded = false
        var labelStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ".") {
            let label = UnsafeRawBufferPointer(rebasing: bytes[labelStart..<index])
            if label.count > 4, FieldBytes.hasLowercasePrefix(label, "xn--") { encoded = true }
            labelStart = index + 1
        }
        if !encoded, !bytes.contains(where: { $0 >= 0x80 }) {
            return String(decoding: bytes.map(FieldBytes.lowercased), as: UTF8.self)
        }
        let domain = String(decoding: bytes, as: UTF8.self)
        guard encoded else { return domain.lowercased() }
        return domain.split(separator: ".", omittingEmptySubsequences: false).map { label in
            let lowered = label.lowercased()
            guard lowered.hasPrefix("xn--"), label.utf8.count <= 63, let decoded = Punycode.decode(label.dropFirst(4)),
                decoded.unicodeScalars.contains(where: { !$0.isASCII }),
                decoded.unicodeScalars.allSatisfy({
                    !$0.isASCII || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
                })
            else { return lowered }
            return decoded.lowercased()
        }.joined(separator: ".")
    }

    /// The local parts of no-reply mailboxes, lower case, without `.`, `-` and `_`.
    static let noReplyMailboxes: Set<String> = ["noreply", "donotreply", "dontreply", "donotrespond", "noresponse"]

    /// Whether `text` is a no-reply address (`noreply@`, `no-reply@`, `do_not_reply@`,
    /// `No.Reply+billing@`): its local part, lower case and without a `+` tag, is one of
    /// ``noReplyMailboxes`` written with or without `.`, `-` and `_`.
    ///
    /// A system's sending address reaches no customer and is shared by every account a platform or
    /// reseller opened: it identifies nobody.
    public static func isNoReply(_ text: String) -> Bool {
        FieldBytes.withBytes(of: text) { bytes in
            guard let (local, _) = parts(of: bytes) else { return false }
            var mailbox: [UInt8] = []
            for byte in bytes[local] {
                if byte == UInt8(ascii: "+") { break }
                if byte != UInt8(ascii: "."), byte != UInt8(ascii: "-"), byte != UInt8(ascii: "_") {
                    mailbox.append(FieldBytes.lowercased(byte))
                }
            }
            return noReplyMailboxes.contains(String(decoding: mailbox, as: UTF8.self))
        }
    }

    /// The byte range of the domain within `bytes` (trailing dot excluded), when the text is an address.
    private static func domainRange(of bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        parts(of: bytes)?.domain
    }

    /// The byte ranges of the local part and the domain (trailing dot excluded) within `bytes`, when
    /// the text is an address.
    private static func parts(of bytes: UnsafeRawBufferPointer) -> (local: Range<Int>, domain: Range<Int>)? {
        var start = 0
        var end = bytes.count
        while start < end, FieldBytes.isSpace(bytes[start]) { start += 1 }
        while end > start, FieldBytes.isSpace(bytes[end - 1]) { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: ">") {
            var open = end - 1
            while open > start, bytes[open - 1] != UInt8(ascii: "<") { open -= 1 }
            guard open > start else { return nil }
            start = open
            end -= 1
        }
        if end > start, bytes[start] == UInt8(ascii: "<") { return nil }
        if FieldBytes.hasLowercasePrefix(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), "mailto:") {
            start += 7
        }
        var at = end
        while at > start, bytes[at - 1] != UInt8(ascii: "@") { at -= 1 }
        guard at > start + 1 else { return nil }
        for index in start..<(at - 1) where FieldBytes.isSpace(bytes[index]) { return nil }
        if end > at, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end > at else { return nil }
        // Labels: non-empty, letters/digits/hyphens (or non-ASCII), not starting or ending with a hyphen.
        var labels = 0
        var labelStart = at
        var lastLabelAllLetters = true
        for index in at...end {
            if index == end || bytes[index] == UInt8(ascii: ".") {
                guard index > labelStart, bytes[labelStart] != UInt8(ascii: "-"), bytes[index - 1] != UInt8(ascii: "-")
                else { return nil }
                labels += 1
                if index == end {
                    let label = UnsafeRawBufferPointer(rebasing: bytes[labelStart..<end])
                    lastLabelAllLetters =
                        label.allSatisfy { FieldBytes.lowercased($0) &- 0x61 < 26 || $0 >= 0x80 }
                        || (label.count > 4 && FieldBytes.hasLowercasePrefix(label, "xn--"))
                }
                labelStart = index + 1
                continue
            }
            let byte = bytes[index]
            let lower = FieldBytes.lowercased(byte)
            guard lower &- 0x61 < 26 || FieldBytes.isDigit(byte) || byte == UInt8(ascii: "-") || byte >= 0x80 else {
                return nil
            }
        }
        guard labels >= 2, lastLabelAllLetters else { return nil }
        return (start..<(at - 1), at..<end)
    }
}
