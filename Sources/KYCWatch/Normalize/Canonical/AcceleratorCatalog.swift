/// The accelerator and instance-type catalogues, indexed for reading what metering rows carry.
///
/// Accelerator names match a model id or alias on letters and digits only, in any case, with or without
/// a leading vendor word (`H100 80GB HBM3`, `NVIDIA H100-SXM5-80GB`, `h100` and `nvidia-h100-80gb` are all
/// `H100-SXM5-80GB`). Instance types match their name in any case, Azure sizes with or without
/// `Standard_`, AWS types with or without SageMaker's `ml.`. Lookups take field bytes and allocate nothing.
public struct AcceleratorCatalog: Sendable {
    /// Every accelerator, in catalogue order.
    public let accelerators: [Accelerator]
    /// Every instance type, in catalogue order, each naming a model of ``accelerators``.
    public let instanceTypes: [InstanceType]
    /// The model of each of ``accelerators``, in catalogue order: the names a usage row's
    /// accelerator index stands for (``UsageFields/acceleratorIndex``).
    let modelNames: [String]
    /// Folded model ids and aliases to the accelerator's index.
    private var acceleratorKeys = ByteKeyTable()
    /// The length of the longest key in ``acceleratorKeys``: no run of words longer than it names a model.
    private var longestAcceleratorKey = 0
    /// Folded vendor names, longest first, which a name may start with.
    private var vendorKeys: [[UInt8]] = []
    /// Lower-case instance-type names (and Azure names without `standard_`) to the instance type's index.
    private var instanceKeys = ByteKeyTable()
    /// The figures of each instance type that usage rows take.
    private var instanceFigures: [InstanceFigures] = []

    /// Indexes the catalogues; fails when an alias names two models, an instance type is listed twice, or
    /// an instance type names an accelerator the catalogue lacks.
    public init(accelerators: [Accelerator], instanceTypes: [InstanceType]) throws(KYCWatchError) {
        try self.init(
            accelerators: accelerators, acceleratorLocations: accelerators.map { _ in nil },
            instanceTypes: instanceTypes, instanceLocations: instanceTypes.map { _ in nil })
    }

    /// Indexes the catalogues, naming the rows' locations (when known) in errors.
    init(
        accelerators: [Accelerator], acceleratorLocations: [SourceLocation?], instanceTypes: [InstanceType],
        instanceLocations: [SourceLocation?]
    ) throws(KYCWatchError) {
        self.accelerators = accelerators
        modelNames = accelerators.map(\.model)
        var vendors: Set<[UInt8]> = []
        for (index, accelerator) in accelerators.enumerated() {
            for name in [accelerator.model] + accelerator.aliases {
                let key = LookupKey.key(name)
                guard !key.isEmpty else {
                    throw KYCWatchError(
                        .referenceCatalogInvalid,
                        "accelerator \(accelerator.model): name '\(name)' has no letters or digits",
                        at: acceleratorLocations[index])
                }
                longestAcceleratorKey = max(longestAcceleratorKey, key.count)
                if let other = acceleratorKeys.insert(key, value: Int32(index)), Int(other) != index {
                    throw KYCWatchError(
                        .referenceCatalogInvalid,
                        "accelerator \(accelerator.model): '\(name)' also names \(accelerators[Int(other)].model)",
                        at: acceleratorLocations[index])
                }
            }
            let vendor = LookupKey.key(accelerator.vendor)
            if !vendor.isEmpty { vendors.insert(vendor) }
        }
        vendorKeys = vendors.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }

        var resolved: [InstanceType] = []
        for (index, instanceType) in instanceTypes.enumerated() {
            let location = instanceLocations[index]
            guard
                let acceleratorIndex = Self.index(
                    of: instanceType.acceleratorModel, keys: acceleratorKeys, vendors: vendorKeys)
            else {
                throw KYCWatchError(
                    .referenceCatalogInvalid,
                    "instance type \(instanceType.name): accelerator '\(instanceType.acceleratorModel)' is not in "
                        + "the accelerators catalogue",
                    at: location)
            }
            var canonical = instanceType
            canonical.acceleratorModel = accelerators[acceleratorIndex].model
            let name = Array(instanceType.name.utf8.map(FieldBytes.lowercased))
            guard !name.isEmpty, !name.contains(where: { FieldBytes.isSpace($0) || Self.isTextSeparator($0) }) else {
                throw KYCWatchError(
                    .referenceCatalogInvalid,
                    "instance type '\(instanceType.name)' is empty or has spaces or punctuation other than . - _",
                    at: location)
            }
            var names = [name]
            let azurePrefix = Array("standard_".utf8)
            if name.count > azurePrefix.count, name.starts(with: azurePrefix) {
                names.append(Array(name.dropFirst(azurePrefix.count)))
            }
            for key in names {
                if let other = instanceKeys.insert(key, value: Int32(index)), Int(other) != index {
                    throw KYCWatchError(
                        .referenceCatalogInvalid,
                        "instance type '\(instanceType.name)' is listed twice (also as '\(instanceTypes[Int(other)].name)')",
                        at: location)
                }
            }
            resolved.append(canonical)
            instanceFigures.append(
                InstanceFigures(
                    accelerator: acceleratorIndex, acceleratorCount: instanceType.acceleratorCount,
                    interconnectGbps: instanceType.interconnectGbps))
        }
        self.instanceTypes = resolved
    }

    /// The accelerator a model id or alias names; `nil` when the catalogue does not know it.
    public func accelerator(named name: String) -> Accelerator? {
        FieldBytes.withBytes(of: name) { accelerator(named: $0) }
    }

    /// The accelerator the field bytes name; `nil` when the catalogue does not know it.
    public func accelerator(named bytes: UnsafeRawBufferPointer) -> Accelerator? {
        acceleratorIndex(named: bytes).map { accelerators[$0] }
    }

    /// The index in ``accelerators`` of the accelerator the field bytes name.
    ///
    /// Metering rows mostly spell a model as its key already (`h100`): ASCII bytes found as they are
    /// are their own key, since a key's ASCII bytes are lower-case letters and digits, which folding
    /// keeps; only the rest are folded.
    @inline(__always)
    func acceleratorIndex(named bytes: UnsafeRawBufferPointer) -> Int? {
        if FieldText.isASCII(bytes), let index = acceleratorKeys.value(for: bytes) { return Int(index) }
        return LookupKey.withKey(of: bytes) { Self.index(ofKey: $0, keys: acceleratorKeys, vendors: vendorKeys) }
    }

    /// What instance type `index` (of ``instanceTypes``) gives a usage row that does not say.
    func figures(ofInstanceType index: Int) -> InstanceFigures {
        instanceFigures[index]
    }

    /// The accelerator an instance type of this catalogue carries.
    public func accelerator(for instanceType: InstanceType) -> Accelerator? {
        accelerator(named: instanceType.acceleratorModel)
    }

    /// The instance type with this name, in any case (`P5.48XLARGE`; `ND96isr_H100_v5` for
    /// `Standard_ND96isr_H100_v5`; spaces read as `_`; SageMaker's `ml.p5.48xlarge` for the AWS
    /// `p5.48xlarge` it runs on); `nil` when the catalogue does not know it.
    public func instanceType(named name: String) -> InstanceType? {
        FieldBytes.withBytes(of: name) { instanceType(named: $0) }
    }

    /// The instance type the field bytes name; `nil` when the catalogue does not know it.
    public func instanceType(named bytes: UnsafeRawBufferPointer) -> InstanceType? {
        instanceTypeIndex(named: bytes).map { instanceTypes[$0] }
    }

    /// The index in ``instanceTypes`` of the instance type the field bytes name.
    ///
    /// Bytes found as they are need no folding: a key is lower case with no spaces, so it is its own
    /// folded form. Most metering rows write the name that way (`p5.48xlarge`).
    func instanceTypeIndex(named bytes: UnsafeRawBufferPointer) -> Int? {
        if let index = instanceKeys.value(for: bytes) { return Int(index) }
        let field = FieldBytes.trimmed(bytes)
        guard !field.isEmpty else { return nil }
        return withUnsafeTemporaryAllocation(byteCount: field.count, alignment: 1) { buffer -> Int? in
            var length = 0
            var previousSpace = false
            for byte in field {
                if FieldBytes.isSpace(byte) {
                    if !previousSpace {
                        buffer[length] = UInt8(ascii: "_")
                        length += 1
                    }
                    previousSpace = true
                } else {
                    buffer[length] = FieldBytes.lowercased(byte)
                    length += 1
                    previousSpace = false
                }
            }
            let key = UnsafeRawBufferPointer(rebasing: buffer[0..<length])
            return instanceKeys.value(for: key).map { Int($0) } ?? sageMakerInstanceIndex(key)
        }
    }

    /// The index of the AWS instance type a SageMaker name runs on, from its key (lower case):
    /// SageMaker's `ml.p5.48xlarge` is the EC2 `p5.48xlarge` hardware, billed by SageMaker. Nil for
    /// a key without `ml.`, or whose rest is no AWS instance type of the catalogue.
    private func sageMakerInstanceIndex(_ key: UnsafeRawBufferPointer) -> Int? {
        guard key.count > 3, FieldBytes.hasLowercasePrefix(key, "ml."),
            let index = instanceKeys.value(for: UnsafeRawBufferPointer(rebasing: key[3...])).map({ Int($0) }),
            FieldBytes.withBytes(of: instanceTypes[index].provider, { FieldBytes.isWord($0, "aws") })
        else { return nil }
        return index
    }

    /// The first instance type named in free text such as a FOCUS `SkuId`, `ChargeDescription` or
    /// `ResourceType` (`$98.32 per On Demand Linux p5.48xlarge Instance Hour`, `USE1-BoxUsage:p5.48xlarge`,
    /// `ND96isr H100 v5`); `nil` when none is.
    ///
    /// The text is cut into words at spaces and punctuation other than `.`, `-` and `_`; each word, and
    /// each run of two or three words joined by `_` (Azure meter names write `ND96isr H100 v5`), is looked
    /// up, leftmost and longest first; a SageMaker name (`Train:ml.p5.48xlarge`) is the AWS type it runs on.
    public func instanceType(inText text: String) -> InstanceType? {
        FieldBytes.withBytes(of: text) { instanceType(inText: $0) }
    }

    /// ``instanceType(inText:)-(String)`` for field bytes.
    public func instanceType(inText bytes: UnsafeRawBufferPointer) -> InstanceType? {
        instanceTypeIndex(inText: bytes).map { instanceTypes[$0] }
    }

    /// The index in ``instanceTypes`` of the first instance type named in free text.
    func instanceTypeIndex(inText text: String) -> Int? {
        FieldBytes.withBytes(of: text) { instanceTypeIndex(inText: $0) }
    }

    /// ``instanceTypeIndex(inText:)-(String)`` for field bytes.
    func instanceTypeIndex(inText bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        guard count > 0 else { return nil }
        // One lower-cased copy of the text, and each word's start, end and whether it joins the next.
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { text -> Int? in
            for index in 0..<count { text[index] = FieldBytes.lowercased(bytes[index]) }
            let capacity = count / 2 + 1
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity * 3) { words -> Int? in
                var wordCount = 0
                var position = 0
                while position < count {
                    while position < count, Self.isWordBreak(text[position]) { position += 1 }
                    let rawStart = position
                    while position < count, !Self.isWordBreak(text[position]) { position += 1 }
                    let rawEnd = position
                    var start = rawStart
                    var end = rawEnd
                    while start < end, Self.isWordEdge(text[start]) { start += 1 }
                    while end > start, Self.isWordEdge(text[end - 1]) { end -= 1 }
                    guard start < end else { continue }
                    if wordCount > 0 {
                        let previous = (wordCount - 1) * 3
                        let previousEnd = words[previous + 1]
                        // Joinable: untrimmed at the joint and exactly one space between.
                        if words[previous + 2] == 1, start == rawStart, rawStart == previousEnd + 1,
                            text[previousEnd] == UInt8(ascii: " ")
                        {
                            text[previousEnd] = UInt8(ascii: "_")
                        } else {
                            words[previous + 2] = 0
                        }
                    }
                    words[wordCount * 3] = start
                    words[wordCount * 3 + 1] = end
                    words[wordCount * 3 + 2] = end == rawEnd ? 1 : 0
                    wordCount += 1
                }
                if wordCount > 0 { words[(wordCount - 1) * 3 + 2] = 0 }
                for first in 0..<wordCount {
                    var last = first
                    while last < first + 2, last + 1 < wordCount, words[last * 3 + 2] == 1 { last += 1 }
                    while last >= first {
                        let key = UnsafeRawBufferPointer(rebasing: text[words[first * 3]..<words[last * 3 + 1]])
                        if let index = instanceKeys.value(for: key) { return Int(index) }
                        if let index = sageMakerInstanceIndex(key) { return index }
                        last -= 1
                    }
                }
                return nil
            }
        }
    }

    /// Where in free text (a FOCUS `ChargeDescription`) the first word shaped like an instance type
    /// stands, catalogued or not; nil when none is. Read only for text that names no catalogued one: a
    /// line of `$1.14 per On Demand Linux g3.4xlarge Instance Hour` meters an instance the catalogue
    /// lacks, which may carry GPUs.
    ///
    /// Words are cut as ``instanceTypeIndex(inText:)-(UnsafeRawBufferPointer)`` cuts them. The shapes
    /// are AWS's `family.size` (`g3.4xlarge`, `db.t3.micro`, `p6e-gb300.72xlarge`, `x2iedn.metal`:
    /// a size word last, a part of letters and digits before it), Azure's `Standard_…` sizes and OCI's
    /// `BM.…` and `VM.…` shapes.
    static func instanceTypeWord(inText bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        let count = bytes.count
        var position = 0
        while position < count {
            while position < count, isWordBreak(bytes[position]) { position += 1 }
            var start = position
            while position < count, !isWordBreak(bytes[position]) { position += 1 }
            var end = position
            while start < end, isWordEdge(bytes[start]) { start += 1 }
            while end > start, isWordEdge(bytes[end - 1]) { end -= 1 }
            if start < end, isInstanceTypeShaped(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
                return start..<end
            }
        }
        return nil
    }

    /// Whether an instance type's name is shaped like one of a family of accelerator instances, so that
    /// its absence from the catalogue may hide accelerators: AWS's P, G, Trn, Inf and DL families
    /// (`p6e-gb300.72xlarge`, `g3.4xlarge`, `gr6.4xlarge`, with SageMaker's `ml.` before them), Azure's
    /// N series (`Standard_ND96isr_H200_v5`, and without `Standard_`: `ND96isr_H200_v5`, `NC80adis_H200_v6`),
    /// Google Cloud's G2 (`g2-standard-8`) and TPU machines (`ct6e-standard-4t`), and any name saying GPU
    /// or TPU (`BM.GPU.L40S.4`, `a3-highgpu-8g`, `ct5lp-hightpu-4t`).
    ///
    /// CPU families (`m7i.large`, `c7g.2xlarge`, `Standard_D4s_v5`, `n2-standard-8`) are not: most of an
    /// export's instances are CPU instances, and naming every one of them every night would bury the
    /// type that matters.
    static func isAcceleratorFamilyShaped(_ name: UnsafeRawBufferPointer) -> Bool {
        var name = FieldBytes.trimmed(name)
        if FieldBytes.hasLowercasePrefix(name, "ml.") { name = UnsafeRawBufferPointer(rebasing: name[3...]) }
        if FieldBytes.hasLowercasePrefix(name, "standard_n") { return true }
        // `gpu` or `tpu` anywhere: one test a byte, for the `u`, on the CPU rows that make most of an export.
        var index = 2
        while index < name.count {
            if name[index] | 0x20 == UInt8(ascii: "u"), name[index - 1] | 0x20 == UInt8(ascii: "p") {
                let first = name[index - 2] | 0x20
                if first == UInt8(ascii: "g") || first == UInt8(ascii: "t") { return true }
            }
            index += 1
        }
        var letters = 0
        while letters < name.count, FieldBytes.lowercased(name[letters]) &- 0x61 < 26 { letters += 1 }
        guard letters < name.count, FieldBytes.isDigit(name[letters]) else { return false }
        let family = UnsafeRawBufferPointer(rebasing: name[..<letters])
        for prefix: StaticString in ["p", "g", "gr", "trn", "inf", "dl", "nc", "nd", "ng", "np", "nv", "ct"]
        where FieldBytes.isWord(family, prefix) {
            return true
        }
        return false
    }

    /// Whether `word` (trimmed of edge punctuation) is shaped like an instance type
    /// (``instanceTypeWord(inText:)``).
    private static func isInstanceTypeShaped(_ word: UnsafeRawBufferPointer) -> Bool {
        guard word.count >= 4, word.count <= 64 else { return false }
        if FieldBytes.hasLowercasePrefix(word, "standard_") {
            return word.count > 9 && word.contains(where: FieldBytes.isDigit)
        }
        if FieldBytes.hasLowercasePrefix(word, "bm.") || FieldBytes.hasLowercasePrefix(word, "vm.") {
            return word.count > 3 && word[3...].contains(UInt8(ascii: "."))
        }
        guard let lastDot = word.lastIndex(of: UInt8(ascii: ".")), lastDot > 0 else { return false }
        let size = UnsafeRawBufferPointer(rebasing: word[(lastDot + 1)...])
        guard isInstanceSize(size) else { return false }
        var familyStart = lastDot
        while familyStart > 0, word[familyStart - 1] != UInt8(ascii: ".") { familyStart -= 1 }
        let family = word[familyStart..<lastDot]
        guard let first = family.first, FieldBytes.lowercased(first) &- 0x61 < 26 else { return false }
        return family.contains(where: FieldBytes.isDigit)
    }

    /// Whether `size` is an instance size word: `nano`, `micro`, `small`, `medium`, `large`,
    /// `xlarge`, `48xlarge`, `metal` or `metal-48xl`, in any case.
    private static func isInstanceSize(_ size: UnsafeRawBufferPointer) -> Bool {
        var digits = 0
        while digits < size.count, FieldBytes.isDigit(size[digits]) { digits += 1 }
        let word = UnsafeRawBufferPointer(rebasing: size[digits...])
        if digits > 0 { return FieldBytes.isWord(word, "xlarge") }
        for name: StaticString in ["nano", "micro", "small", "medium", "large", "xlarge", "metal"]
        where FieldBytes.isWord(word, name) {
            return true
        }
        return FieldBytes.hasLowercasePrefix(word, "metal-") && word.count > 6
    }

    /// The first accelerator model named in free text such as a FOCUS `ChargeDescription` (`Nvidia H100
    /// 80GB GPU running in Americas`, `Nvidia Tesla A100 GPU running in Americas`); `nil` when none is.
    ///
    /// The text is cut into words of ASCII letters and digits; each run of words, read as one name (a
    /// model id or alias on letters and digits, as ``accelerator(named:)-(String)`` reads it), is looked up,
    /// leftmost and longest first: `Nvidia H100 80GB` is `nvidia-h100-80gb`, so `H100-SXM5-80GB`.
    public func accelerator(inText text: String) -> Accelerator? {
        FieldBytes.withBytes(of: text) { acceleratorIndex(inText: $0) }.map { accelerators[$0] }
    }

    /// The index in ``accelerators`` of the first accelerator model named in free text
    /// (``accelerator(inText:)``), read from field bytes without a copy on the heap.
    func acceleratorIndex(inText bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        guard count > 0, longestAcceleratorKey > 0 else { return nil }
        // The text's words lower-cased back to back, and where each word ends in them: any run of words
        // is then one slice, its key.
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { letters -> Int? in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: count / 2 + 1) { ends -> Int? in
                var length = 0
                var words = 0
                var inWord = false
                for byte in bytes {
                    if Self.isLetterOrDigit(byte) {
                        letters[length] = FieldBytes.lowercased(byte)
                        length += 1
                        inWord = true
                    } else if inWord {
                        ends[words] = length
                        words += 1
                        inWord = false
                    }
                }
                if inWord {
                    ends[words] = length
                    words += 1
                }
                for first in 0..<words {
                    let start = first == 0 ? 0 : ends[first - 1]
                    var last = first
                    while last + 1 < words, ends[last + 1] - start <= longestAcceleratorKey { last += 1 }
                    while last >= first {
                        let key = UnsafeRawBufferPointer(rebasing: letters[start..<ends[last]])
                        if let index = acceleratorKeys.value(for: key) { return Int(index) }
                        last -= 1
                    }
                }
                return nil
            }
        }
    }

    /// Whether free text says `GPU` (or `GPUs`), as a word in any case: a line that does, naming no
    /// catalogued instance type or model, meters GPUs kycwatch cannot count.
    static func mentionsGPU(inText bytes: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        let count = bytes.count
        while start < count {
            while start < count, !isLetterOrDigit(bytes[start]) { start += 1 }
            var end = start
            while end < count, isLetterOrDigit(bytes[end]) { end += 1 }
            let word = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            if (word.count == 3 || word.count == 4), FieldBytes.hasLowercasePrefix(word, "gpu"),
                word.count == 3 || FieldBytes.lowercased(word[3]) == UInt8(ascii: "s")
            {
                return true
            }
            start = end
        }
        return false
    }

    /// Whether `byte` is an ASCII letter or digit.
    @inline(__always)
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        FieldBytes.lowercased(byte) &- 0x61 < 26 || FieldBytes.isDigit(byte)
    }

    /// The index of the accelerator a name means: the name's key, or the key without a leading vendor.
    private static func index(of name: String, keys: ByteKeyTable, vendors: [[UInt8]]) -> Int? {
        FieldBytes.withBytes(of: name) { bytes in
            LookupKey.withKey(of: bytes) { index(ofKey: $0, keys: keys, vendors: vendors) }
        }
    }

    @inline(__always)
    private static func index(ofKey key: UnsafeRawBufferPointer, keys: ByteKeyTable, vendors: [[UInt8]]) -> Int? {
        guard !key.isEmpty else { return nil }
        if let index = keys.value(for: key) { return Int(index) }
        for vendor in vendors where key.count > vendor.count {
            let matches = vendor.withUnsafeBytes {
                FieldBytes.equal(UnsafeRawBufferPointer(rebasing: key[0..<$0.count]), $0)
            }
            if matches, let index = keys.value(for: UnsafeRawBufferPointer(rebasing: key[vendor.count...])) {
                return Int(index)
            }
        }
        return nil
    }

    /// Bytes that end a word in free text: spaces and punctuation that never occurs in an instance-type
    /// name.
    @inline(__always)
    private static func isWordBreak(_ byte: UInt8) -> Bool {
        FieldBytes.isSpace(byte) || isTextSeparator(byte)
    }

    /// Punctuation that never occurs in an instance-type name.
    @inline(__always)
    private static func isTextSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""),
            UInt8(ascii: "'"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "="),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "*"),
            UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "+"),
            UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: "^"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    /// Punctuation that may end a sentence or wrap a word but never starts or ends an instance-type name.
    @inline(__always)
    private static func isWordEdge(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
