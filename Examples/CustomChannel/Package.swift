// swift-tools-version: 6.1
// A user's own package: depends on ChannelBench, brings its own channel and declares it for the
// `chanbench` plugin, with no main (see CustomChannels.swift):
//   swift package --allow-writing-to-package-directory chanbench verify --quick
//   swift package --allow-writing-to-package-directory chanbench run --suite quick --impl nscondition,ring
import PackageDescription

let package = Package(
    name: "CustomChannel",
    platforms: [.macOS(.v15)],
    products: [
        // The plugin links the channels through a library product.
        .library(name: "CustomChannel", targets: ["CustomChannel"]),
    ],
    dependencies: [
        // In your project: .package(url: "<ChannelBench git URL>", from: "<version>").
        // `name:` pins the identity, whatever the checkout directory is called.
        .package(name: "ChannelBench", path: "../.."),
    ],
    targets: [
        .target(
            name: "CustomChannel",
            dependencies: [.product(name: "ChannelBench", package: "ChannelBench")]
        ),
    ]
)
