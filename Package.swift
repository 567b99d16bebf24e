// swift-tools-version: 6.1
// ChannelBench: benchmarks and verifies message-passing channels for Swift.
import PackageDescription

let package = Package(
    name: "ChannelBench",
    platforms: [.macOS(.v15)],
    products: [
        // The channels themselves: contract, handles, flavors and the registry.
        .library(name: "Channels", targets: ["Channels"]),
        // The harness: workloads, oracle, metrics, CSV, compare, verify, memory.
        .library(name: "ChannelBench", targets: ["ChannelBench"]),
        .executable(name: "chanbench", targets: ["chanbench"]),
        // The command line as a library: the `chanbench` plugin's runner links it with a
        // package's own channels.
        .library(name: "ChanbenchCLI", targets: ["ChanbenchCLI"]),
        // `swift package chanbench ...` in a package that depends on ChannelBench.
        .plugin(name: "ChanbenchPlugin", targets: ["ChanbenchPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // jemalloc's unprefixed build: linking it makes it the process allocator, so its
        // statistics count every allocation the benchmark makes.
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // PostgreSQL's C client for the results store on a fleet: a system library, so it adds no
        // package (and no swift-nio) to a clean build.
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // futex and CPU-pause wrappers Swift cannot call directly (variadic syscall, inline asm).
        .target(name: "CChannelsShims"),
        // prctl(PR_SET_PDEATHSIG) and memfd_create for chanbench's own child processes.
        .target(name: "CChanbenchShims"),
        .target(
            name: "Channels",
            dependencies: [
                "CChannelsShims",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ]
        ),
        // The harness, in one-way layers; the compiler enforces that a target sees only those
        // above it:
        //   Channels <- BenchSupport <- BenchModel <- BenchEngine, BenchCompare, BenchReport
        //   BenchCompare <- BenchHistory <- BenchReport (the history chart)
        //   Channels <- BenchSupport <- BenchVerify
        //   all of them <- ChanbenchCLI (the commands) <- chanbench; ChannelBench (the plug-in library)
        // Threads, gates, allocator and process statistics, child processes, stderr, RNG.
        .target(
            name: "BenchSupport",
            dependencies: [
                "Channels",
                "CJemalloc",
                "CChanbenchShims",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // What a run is and what it produced: workloads, suites, configurations, results,
        // memory scenarios, and the CSV files with their one reader and writer.
        .target(name: "BenchModel", dependencies: ["Channels", "BenchSupport"]),
        // Runs workloads and memory scenarios over channels, checked by the oracle.
        .target(name: "BenchEngine", dependencies: ["Channels", "BenchSupport", "BenchModel"]),
        // Checks a channel against its declared semantics.
        .target(name: "BenchVerify", dependencies: ["Channels", "BenchSupport"]),
        // Compares two result files with a noise-aware gate.
        .target(name: "BenchCompare", dependencies: ["Channels", "BenchSupport", "BenchModel"]),
        // Tables and reports drawn from results.
        .target(name: "BenchReport", dependencies: ["Channels", "BenchSupport", "BenchModel", "BenchHistory"]),
        // Bench CSVs as other tools' JSON (github-action-benchmark, JMH, Bencher).
        .target(name: "BenchExport", dependencies: ["Channels", "BenchSupport", "BenchModel", "BenchCompare"]),
        // Results across commits and machines: the store (SQLite by default, PostgreSQL given a
        // URL), CSV import, change-point detection over a configuration's series.
        .target(
            name: "BenchHistory",
            dependencies: ["Channels", "BenchSupport", "BenchModel", "BenchCompare", "CLibpq",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The library a user's package imports to register, verify and benchmark its own channel.
        .target(
            name: "ChannelBench",
            dependencies: ["Channels", "BenchSupport", "BenchModel", "BenchEngine", "BenchVerify"]
        ),
        // The commands (run, list, memory, compare, report, verify, export, import, history),
        // with one public entry point that registers extra channels first.
        .target(
            name: "ChanbenchCLI",
            dependencies: [
                "Channels", "BenchSupport", "BenchModel", "BenchEngine", "BenchVerify",
                "BenchCompare", "BenchReport", "BenchExport", "BenchHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `chanbench` itself: the command line over the built-in channels.
        .executableTarget(name: "chanbench", dependencies: ["ChanbenchCLI"], path: "Sources/ChanbenchTool"),
        // Runs chanbench over a package's own channels: finds its ChannelBenchChannels types,
        // builds a runner package that links them and runs it (Plugins/ChanbenchPlugin).
        .plugin(
            name: "ChanbenchPlugin",
            capability: .command(
                intent: .custom(verb: "chanbench",
                                description: "Verify and benchmark this package's channels with chanbench."),
                permissions: [.writeToPackageDirectory(reason: "chanbench writes its CSV files to results/ and its report to plots/out/.")]
            )
        ),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels"]),
        .testTarget(name: "ChannelBenchTests",
                    dependencies: ["ChannelBench", "BenchSupport", "BenchModel", "BenchEngine",
                                   "BenchVerify", "BenchCompare", "BenchReport", "BenchExport",
                                   "BenchHistory", "ChanbenchCLI"],
                    resources: [.copy("Fixtures/compare")]),
    ]
)
