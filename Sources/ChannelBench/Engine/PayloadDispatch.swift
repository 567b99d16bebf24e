/// Picks the concrete payload type for `message_bytes` and runs the configuration with it.
/// Each branch is a separate specialization of the engine, so the per-message code never goes
/// through value-witness calls for an unknown payload type.
enum PayloadDispatch {
    static func execute(_ c: RunConfiguration, timeout: Double) -> EngineOutput {
        switch PayloadLayout(messageBytes: c.messageBytes) {
        case .inline(8): return execute(c, InlinePayload<1>.self, timeout: timeout)
        case .inline(16): return execute(c, InlinePayload<2>.self, timeout: timeout)
        case .inline(32): return execute(c, InlinePayload<4>.self, timeout: timeout)
        case .inline(64): return execute(c, InlinePayload<8>.self, timeout: timeout)
        case .inline(128): return execute(c, InlinePayload<16>.self, timeout: timeout)
        case .inline(256): return execute(c, InlinePayload<32>.self, timeout: timeout)
        case .inline, .heap: return execute(c, HeapPayload.self, timeout: timeout)
        }
    }

    static func execute<P: BenchPayload>(_ c: RunConfiguration, _: P.Type, timeout: Double) -> EngineOutput {
        switch c.implementation.kind {
        case .blocking: return BlockingEngine.run(c, P.self, timeout: timeout)
        case .async: return AsyncEngine.run(c, P.self, timeout: timeout)
        }
    }
}
