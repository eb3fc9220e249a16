/// A usage row that passed every check, with its text still in the batch's bytes: what
/// ``UsageNormalizer`` produces before anything is copied.
///
/// ``UsageRowBatch`` keeps it as spans of the batch's bytes until the rows are checked and taken.
struct UsageFields {
    var recordID: FieldText
    var accountID: FieldText
    var resourceID: FieldText
    var jobID: FieldText?
    var clusterID: FieldText?
    var region: FieldText?
    var zone: FieldText?
    var instanceType: FieldText?
    /// The accelerator model, as its place among the model names of the batch the row goes to (the
    /// normalizer's are the catalogue's ``AcceleratorCatalog/modelNames``), when the resource has
    /// accelerators: a number, so that no name is retained or copied per row.
    var acceleratorIndex: Int?
    var acceleratorCount: Double
    var start: Int64
    var end: Int64
    var utilization: Double?
    var interconnectGbps: Double?
    var egressBytes: Double?
    var storageWriteBytes: Double?
    var line: Int
    /// The accelerators by model of a row that holds several (a Slurm job whose AllocTRES names two
    /// GPU models), the first of them in ``acceleratorIndex`` and ``acceleratorCount``; nil for a
    /// row of one model or none. ``UsageRowBatch/splitByModel()`` makes a record of each.
    var acceleratorShares: [UsageRowBatch.ModelShare]? = nil
    /// Whether the row's instance type is not in the catalogue and the row says nothing else of its
    /// accelerators: it is taken as holding none, and counted as flagged
    /// (``UsageDeliveryCheck/uncataloguedInstanceTypeFlag``), in case it is a GPU instance the catalogue
    /// lacks.
    var uncataloguedInstanceType = false
    /// Whether the row's model or count contradicts its catalogued instance type (a `p5.48xlarge`, 8
    /// H100, written with A100, or with 16): the row's own figures are counted, as the export is the
    /// provider's record, and the row is flagged (``UsageDeliveryCheck/instanceTypeConflictFlag``) so
    /// a reviewer sees figures that may be wrong.
    var instanceTypeConflict = false
}
