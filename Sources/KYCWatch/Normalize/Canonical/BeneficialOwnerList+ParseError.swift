extension BeneficialOwnerList {
    /// Why a beneficial-owner list cannot be read, and which part of it.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong with the part.
        public enum Kind: String, Sendable, Hashable {
            /// The country after the `:` is not in the countries catalogue.
            case unknownCountry = "unknown-country"
            /// The name holds a `:` too (`Li Wei:CN|Bob Smith:US`): owners joined by another separator
            /// than `;`, which would read as one owner of the last country.
            case colonInName = "colon-in-name"
        }

        /// What is wrong.
        public var kind: Kind
        /// The offending part as written (`Li Wei:Atlantis`).
        public var part: String
        /// The part's 1-based position among the non-empty parts.
        public var position: Int

        /// Creates an error.
        public init(kind: Kind, part: String, position: Int) {
            self.kind = kind
            self.part = part
            self.position = position
        }

        /// A sentence a reviewer can act on, naming the part.
        public var description: String { message }

        /// A sentence a reviewer can act on, naming the part.
        public var message: String {
            switch kind {
            case .unknownCountry:
                return "beneficial owner \(position) '\(part)': the country is not in the countries catalogue"
            case .colonInName:
                return "beneficial owner \(position) '\(part)': more than one ':' in one owner; are several owners "
                    + "joined by another separator? Separate them with ';' (Name:Country;Name:Country)"
            }
        }
    }
}
