// swift-tools-version:6.1
import PackageDescription

/// Tern: a terminal mail client. The layers and their allowed imports are
/// described in DESIGN.md; the dependency arrows here must follow them.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Tern",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tern", targets: ["tern"]),
        .library(name: "IMAPCodec", targets: ["IMAPCodec"]),
        .library(name: "IMAPClient", targets: ["IMAPClient"]),
        .library(name: "TernTestSupport", targets: ["TernTestSupport"]),
        .library(name: "MailStore", targets: ["MailStore"]),
        .library(name: "MIME", targets: ["MIME"]),
        .library(name: "MailSync", targets: ["MailSync"]),
        .library(name: "TernProcess", targets: ["TernProcess"]),
        .library(name: "TerminalKit", targets: ["TerminalKit"]),
        .library(name: "MailUI", targets: ["MailUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // For MailSync's event streams and Deque (the sync issue); no target
        // uses them yet, and depending on async-algorithms before use only
        // adds a SwiftPM warning about its unhandled file.
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        // Pure IMAP grammar: types, parser, encoder. NIOCore only.
        .target(
            name: "IMAPCodec",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        // Channel handlers, TLS, SASL and the async IMAPConnection.
        .target(
            name: "IMAPClient",
            dependencies: [
                "IMAPCodec",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "MIME"),
        // Child processes (password commands, test servers) without Foundation.Process.
        .target(name: "TernProcess"),
        .target(
            name: "MailStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for binding the hot insert's parameters directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CSQLiteTuning",
            ]
        ),
        .target(
            name: "MailSync",
            dependencies: [
                "IMAPClient", "MIME", "MailStore", "TernProcess",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // SQLite settings that only C can make (sqlite3_config is variadic).
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "TerminalKit"),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(name: "CursesBackend", dependencies: ["TerminalKit", "CNCurses"]),
        .target(name: "MailUI", dependencies: ["TerminalKit", "MailStore", "MailSync"]),
        .target(
            name: "MailConfig",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "tern",
            dependencies: [
                "IMAPClient", "MIME", "MailSync", "MailStore", "MailUI", "MailConfig", "CursesBackend", "TerminalKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),

        // Shared test fixtures: the private Dovecot server, the scripted server.
        .target(
            name: "TernTestSupport",
            dependencies: [
                "IMAPCodec", "TernProcess",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TernTestSupport"
        ),
        // The README's demo: a private Dovecot with sample mail, and tern against it.
        .executableTarget(
            name: "tern-demo",
            dependencies: ["TernTestSupport", "TernProcess"],
            path: "Tests/DemoLauncher"
        ),
        .testTarget(name: "IMAPCodecTests", dependencies: ["IMAPCodec", "TernTestSupport"]),
        .testTarget(
            name: "IMAPClientTests",
            dependencies: [
                "IMAPClient", "TernTestSupport", "TernProcess",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "MIMETests", dependencies: ["MIME"]),
        .testTarget(name: "TernProcessTests", dependencies: ["TernProcess"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "CNCurses", "TerminalKit"]),
        .testTarget(name: "MailUITests", dependencies: ["MailUI", "TerminalKit", "MailStore", "MailSync"]),
        .testTarget(name: "MailConfigTests", dependencies: ["MailConfig"]),
        // Runs the built `tern` binary (it is built with the tests).
        .testTarget(name: "TernCLITests", dependencies: ["TernTestSupport", "TernProcess", "MailSync"]),
        // Runs the built `tern` in tmux against Dovecot (end to end).
        .testTarget(
            name: "TernUITests",
            dependencies: [
                "TernTestSupport", "TernProcess", "IMAPClient", "IMAPCodec",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "MailStoreTests", dependencies: ["MailStore"]),
        .testTarget(
            name: "MailSyncTests",
            dependencies: [
                "MailSync", "MailStore", "IMAPClient", "TernTestSupport", "TernProcess",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "TernTestSupportTests", dependencies: ["TernTestSupport", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}
