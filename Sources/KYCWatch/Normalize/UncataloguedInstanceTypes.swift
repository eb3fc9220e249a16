/// Rows of one input taken as holding no accelerators because their instance type is not in the
/// catalogue, counted by the instance type's name as written (``UsageFields/uncataloguedInstanceType``).
///
/// Most such types are CPU instances, but a GPU instance the catalogue has yet to list would read the
/// same, its training lost unseen: the names, most rows first, tell which to add to `instance_types.csv`.
/// A name is copied once, when first met; a row of a name met before costs a lookup of its bytes.
struct UncataloguedInstanceTypes: Equatable, Sendable {
    /// Names kept; rows of further names are counted in ``rows`` alone.
    static let limit = 1_024

    /// Rows counted, whatever their names.
    private(set) var rows = 0
    /// Each name's place in ``names`` and ``counts``, by its bytes.
    private var places = ByteKeyTable()
    /// The names in the order met.
    private var names: [String] = []
    /// Rows of each name.
    private var counts: [Int] = []

    /// Creates a count of no rows.
    init() {}

    /// Counts a row of the instance type `name`.
    mutating func count(_ name: UnsafeRawBufferPointer) {
        rows += 1
        if let place = places.value(for: name) {
            counts[Int(place)] += 1
        } else if names.count < Self.limit {
            places.insert(name, value: Int32(names.count))
            names.append(FieldBytes.string(name))
            counts.append(1)
        }
    }

    /// The names with their rows, most rows first (then by name).
    var byRows: [StageManifest.InstanceTypeRows] {
        zip(names, counts).map { StageManifest.InstanceTypeRows(instanceType: $0, rows: $1) }
            .sorted { ($1.rows, $0.instanceType) < ($0.rows, $1.instanceType) }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.rows == rhs.rows && lhs.names == rhs.names && lhs.counts == rhs.counts
    }
}
