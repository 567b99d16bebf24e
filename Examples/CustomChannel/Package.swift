// swift-tools-version: 6.1
// A user's own package: depends on the ChannelBench library, brings its own channel,
// registers it and runs the same verification entry point as `chanbench verify`.
import PackageDescription

let package = Package(
    name: "CustomChannel",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your project: .package(url: "<ChannelBench git URL>", from: "<version>").
        // `name:` pins the identity, whatever the checkout directory is called.
        .package(name: "ChannelBench", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "CustomChannel",
            dependencies: [.product(name: "ChannelBench", package: "ChannelBench")]
        ),
    ]
)
