// swift-tools-version: 6.1
// A package that depends on `Channels` the way a user's package does: by path (in a real
// project, by URL and version), for the `Channels` product only, and built with a plain
// `swift build -c release` — no cross-module-optimization flag. It measures what such a user
// gets: ns/msg and heap allocations/msg for the built-in flavors (see docs/dependent-packages.md).
import PackageDescription

let package = Package(
    name: "DependentBench",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your project: .package(url: "<ChannelBench git URL>", from: "<version>").
        .package(name: "ChannelBench", path: "../.."),
    ],
    targets: [
        // Counts malloc-family calls of every thread (Linux/glibc): see AllocCounter.c.
        .target(name: "CAllocCounter"),
        .executableTarget(
            name: "DependentBench",
            dependencies: [
                .product(name: "Channels", package: "ChannelBench"),
                "CAllocCounter",
            ]
        ),
    ]
)
