// swift-tools-version: 6.0
// OrderScope: a read-only terminal browser for Dintero orders.
// Layering (dependencies point down only) is described in DESIGN.md.
import PackageDescription

let package = Package(
    name: "OrderScope",
    platforms: [.macOS(.v15)],  // v15: TerminalGuard uses Synchronization's Atomic
    products: [
        .executable(name: "orderscope", targets: ["orderscope"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CNcurses", path: "Sources/CNcurses", pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The 64-byte-block structural pass behind the dump index (SSE2; see DESIGN.md).
        .target(name: "CScan", path: "Sources/CScan"),
        // The tape reader's fast path for clean documents (SSE2 string skim; see DESIGN.md).
        .target(name: "CTape", path: "Sources/CTape"),

        // MARK: - Domain
        // The JSON parser (iterative, numbers kept as written), values, paths and positions.
        .target(name: "JSONCore", dependencies: ["CTape"]),
        // Relaxed atomic cells in raw memory (the summary store's anomaly column), header-only.
        .target(name: "CAtomicCells", path: "Sources/CAtomicCells"),
        .target(name: "OrderModel", dependencies: ["JSONCore"]),
        // The dump index: the scanner and indexer (CScan's block pass underneath) and the summary
        // store they fill (CAtomicCells: its atomic anomaly column), with the problem and error
        // values every source reports.
        .target(name: "OrderIndex", dependencies: ["JSONCore", "OrderModel", "CScan", "CAtomicCells"]),
        .target(
            name: "OrderSources",
            dependencies: [
                "JSONCore", "OrderModel", "OrderIndex", "CZlib",
                // The HTTP client (NIOHTTPClient): an event loop that sleeps while it waits.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // TLS for https bases (BoringSSL inside, system trust roots).
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // The synthetic order generator (demo data, benchmarks, property tests).
        .target(name: "OrderSynthetic", dependencies: ["OrderModel", "OrderSources"]),
        // What is wrong with an order and what happened to its money: anomaly checks, the payment
        // timeline and totals, the payout tree check. Below the view-model, so `check` and
        // `export` reach it without the screens.
        .target(name: "OrderAnalysis", dependencies: ["JSONCore", "OrderModel"]),
        .target(
            name: "OrderViewModel",
            dependencies: ["JSONCore", "OrderModel", "OrderIndex", "OrderSources", "OrderAnalysis"]),
        .target(
            name: "DinteroMock",
            dependencies: [
                "JSONCore", "OrderModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // `mock-api --tls-cert/--tls-key`: the loopback mock over https.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // MARK: - Terminal
        .target(name: "TerminalCore"),
        .target(name: "CursesBackend", dependencies: ["TerminalCore", "CNcurses"]),
        .target(
            name: "OrderTUI",
            dependencies: [
                "JSONCore", "OrderModel", "OrderIndex", "OrderSources", "OrderAnalysis", "OrderViewModel",
                "TerminalCore",
            ]),

        // MARK: - Executable
        .executableTarget(
            name: "orderscope",
            dependencies: [
                "JSONCore", "OrderModel", "OrderIndex", "OrderSources", "OrderSynthetic", "OrderAnalysis",
                "OrderViewModel",
                "TerminalCore", "CursesBackend",
                "OrderTUI", "DinteroMock",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The benchmark's headless driver (Tests/Benchmarks/run.sh); not part of the product.
        .executableTarget(
            name: "orderscope-bench",
            dependencies: [
                "OrderModel", "OrderIndex", "OrderSources", "OrderViewModel", "TerminalCore", "OrderTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        // How long the tests wait (ORDERSCOPE_TEST_TIME_SCALE), shared by the targets that wait.
        .target(name: "TestTiming", path: "Tests/TestTiming"),
        // OrderSynthetic: its seeded generator for the damaged-order property tests.
        .testTarget(name: "OrderModelTests", dependencies: ["JSONCore", "OrderModel", "OrderSynthetic"]),
        .testTarget(name: "OrderIndexTests", dependencies: ["OrderModel", "OrderIndex"]),
        .testTarget(
            name: "OrderSourcesTests",
            dependencies: ["JSONCore", "OrderIndex", "OrderSources", "OrderSynthetic", "OrderModel", "CZlib"]),
        .testTarget(
            name: "OrderViewModelTests",
            dependencies: [
                "JSONCore", "OrderAnalysis", "OrderViewModel", "OrderIndex", "OrderSources", "OrderModel",
                "OrderSynthetic",
            ]),
        .testTarget(name: "TerminalCoreTests", dependencies: ["TerminalCore", "CursesBackend"]),
        .testTarget(
            name: "OrderTUITests",
            dependencies: [
                "JSONCore", "OrderTUI", "OrderAnalysis", "OrderViewModel", "OrderIndex", "OrderSources",
                "OrderModel", "TerminalCore",
                "TestTiming",
            ],
            // Read from the source tree by path (ORDERSCOPE_RECORD rewrites them there), not bundled.
            exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestTiming"]),
        .testTarget(
            name: "DinteroAPITests",
            dependencies: [
                "JSONCore", "OrderIndex", "OrderSources", "DinteroMock", "OrderModel", "TestTiming",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
