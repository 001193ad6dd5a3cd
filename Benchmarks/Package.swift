// swift-tools-version:6.1
import PackageDescription

/// Tern's benchmarks: kept apart from the main package so they never slow its
/// build. Run with `Scripts/bench` (or `swift package benchmark` here).
let package = Package(
    name: "TernBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Tern", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "IMAPBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IMAPCodec", package: "Tern"),
                .product(name: "IMAPClient", package: "Tern"),
                .product(name: "TernTestSupport", package: "Tern"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/IMAPBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CacheBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MailStore", package: "Tern"),
                .product(name: "MIME", package: "Tern"),
                .product(name: "TernTestSupport", package: "Tern"),
            ],
            path: "Benchmarks/CacheBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SyncBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IMAPClient", package: "Tern"),
                .product(name: "IMAPCodec", package: "Tern"),
                .product(name: "MailStore", package: "Tern"),
                .product(name: "MailSync", package: "Tern"),
                .product(name: "TernTestSupport", package: "Tern"),
                .product(name: "TernProcess", package: "Tern"),
            ],
            path: "Benchmarks/SyncBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SyncProfile",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "IMAPClient", package: "Tern"),
                .product(name: "MailStore", package: "Tern"),
                .product(name: "MailSync", package: "Tern"),
                .product(name: "TernTestSupport", package: "Tern"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/SyncProfile"
        ),
        // Prints figures directly (no benchmark plugin): the UI with 100,000 cached messages.
        .executableTarget(
            name: "UIBenchmark",
            dependencies: [
                .product(name: "MailStore", package: "Tern"),
                .product(name: "MailSync", package: "Tern"),
                .product(name: "MailUI", package: "Tern"),
                .product(name: "TerminalKit", package: "Tern"),
            ],
            path: "Benchmarks/UIBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
