/// Picks the concrete payload type for `message_bytes` and runs the configuration with it.
/// Each branch is a separate specialization of the engine, so the per-message code never goes
/// through value-witness calls for an unknown payload type.
enum PayloadDispatch {
    static func execute(_ c: RunConfiguration, settings: EngineSettings) -> EngineOutput {
        switch PayloadLayout(messageBytes: c.messageBytes) {
        case .inline(8): return execute(c, InlinePayload<1>.self, settings: settings)
        case .inline(16): return execute(c, InlinePayload<2>.self, settings: settings)
        case .inline(32): return execute(c, InlinePayload<4>.self, settings: settings)
        case .inline(64): return execute(c, InlinePayload<8>.self, settings: settings)
        case .inline(128): return execute(c, InlinePayload<16>.self, settings: settings)
        case .inline(256): return execute(c, InlinePayload<32>.self, settings: settings)
        case .inline, .heap: return execute(c, HeapPayload.self, settings: settings)
        }
    }

    static func execute<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, settings: EngineSettings) -> EngineOutput {
        switch c.implementation.kind {
        case .blocking: return BlockingEngine.run(c, P.self, settings: settings)
        case .async: return AsyncEngine.run(c, P.self, settings: settings)
        }
    }
}
