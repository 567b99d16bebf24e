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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // jemalloc's unprefixed build: linking it makes it the process allocator, so its
        // statistics count every allocation the benchmark makes.
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // futex and CPU-pause wrappers Swift cannot call directly (variadic syscall, inline asm).
        .target(name: "CChannelsShims"),
        // prctl(PR_SET_PDEATHSIG) for chanbench's own child processes (variadic in C).
        .target(name: "CChanbenchShims"),
        .target(
            name: "Channels",
            dependencies: [
                "CChannelsShims",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ]
        ),
        .target(
            name: "ChannelBench",
            dependencies: [
                "Channels",
                "CJemalloc",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .executableTarget(
            name: "chanbench",
            dependencies: [
                "ChannelBench",
                "CChanbenchShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels"]),
        .testTarget(name: "ChannelBenchTests", dependencies: ["ChannelBench"],
                    resources: [.copy("Fixtures/compare")]),
    ]
)
