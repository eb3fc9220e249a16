extension AcceleratorCatalog {
    /// The columns an accelerators catalogue must have (`source` is optional).
    static let acceleratorColumns = [
        "model", "vendor", "aliases", "bf16_dense_tflops", "fp8_dense_tflops", "fp16_dense_tflops",
        "tf32_dense_tflops", "memory_gb",
    ]
    /// The columns an instance-types catalogue must have (`source` is optional).
    static let instanceTypeColumns = [
        "instance_type", "provider", "accelerator_model", "accelerator_count", "interconnect_gbps",
    ]

    /// Reads the accelerators and instance-types catalogues in the `Pipelines/reference/` layouts; errors
    /// name the file and line of a row that cannot be used (a figure that is not a number, an alias of two
    /// models, an instance type whose accelerator is not in the accelerators catalogue).
    public static func load(acceleratorsPath: String, instanceTypesPath: String) throws(KYCWatchError)
        -> AcceleratorCatalog
    {
        let acceleratorTable = try ReferenceTable.read(
            path: acceleratorsPath, describing: "accelerators catalogue", required: acceleratorColumns)
        let instanceTable = try ReferenceTable.read(
            path: instanceTypesPath, describing: "instance-types catalogue", required: instanceTypeColumns)

        var accelerators: [Accelerator] = []
        let columns = acceleratorColumns.map(acceleratorTable.column)
        let sourceColumn = acceleratorTable.optionalColumn("source")
        for row in acceleratorTable.rows {
            let reader = acceleratorTable.cells(of: row)
            let model = try reader.required(columns[0], named: "model")
            let aliases = reader.list(columns[2])
            accelerators.append(
                Accelerator(
                    model: model, vendor: try reader.required(columns[1], named: "vendor"), aliases: aliases,
                    bf16DenseTFLOPS: try reader.number(columns[3], named: "bf16_dense_tflops"),
                    fp8DenseTFLOPS: try reader.number(columns[4], named: "fp8_dense_tflops"),
                    fp16DenseTFLOPS: try reader.number(columns[5], named: "fp16_dense_tflops"),
                    tf32DenseTFLOPS: try reader.number(columns[6], named: "tf32_dense_tflops"),
                    memoryGB: try reader.number(columns[7], named: "memory_gb"),
                    source: sourceColumn.map(reader.text) ?? ""))
        }

        var instanceTypes: [InstanceType] = []
        let instanceColumns = instanceTypeColumns.map(instanceTable.column)
        let instanceSourceColumn = instanceTable.optionalColumn("source")
        for row in instanceTable.rows {
            let reader = instanceTable.cells(of: row)
            let count = try reader.number(instanceColumns[3], named: "accelerator_count")
            guard let count, count > 0 else {
                throw KYCWatchError(
                    .referenceCatalogInvalid, "accelerator_count must be a number above 0",
                    at: reader.place(instanceColumns[3]))
            }
            instanceTypes.append(
                InstanceType(
                    name: try reader.required(instanceColumns[0], named: "instance_type"),
                    provider: try reader.required(instanceColumns[1], named: "provider"),
                    acceleratorModel: try reader.required(instanceColumns[2], named: "accelerator_model"),
                    acceleratorCount: count,
                    interconnectGbps: try reader.number(instanceColumns[4], named: "interconnect_gbps"),
                    source: instanceSourceColumn.map(reader.text) ?? ""))
        }
        return try AcceleratorCatalog(
            accelerators: accelerators, acceleratorLocations: acceleratorTable.rows.map(acceleratorTable.location),
            instanceTypes: instanceTypes, instanceLocations: instanceTable.rows.map(instanceTable.location))
    }
}
