// swift-tools-version: 6.1

import PackageDescription

/// Settings every kycwatch target shares: explicit existentials and imports, Swift 6 mode.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "kycwatch",
    products: [
        .library(name: "KYCWatch", targets: ["KYCWatch"]),
        .executable(name: "kycwatch", targets: ["kycwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        .target(
            name: "KYCWatch",
            dependencies: [
                "CZstd",
                "CCSV",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kycwatch",
            dependencies: [
                "KYCWatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KYCWatchTests",
            dependencies: [
                "KYCWatch",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Normalize/Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "kycwatchTests",
            dependencies: ["KYCWatch", "kycwatch"],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
