extension ScreeningRule {
    /// The owners a beneficial owner's name holds when it is several joined by another separator than
    /// `;` (`Kim Jong Un, Nicolas Maduro Moros`, `Kim Jong Un | Hasan Nasrallah`) or carries its share or
    /// country in a form the owner list does not read (`Kim Jong Un (KP) 60%`); empty when the name is
    /// one owner as written. Each part is screened besides the whole, which a listed party's name rarely
    /// matches with other words around it.
    ///
    /// `|` and `;` always separate; `,` and `/` only when every part has two words or more, so that
    /// `KIM, Jong Un`, `MADURO MOROS, Nicolas` and `Maersk A/S` stay one name. A share (`60%`) and a
    /// country in brackets (`(KP)`, `[KP, 60%]`) at the end of a part are left out, the country kept as
    /// the part's; a single part keeps the owner's `countries` when it has none of its own.
    static func ownerParts(of name: String, countries: [String], resolver: ScreeningCountryResolver)
        -> [ScreeningQuery]
    {
        // Most names hold none of these: they cost one pass over their bytes.
        guard
            name.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ";")
                    || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: ")")
                    || $0 == UInt8(ascii: "]")
            })
        else { return [] }
        var pieces = name.split(whereSeparator: { $0 == "|" || $0 == ";" })
        for separator: Character in [",", "/"] {
            pieces = pieces.flatMap { piece in
                let parts = piece.split(separator: separator)
                let apart = parts.allSatisfy { wordCount(withoutShareAndCountry(String($0), resolver).name) >= 2 }
                return parts.count > 1 && apart ? parts : [piece]
            }
        }
        var parts: [ScreeningQuery] = []
        for piece in pieces {
            let (part, country) = withoutShareAndCountry(String(piece), resolver)
            guard wordCount(part) > 0 else { continue }
            parts.append(ScreeningQuery(name: part, countries: country.map { [$0] } ?? []))
        }
        if parts.count == 1 {
            guard parts[0].name != name else { return [] }
            if parts[0].countries.isEmpty { parts[0].countries = countries }
        }
        return parts
    }

    /// The part without a share and a country in brackets at its end (in either order), and that
    /// country's code.
    private static func withoutShareAndCountry(_ text: String, _ resolver: ScreeningCountryResolver) -> (
        name: String, country: String?
    ) {
        var name = Substring(text)
        var country: String?
        var changed = true
        while changed {
            changed = false
            name = name.trimmingSpaces
            if name.last == "%" {
                let number = name.dropLast().reversed().prefix { $0.isNumber || $0 == "." || $0 == " " }
                if number.contains(where: \.isNumber) {
                    name = name.dropLast(number.count + 1)
                    changed = true
                    continue
                }
            }
            guard country == nil, let close = name.last, close == ")" || close == "]",
                let open = name.lastIndex(of: close == ")" ? "(" : "[")
            else { continue }
            var inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
            if let comma = inside.lastIndex(of: ","), inside[inside.index(after: comma)...].trimmingSpaces.last == "%" {
                inside = inside[..<comma]
            }
            if let code = resolver.code(for: String(inside.trimmingSpaces)) {
                country = code
                name = name[..<open]
                changed = true
            }
        }
        return (String(name.trimmingSpaces), country)
    }

    /// The words of `text` that hold a letter.
    private static func wordCount(_ text: String) -> Int {
        text.split(separator: " ").count { $0.contains(where: \.isLetter) }
    }
}

extension Substring {
    /// The text without spaces at either end.
    var trimmingSpaces: Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
