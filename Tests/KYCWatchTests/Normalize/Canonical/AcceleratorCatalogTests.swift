import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Accelerator catalogue")
    struct AcceleratorCatalogTests {
        @Test(
            "reads the ways metering writes an accelerator",
            arguments: [
                ("H100 80GB HBM3", "H100-SXM5-80GB"), ("NVIDIA H100-SXM5-80GB", "H100-SXM5-80GB"),
                ("h100", "H100-SXM5-80GB"),
                ("nvidia-h100-80gb", "H100-SXM5-80GB"), ("H100_SXM5_80GB", "H100-SXM5-80GB"),
                ("  NVIDIA  H100  ", "H100-SXM5-80GB"), ("nvidia-h100-mega-80gb", "H100-SXM5-80GB"),
                ("NVIDIA H100 PCIe", "H100-PCIE-80GB"), ("H100 NVL", "H100-NVL-94GB"),
                ("NVIDIA Tesla V100", "V100-SXM2-16GB"),
                ("nvidia-tesla-v100", "V100-SXM2-16GB"), ("a100", "A100-SXM4-40GB"),
                ("nvidia-a100-80gb", "A100-SXM4-80GB"),
                ("NVIDIA A100-SXM4-80GB", "A100-SXM4-80GB"), ("nvidia-tesla-a100", "A100-SXM4-40GB"),
                ("Tesla T4", "T4"),
                ("nvidia-tesla-t4", "T4"), ("AMD Instinct MI300X", "MI300X"), ("mi300x", "MI300X"),
                ("AMD MI300X", "MI300X"),
                ("Google TPU v5p", "TPU-v5p"), ("tpu-v5-lite-podslice", "TPU-v5e"), ("TPU v6e", "TPU-v6e"),
                ("Trainium2", "Trainium2"), ("AWS Trainium", "Trainium1"), ("Intel Gaudi 3", "Gaudi3"),
                ("Habana Gaudi2", "Gaudi2"), ("NVIDIA L40S", "L40S"), ("nvidia-l4", "L4"), ("NVIDIA A10G", "A10G"),
                ("nvidia-h200-141gb", "H200-SXM-141GB"), ("nvidia-b200", "B200"), ("GB200 NVL72", "GB200"),
                ("H100-SXM5-80GB", "H100-SXM5-80GB"), ("MI325X", "MI325X"), ("Ironwood", "TPU-v7"),
            ])
        func names(written: String, model: String) throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            #expect(catalog.accelerator(named: written)?.model == model)
            #expect(CanonicalFixtures.withEmbeddedBytes(written) { catalog.accelerator(named: $0)?.model } == model)
        }

        @Test(
            "does not guess an accelerator",
            arguments: ["", "  ", "NULL", "nvidia", "H300", "RTX 4090", "A1000", "GPU", "amd", "tpu", "h100 h100"])
        func unknownNames(written: String) throws {
            #expect(try CanonicalFixtures.accelerators.get().accelerator(named: written) == nil)
        }

        @Test("every model id and alias resolves to its own row")
        func everyAlias() throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            #expect(catalog.accelerators.count == 46)
            for accelerator in catalog.accelerators {
                for written in [accelerator.model] + accelerator.aliases {
                    #expect(catalog.accelerator(named: written) == accelerator, "\(written)")
                    #expect(catalog.accelerator(named: written.uppercased()) == accelerator, "\(written)")
                    #expect(catalog.accelerator(named: "\(accelerator.vendor) \(written)") == accelerator, "\(written)")
                }
            }
        }

        @Test("carries peak dense throughput per precision")
        func throughput() throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            let h100 = try #require(catalog.accelerator(named: "h100"))
            #expect(h100.vendor == "NVIDIA")
            #expect(h100.bf16DenseTFLOPS == 989.5 && h100.fp8DenseTFLOPS == 1979)
            #expect(h100.fp16DenseTFLOPS == 989.5 && h100.tf32DenseTFLOPS == 494.5 && h100.memoryGB == 80)
            #expect(h100.peakDenseTFLOPS(.bf16) == 989.5 && h100.peakDenseTFLOPS(.fp8) == 1979)
            #expect(h100.source.contains("nvidia.com"))
            let a10g = try #require(catalog.accelerator(named: "A10G"))
            #expect(Accelerator.Precision.allCases.allSatisfy { a10g.peakDenseTFLOPS($0) == nil })
            #expect(catalog.accelerator(named: "V100")?.bf16DenseTFLOPS == nil)
            #expect(catalog.accelerator(named: "V100")?.fp16DenseTFLOPS == 125)
            #expect(catalog.accelerator(named: "A100")?.fp8DenseTFLOPS == nil)
        }

        @Test(
            "reads instance-type names",
            arguments: [
                ("p5.48xlarge", "p5.48xlarge", "H100-SXM5-80GB", 8.0, 3200.0 as Double?),
                ("P5.48XLARGE", "p5.48xlarge", "H100-SXM5-80GB", 8, 3200),
                ("Standard_ND96isr_H100_v5", "Standard_ND96isr_H100_v5", "H100-SXM5-80GB", 8, 3200),
                ("ND96isr_H100_v5", "Standard_ND96isr_H100_v5", "H100-SXM5-80GB", 8, 3200),
                ("nd96isr_h100_v5", "Standard_ND96isr_H100_v5", "H100-SXM5-80GB", 8, 3200),
                ("ND96isr H100 v5", "Standard_ND96isr_H100_v5", "H100-SXM5-80GB", 8, 3200),
                ("Standard ND96isr H100 v5", "Standard_ND96isr_H100_v5", "H100-SXM5-80GB", 8, 3200),
                ("a3-highgpu-8g", "a3-highgpu-8g", "H100-SXM5-80GB", 8, 1000),
                ("Standard_NV6ads_A10_v5", "Standard_NV6ads_A10_v5", "A10", 0.1667, 5),
                ("gpu_8x_h100_sxm5", "gpu_8x_h100_sxm5", "H100-SXM5-80GB", 8, nil),
                ("BM.GPU.H100.8", "BM.GPU.H100.8", "H100-SXM5-80GB", 8, 3200),
                (" p5.4xlarge ", "p5.4xlarge", "H100-SXM5-80GB", 1, nil),
                ("trn2.48xlarge", "trn2.48xlarge", "Trainium2", 16, 3200),
                ("ct5p-hightpu-4t", "ct5p-hightpu-4t", "TPU-v5p", 4, nil),
            ])
        func instanceTypes(written: String, name: String, model: String, count: Double, gbps: Double?) throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            let found = try #require(catalog.instanceType(named: written))
            #expect(found.name == name && found.acceleratorModel == model)
            #expect(found.acceleratorCount == count && found.interconnectGbps == gbps)
            #expect(catalog.accelerator(for: found)?.model == model)
            #expect(CanonicalFixtures.withEmbeddedBytes(written) { catalog.instanceType(named: $0) } == found)
        }

        @Test(
            "reads a SageMaker instance as the AWS instance type it runs on",
            arguments: [
                ("ml.p5.48xlarge", "p5.48xlarge"), ("ML.P4D.24XLARGE", "p4d.24xlarge"),
                (" ml.trn1.32xlarge ", "trn1.32xlarge"), ("ml.g5.48xlarge", "g5.48xlarge"),
            ])
        func sageMakerInstanceTypes(written: String, name: String) throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            let ec2 = try #require(catalog.instanceType(named: name))
            #expect(catalog.instanceType(named: written) == ec2)
            #expect(CanonicalFixtures.withEmbeddedBytes(written) { catalog.instanceType(named: $0) } == ec2)
            #expect(catalog.instanceType(inText: "$37.69 per Hour for Train:\(written) in US East") == ec2)
            #expect(catalog.instanceType(inText: "USE1-Train:\(written)") == ec2)
        }

        @Test(
            "reads ml. only before an AWS instance type of the catalogue",
            arguments: [
                "ml.", "ml.m5.large", "ml.ct5p-hightpu-4t", "ml.a3-highgpu-8g", "ml.ml.p5.48xlarge", "mlp5.48xlarge",
            ])
        func notSageMakerInstanceTypes(written: String) throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            #expect(catalog.instanceType(named: written) == nil)
            #expect(catalog.instanceType(inText: "usage of \(written)") == nil)
        }

        @Test(
            "does not guess an instance type",
            arguments: ["", "m5.large", "p5", "c6a.4xlarge", "p5.48xlarge.", "Standard_", "standard", "48xlarge"])
        func unknownInstanceTypes(written: String) throws {
            #expect(try CanonicalFixtures.accelerators.get().instanceType(named: written) == nil)
        }

        @Test("every instance type resolves by its name in any case and names a catalogue accelerator")
        func everyInstanceType() throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            #expect(catalog.instanceTypes.count == 150)
            for instanceType in catalog.instanceTypes {
                #expect(catalog.instanceType(named: instanceType.name) == instanceType)
                #expect(catalog.instanceType(named: instanceType.name.uppercased()) == instanceType)
                #expect(catalog.instanceType(inText: "usage of \(instanceType.name) (hourly)") == instanceType)
                #expect(catalog.accelerator(for: instanceType) != nil)
                #expect(instanceType.acceleratorCount > 0)
            }
        }

        @Test(
            "finds an instance type named in free text",
            arguments: [
                ("$98.32 per On Demand Linux p5.48xlarge Instance Hour", "p5.48xlarge"),
                ("USE1-BoxUsage:p5.48xlarge", "p5.48xlarge"), ("BoxUsage:g5.xlarge", "g5.xlarge"),
                ("ND96isr H100 v5", "Standard_ND96isr_H100_v5"),
                ("Virtual Machines ND96isr H100 v5 Series - Low Priority", "Standard_ND96isr_H100_v5"),
                ("NV6ads A10 v5", "Standard_NV6ads_A10_v5"), ("a3-highgpu-8g running in Americas", "a3-highgpu-8g"),
                ("(p4d.24xlarge)", "p4d.24xlarge"), ("reserved instance p4de.24xlarge.", "p4de.24xlarge"),
                ("p5.48xlarge,g5.xlarge", "p5.48xlarge"), ("{\"instance\":\"trn1n.32xlarge\"}", "trn1n.32xlarge"),
                ("arn:aws:ec2:us-east-1:123:instance/i-0abc p6-b200.48xlarge", "p6-b200.48xlarge"),
                ("Lambda gpu_1x_h100_pcie on-demand", "gpu_1x_h100_pcie"), ("shape=BM.GPU.H100.8;", "BM.GPU.H100.8"),
            ])
        func inText(text: String, name: String) throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            #expect(catalog.instanceType(inText: text)?.name == name)
            #expect(CanonicalFixtures.withEmbeddedBytes(text) { catalog.instanceType(inText: $0)?.name } == name)
        }

        @Test(
            "finds nothing in text that names no catalogued instance type",
            arguments: [
                "", " ", "$0.0112 per On Demand Linux t3.micro Instance Hour",
                "$0.00 per GB - US West (Oregon) data transfer from EU (Germany)",
                "$0.10 per GB-month of General Purpose SSD (gp2) provisioned storage - US East (Northern Virginia)",
                "ND96isr  H100 v5", "p5 48xlarge", "H100", "...", "a b c d e f",
            ])
        func nothingInText(text: String) throws {
            #expect(try CanonicalFixtures.accelerators.get().instanceType(inText: text) == nil)
        }

        @Test(
            "finds an accelerator model named in free text",
            arguments: [
                ("Nvidia H100 80GB GPU running in Americas", "H100-SXM5-80GB"),
                ("Nvidia Tesla A100 GPU running in Americas", "A100-SXM4-40GB"),
                ("Nvidia Tesla T4 GPU attached to Spot Preemptible VMs running in EMEA", "T4"),
                ("Nvidia L4 GPU running in APAC", "L4"), ("NVIDIA H100-SXM5-80GB, 8 per node", "H100-SXM5-80GB"),
                ("Nvidia H200 141GB GPU running in Americas", "H200-SXM-141GB"),
                ("AMD Instinct MI300X (OAM)", "MI300X"), ("TPU v5e chip hours", "TPU-v5e"),
            ])
        func modelInText(text: String, model: String) throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            #expect(catalog.accelerator(inText: text)?.model == model)
            #expect(
                CanonicalFixtures.withEmbeddedBytes(text) { catalog.acceleratorIndex(inText: $0) }
                    .map { catalog.accelerators[$0].model } == model)
        }

        @Test(
            "finds no model in text that names none, and tells text that says GPU",
            arguments: [
                ("", false), ("N1 Predefined Instance Core running in Americas", false),
                ("Nvidia Tesla P100 GPU running in Americas", true), ("8 GPUs, unnamed", true),
                ("a3-highgpu-8g", false), ("GPUDirect storage", false), ("h1000 gpu", true),
            ])
        func noModelInText(text: String, saysGPU: Bool) throws {
            let catalog = try CanonicalFixtures.accelerators.get()
            #expect(catalog.accelerator(inText: text) == nil)
            #expect(FieldBytes.withBytes(of: text) { AcceleratorCatalog.mentionsGPU(inText: $0) } == saysGPU)
        }

        static let acceleratorsHeader =
            "model,vendor,aliases,bf16_dense_tflops,fp8_dense_tflops,fp16_dense_tflops,tf32_dense_tflops,memory_gb,source\n"
        static let instancesHeader =
            "instance_type,provider,accelerator_model,accelerator_count,interconnect_gbps,source\n"
        static let goodAccelerators = "X1,Acme,x1|acme x1,100,200,100,50,80,test\nX2,Acme,x2,,,,,16,test\n"
        static let goodInstances = "box.8,aws,X1,8,400,test\nbox.1,aws,x2,1,,test\n"

        @Test("builds from values and from small catalogue files")
        func smallCatalogue() throws {
            let folder = TemporaryFolder()
            let catalog = try AcceleratorCatalog.load(
                acceleratorsPath: folder.write("a.csv", Self.acceleratorsHeader + Self.goodAccelerators),
                instanceTypesPath: folder.write("i.csv", Self.instancesHeader + Self.goodInstances))
            #expect(catalog.accelerator(named: "ACME-X1")?.fp8DenseTFLOPS == 200)
            #expect(catalog.instanceType(named: "box.1")?.acceleratorModel == "X2")
            let built = try AcceleratorCatalog(
                accelerators: [Accelerator(model: "Y1", vendor: "Zed", aliases: ["why one"], bf16DenseTFLOPS: 10)],
                instanceTypes: [
                    InstanceType(name: "zed.big", provider: "zed", acceleratorModel: "why one", acceleratorCount: 2)
                ]
            )
            #expect(built.instanceType(inText: "a zed.big box")?.acceleratorModel == "Y1")
            #expect(built.accelerator(named: "zed y1")?.bf16DenseTFLOPS == 10)
        }

        @Test(
            "names the file and line of a bad accelerators row",
            arguments: [
                ("X1,Acme,x1,abc,,,,80,test\n", 2),
                ("X1,Acme,x1,100,,,,80,test\nX2,Acme,x2|x1,100,,,,80,test\n", 3),
                ("X1,Acme,x1,100,,,,80,test\nX2,Acme,X-1,100,,,,80,test\n", 3),
                ("X1,Acme,x1,100,,,,80,test\nX2,Acme,x2,-5,,,,80,test\n", 3),
                ("X1,Acme,x1,1e400,,,,80,test\n", 2),
                // A peak past 1e12 TFLOPS would carry a night's compute past what a figure can hold.
                ("X1,Acme,x1,1e290,,,,80,test\n", 2),
                ("X1,Acme,x1,NaN,,,,80,test\n", 2),
                ("X1,Acme,x1,\"1,000\",,,,80,test\n", 2),
                (",Acme,x1,100,,,,80,test\n", 2),
                ("X1,Acme,x1,100,,,80,test\n", 2),
            ])
        func badAccelerators(rows: String, line: Int) throws {
            let folder = TemporaryFolder()
            let path = folder.write("accelerators.csv", Self.acceleratorsHeader + rows)
            let error = #expect(throws: KYCWatchError.self) {
                try AcceleratorCatalog.load(
                    acceleratorsPath: path, instanceTypesPath: folder.write("i.csv", Self.instancesHeader))
            }
            #expect(error?.code == .referenceCatalogInvalid)
            #expect(error?.location?.file == path)
            #expect(error?.location?.line == line)
        }

        @Test(
            "names the file and line of a bad instance-types row",
            arguments: [
                ("box.8,aws,X1,8,400,test\nbox.9,aws,X9,8,400,test\n", 3),
                ("box.8,aws,X1,eight,400,test\n", 2),
                ("box.8,aws,X1,0,400,test\n", 2),
                ("box.8,aws,X1,,400,test\n", 2),
                ("box.8,aws,X1,8,fast,test\n", 2),
                ("box.8,aws,X1,8,400,test\nBOX.8,aws,X2,1,,test\n", 3),
                ("Standard_B8,azure,X1,8,400,test\nB8,azure,X2,1,,test\n", 3),
                ("box 8,aws,X1,8,400,test\n", 2),
                ("box.8,,X1,8,400,test\n", 2),
            ])
        func badInstanceTypes(rows: String, line: Int) throws {
            let folder = TemporaryFolder()
            let path = folder.write("instance_types.csv", Self.instancesHeader + rows)
            let error = #expect(throws: KYCWatchError.self) {
                try AcceleratorCatalog.load(
                    acceleratorsPath: folder.write("a.csv", Self.acceleratorsHeader + Self.goodAccelerators),
                    instanceTypesPath: path)
            }
            #expect(error?.code == .referenceCatalogInvalid)
            #expect(error?.location?.file == path)
            #expect(error?.location?.line == line)
        }

        @Test("names a missing column")
        func missingColumn() throws {
            let folder = TemporaryFolder()
            let error = #expect(throws: KYCWatchError.self) {
                try AcceleratorCatalog.load(
                    acceleratorsPath: folder.write("a.csv", "model,vendor\nX1,Acme\n"),
                    instanceTypesPath: folder.write("i.csv", Self.instancesHeader))
            }
            #expect(error?.code == .csvHeader)
            #expect(error?.message.contains("bf16_dense_tflops") == true)
        }
    }
}
