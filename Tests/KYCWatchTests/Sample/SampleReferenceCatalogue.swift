import Foundation

@testable import KYCWatch

/// The reference catalogues of `Pipelines/reference/`, read as kycwatch ships them.
struct SampleReferenceCatalogue {
    /// `instance_type` → (accelerator model, count, interconnect text).
    var instanceTypes: [String: (model: String, count: String, interconnect: String)] = [:]
    /// Normalized alias or model id → model id.
    var acceleratorAliases: [String: String] = [:]
    /// Model id → BF16 dense TFLOP/s (text as written).
    var bf16: [String: String] = [:]
    /// Country alpha-2 → its row.
    var countries: [String: [String: String]] = [:]

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    init() throws {
        let folder = Self.repositoryRoot + "/Pipelines/reference/"
        let types = try SampleWorldReading.table(folder + "instance_types.csv")
        for row in types.rows {
            instanceTypes[row[types.column("instance_type")]] = (
                row[types.column("accelerator_model")], row[types.column("accelerator_count")],
                row[types.column("interconnect_gbps")]
            )
        }
        let accelerators = try SampleWorldReading.table(folder + "accelerators.csv")
        for row in accelerators.rows {
            let model = row[accelerators.column("model")]
            bf16[model] = row[accelerators.column("bf16_dense_tflops")]
            acceleratorAliases[Self.normalized(model)] = model
            for alias in row[accelerators.column("aliases")].split(separator: "|") {
                acceleratorAliases[Self.normalized(String(alias))] = model
            }
        }
        let countryTable = try SampleWorldReading.table(folder + "countries.csv")
        for row in countryTable.rows {
            countries[row[0]] = Dictionary(uniqueKeysWithValues: zip(countryTable.header, row))
        }
    }

    /// Letters and digits only, lowercased: how the catalogue matches names.
    static func normalized(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The accelerator model a usage row runs on, and how many per resource.
    func accelerators(instanceType: String, model: String, count: String) -> (model: String, count: Double)? {
        let catalogued = instanceTypes[instanceType]
        let resolved = model.isEmpty ? catalogued?.model : acceleratorAliases[Self.normalized(model)]
        guard let resolved, let number = Double(count.isEmpty ? catalogued?.count ?? "" : count) else { return nil }
        return (resolved, number)
    }
}
