import BenchModel

/// Picks the concrete payload type for `message_bytes` and runs the configuration with it.
/// Each branch is a separate specialization of the engine, so the per-message code never goes
/// through value-witness calls for an unknown payload type.
package enum PayloadDispatch {
    static func execute(_ c: RunConfiguration, settings: EngineSettings) -> EngineOutput {
        switch PayloadLayout(messageBytes: c.messageBytes) {
        case .inline(8): return execute(c, InlinePayload8.self, settings: settings)
        case .inline(16): return execute(c, InlinePayload16.self, settings: settings)
        case .inline(32): return execute(c, InlinePayload32.self, settings: settings)
        case .inline(64): return execute(c, InlinePayload64.self, settings: settings)
        case .inline(128): return execute(c, InlinePayload128.self, settings: settings)
        case .inline(256): return execute(c, InlinePayload256.self, settings: settings)
        case .inline, .heap: return execute(c, HeapPayload.self, settings: settings)
        }
    }

    static func execute<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        ChannelEngine.run(c, P.self, settings: settings)
    }
}
