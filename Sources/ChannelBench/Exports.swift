// What a user's package needs to register, verify and benchmark its own channel, with one
// import: the channel contract and registry (Channels), the verifier, and the benchmark
// runner with its plan and results. Only the harness's `public` declarations cross this
// boundary; everything else stays `package`.
@_exported import Channels
@_exported import BenchSupport
@_exported import BenchModel
@_exported import BenchEngine
@_exported import BenchVerify
