// Plug your own channel into ChannelBench: describe it and declare it for the `chanbench`
// plugin. No main: `swift package --allow-writing-to-package-directory chanbench verify`
// finds this type, registers its descriptors and runs the command over them.
import ChannelBench

/// This package's channels, for `swift package chanbench ...`.
public enum CustomChannels: ChannelBenchChannels {
    public static var descriptors: [ChannelDescriptor] {
        [
            ChannelDescriptor(
                name: "nscondition",
                family: "lock",
                summary: "NSCondition + Array (example user channel)",
                supportsRendezvous: false,
                supportsBounded: true,
                supportsUnbounded: true,
                maker: .blocking(ConditionChannelMaker())
            ),
        ]
    }
}
