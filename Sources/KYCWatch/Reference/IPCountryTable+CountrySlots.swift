extension IPCountryTable {
    /// Numbers the alpha-2 codes of a table as they are first seen, so each range stores two bytes.
    struct CountrySlots {
        /// Codes by slot.
        private(set) var codes: [String] = []
        /// Slot by code.
        private var slots: [String: UInt16] = [:]

        /// The slot of `code`, adding it when new.
        mutating func slot(for code: String) -> UInt16 {
            if let slot = slots[code] { return slot }
            let slot = UInt16(codes.count)
            codes.append(code)
            slots[code] = slot
            return slot
        }
    }
}
