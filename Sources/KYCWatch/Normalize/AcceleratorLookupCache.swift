/// The catalogue's answer for each spelling of an instance type or accelerator model met so far,
/// and for each free text searched for one (a FOCUS `ChargeDescription`), by its exact bytes.
///
/// A metering export repeats a few dozen spellings millions of times (`m6i.xlarge`, `H100`), and
/// most instance types on a bill carry no accelerator at all: folding each spelling again and
/// missing was most of what reading a row's accelerators cost. Misses are remembered too. At most
/// ``limit`` spellings are kept, so an export of garbage names cannot grow it without bound.
struct AcceleratorLookupCache {
    /// Spellings kept per kind; later new ones are looked up in the catalogue each time.
    static let limit = 4_096

    /// Instance-type spellings to their index in the catalogue, -1 for none.
    private var instanceTypes = ByteKeyTable()
    /// Accelerator spellings to their index in the catalogue, -1 for none.
    private var accelerators = ByteKeyTable()
    /// Free texts to what they name of an instance type (``InstanceInText``, as ``code(of:)`` writes it).
    private var instanceTexts = ByteKeyTable()
    /// Free texts to the model they name; -1 for none, -2 for none in a text that says GPU.
    private var acceleratorTexts = ByteKeyTable()
    /// Free texts to whether they describe a charge beside an instance's own hours, 1 or -1.
    private var besideTexts = ByteKeyTable()

    /// ``AcceleratorCatalog/instanceTypeIndex(named:)`` of `catalog`, remembered by spelling.
    @inline(__always)
    mutating func instanceTypeIndex(named bytes: UnsafeRawBufferPointer, in catalog: AcceleratorCatalog) -> Int? {
        Self.remembered(bytes, in: &instanceTypes) { catalog.instanceTypeIndex(named: $0) }
    }

    /// ``AcceleratorCatalog/acceleratorIndex(named:)`` of `catalog`, remembered by spelling.
    @inline(__always)
    mutating func acceleratorIndex(named bytes: UnsafeRawBufferPointer, in catalog: AcceleratorCatalog) -> Int? {
        Self.remembered(bytes, in: &accelerators) { catalog.acceleratorIndex(named: $0) }
    }

    /// `describesChargeBeside(bytes)`, remembered by text: a FOCUS `ChargeDescription` of a GPU line
    /// is read for it on every such line.
    mutating func isChargeBesideInstance(
        inText bytes: UnsafeRawBufferPointer, _ describesChargeBeside: (UnsafeRawBufferPointer) -> Bool
    ) -> Bool {
        Self.remembered(bytes, in: &besideTexts) { describesChargeBeside($0) ? 1 : nil } != nil
    }

    /// What free text names of an instance type.
    enum InstanceInText: Equatable {
        /// An instance type of the catalogue, by its index.
        case catalogued(Int)
        /// No instance type of the catalogue, but a word shaped like one, where it stands in the text
        /// (``AcceleratorCatalog/instanceTypeWord(inText:)``).
        case uncatalogued(Range<Int>)
        case none
    }

    /// ``AcceleratorCatalog/instanceTypeIndex(inText:)-(UnsafeRawBufferPointer)`` of `catalog`, else the
    /// word shaped like an instance type that the text holds, remembered by text: the word is looked
    /// for once per text, not once per row.
    mutating func instanceType(inText bytes: UnsafeRawBufferPointer, in catalog: AcceleratorCatalog) -> InstanceInText {
        if let known = instanceTexts.value(for: bytes) {
            if known >= 0 { return .catalogued(Int(known)) }
            if known == -1 { return .none }
            let place = Int(-2 - known)
            return .uncatalogued((place >> 8)..<((place >> 8) + (place & 0xFF)))
        }
        let found: InstanceInText =
            if let index = catalog.instanceTypeIndex(inText: bytes) {
                .catalogued(index)
            } else if let word = AcceleratorCatalog.instanceTypeWord(inText: bytes) {
                .uncatalogued(word)
            } else {
                .none
            }
        if instanceTexts.count < Self.limit, let code = Self.code(of: found) {
            instanceTexts.insert(bytes, value: code)
        }
        return found
    }

    /// `found` as the table keeps it: a catalogued index as itself, none as -1, a word as -2 less its
    /// start times 256 and its length (a word is at most 64 bytes); nil for a word too far into its
    /// text to be written so, which is looked for again each time.
    private static func code(of found: InstanceInText) -> Int32? {
        switch found {
        case .catalogued(let index): Int32(index)
        case .none: -1
        case .uncatalogued(let word): word.lowerBound < 1 << 22 ? -2 - Int32(word.lowerBound << 8 | word.count) : nil
        }
    }

    /// The model free text names (``AcceleratorCatalog/acceleratorIndex(inText:)``) and whether it says
    /// GPU (``AcceleratorCatalog/mentionsGPU(inText:)``), remembered by text: a model's index times two,
    /// plus one when the text says GPU; -2 for no model in a text that says GPU, -1 for neither.
    mutating func accelerator(inText bytes: UnsafeRawBufferPointer, in catalog: AcceleratorCatalog) -> (
        index: Int?, saysGPU: Bool
    ) {
        if let known = acceleratorTexts.value(for: bytes) {
            return known >= 0 ? (Int(known >> 1), known & 1 == 1) : (nil, known == -2)
        }
        let index = catalog.acceleratorIndex(inText: bytes)
        let saysGPU = AcceleratorCatalog.mentionsGPU(inText: bytes)
        if acceleratorTexts.count < Self.limit {
            acceleratorTexts.insert(
                bytes, value: index.map { Int32($0) << 1 | (saysGPU ? 1 : 0) } ?? (saysGPU ? -2 : -1))
        }
        return (index, saysGPU)
    }

    @inline(__always)
    private static func remembered(
        _ bytes: UnsafeRawBufferPointer, in table: inout ByteKeyTable, lookUp: (UnsafeRawBufferPointer) -> Int?
    ) -> Int? {
        if let known = table.value(for: bytes) { return known < 0 ? nil : Int(known) }
        let found = lookUp(bytes)
        if table.count < limit { table.insert(bytes, value: Int32(found ?? -1)) }
        return found
    }
}
