import Testing
@testable import BenchModel
@testable import BenchEngine

@Suite struct BadInputTests {
    let available = [BenchImplementations.null, TestDescriptors.good]

    @Test func unknownImplementation() {
        #expect(throws: BenchInputError.unknownImplementation("nope", known: ["null", "test-good"])) {
            try RunMatrix([RunParameters(implementations: ["nope"])], available: available)
        }
    }

    @Test(arguments: ["spcs", "", "mpmc,bogus"])
    func unknownWorkloadOrEmpty(_ text: String) {
        #expect(throws: BenchInputError.self) { try ParameterParsing.workloads(text) }
    }

    @Test(arguments: ["-1", "abc", "1,-5", "1.5"])
    func badCapacity(_ text: String) {
        #expect(throws: BenchInputError.self) { try ParameterParsing.capacities(text) }
    }

    @Test func capacityParsingAcceptsUnboundedAndNumbers() throws {
        #expect(try ParameterParsing.capacities("0, 1,1024,unbounded") == [.bounded(0), .bounded(1), .bounded(1024), .unbounded])
    }

    @Test func zeroProducers() {
        #expect(throws: BenchInputError.notPositive(option: "producers", value: 0)) {
            try ParameterParsing.positiveIntegers("4,0", option: "producers")
        }
        #expect(throws: BenchInputError.notPositive(option: "producers", value: 0)) {
            try RunMatrix([RunParameters(implementations: ["null"], producers: [0])], available: available)
        }
    }

    @Test func zeroConsumers() {
        #expect(throws: BenchInputError.notPositive(option: "consumers", value: 0)) {
            try RunMatrix([RunParameters(implementations: ["null"], consumers: [0])], available: available)
        }
    }

    @Test func negativeCapacityInParameters() {
        #expect(throws: BenchInputError.badCapacity("-3")) {
            try RunMatrix([RunParameters(implementations: ["null"], capacities: [.bounded(-3)])], available: available)
        }
    }

    @Test func messageSizeTooSmall() {
        #expect(throws: BenchInputError.messageSizeTooSmall(4)) {
            try RunMatrix([RunParameters(implementations: ["null"], messageSizes: [4])], available: available)
        }
    }

    @Test func capacityAboveTheLimitIsRefusedBeforeAnythingIsBuilt() {
        let limit = CapacityLimit.maximum(messageBytes: 8)
        #expect(limit <= CapacityLimit.maximumElements)
        #expect(throws: BenchInputError.capacityTooLarge(capacity: 1 << 62, messageBytes: 8, limit: limit)) {
            try RunMatrix([RunParameters(implementations: ["null"], capacities: [.bounded(1 << 62)])], available: available)
        }
        #expect(throws: Never.self) {
            try RunMatrix([RunParameters(implementations: ["null"], capacities: [.bounded(limit), .unbounded])], available: available)
        }
    }

    @Test func everyTooSmallMessageSizeNamesTheSameMinimum() throws {
        for text in ["0", "1", "7"] {
            #expect(throws: BenchInputError.messageSizeTooSmall(Int(text)!)) { try ParameterParsing.messageSizes(text) }
        }
        #expect(try ParameterParsing.messageSizes("8,64") == [8, 64])
    }

    @Test func messagesNotDivisibleByProducers() {
        #expect(throws: BenchInputError.messagesNotDivisible(messages: 1000, producers: 3)) {
            try RunMatrix([RunParameters(implementations: ["null"], workloads: [.mpsc], producers: [3], messages: 1000)],
                          available: available)
        }
        // spsc always has one producer: any count is fine there.
        #expect(throws: Never.self) {
            try RunMatrix([RunParameters(implementations: ["null"], workloads: [.spsc], producers: [3], messages: 1000)],
                          available: available)
        }
    }

    @Test func badIntegersAndEmptyLists() {
        #expect(throws: BenchInputError.badInteger(option: "producers", value: "x")) {
            try ParameterParsing.positiveIntegers("1,x", option: "producers")
        }
        #expect(throws: BenchInputError.emptyList(option: "impl")) { try ParameterParsing.names(" , ") }
        #expect(throws: BenchInputError.notPositive(option: "messages", value: 0)) {
            try RunMatrix([RunParameters(implementations: ["null"], messages: 0)], available: available)
        }
        #expect(throws: BenchInputError.notPositive(option: "rate", value: 0)) {
            try RunMatrix([RunParameters(implementations: ["null"], rate: 0)], available: available)
        }
    }

    @Test func badRunOptions() {
        #expect(throws: BenchInputError.self) { try RunOptions(repetitions: 0).validate() }
        #expect(throws: BenchInputError.self) { try RunOptions(warmup: -1).validate() }
        #expect(throws: BenchInputError.self) { try RunOptions(runTimeoutSeconds: 0).validate() }
    }

    @Test func unwritableOutputFailsBeforeAnyRun() throws {
        let m = try RunMatrix([RunParameters(implementations: ["null"], workloads: [.spsc], capacities: [.unbounded], messages: 10)],
                              available: available)
        let session = RunSession(matrix: m, options: RunOptions(repetitions: 1, warmup: 0), parameters: "test",
                                 output: "/proc/chanbench-no-such-dir/out.csv", progress: ProgressReporter(quiet: true))
        #expect {
            _ = try session.execute()
        } throws: { error in
            guard let e = error as? BenchInputError, case .unwritableOutput = e else { return false }
            return e.description.hasPrefix("cannot write output '/proc/chanbench-no-such-dir/out.csv'")
        }
    }

    @Test func everyErrorIsOneLine() {
        let errors: [BenchInputError] = [
            .unknownImplementation("x", known: ["a", "b"]), .unknownWorkload("w"), .unknownSuite("s"), .badCapacity("-1"),
            .badInteger(option: "o", value: "v"), .notPositive(option: "o", value: 0), .messageSizeTooSmall(1),
            .messagesNotDivisible(messages: 5, producers: 2), .emptyList(option: "o"),
            .unwritableOutput(path: "p", reason: "r"), .nothingToRun, .conflictsWithSuite(option: "capacity"),
            .capacityTooLarge(capacity: 1 << 40, messageBytes: 8, limit: 1 << 26),
            .notPositiveSeconds(option: "run-timeout", value: 0),
            .writeFailed(CSVWriteError(path: "p", reason: "r", keptRows: 2)),
        ]
        for e in errors { #expect(!e.description.contains("\n") && !e.description.isEmpty) }
    }
}
