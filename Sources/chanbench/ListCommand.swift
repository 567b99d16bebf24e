import ArgumentParser
import BenchSupport
import BenchModel
import BenchEngine

/// `chanbench list`: implementations with their registry facts, workloads and suites.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List implementations (with their registry facts), workloads and suites."
    )

    func run() throws {
        print("Implementations:")
        let impls = BenchImplementations.all
        let rows = impls.map { d -> [String] in
            var traits: [String] = [d.kind == .blocking ? "threads" : "tasks"]
            traits.append(d.multiProducer ? "multi-producer" : "single-producer")
            traits.append(d.multiConsumer ? "multi-consumer" : "single-consumer")
            if d.lossy { traits.append("LOSSY") }
            if d.cancellable { traits.append("cancellable") }
            switch d.select {
            case .unsupported: break
            case .blocking, .async: traits.append("select")
            case .blockingExceptRendezvous: traits.append("select (not at capacity 0)")
            }
            return [d.name, d.family, "cap \(d.capacitySummary)", traits.joined(separator: ", "), d.summary]
        }
        print(table(rows))
        print("\nWorkloads:")
        print(table(Workload.allCases.map { [$0.rawValue, $0.summary] }))
        print("\nSuites:")
        var suiteRows: [[String]] = []
        for s in BenchSuite.allCases {
            let count = (try? RunMatrix(s.parameterSets, available: BenchImplementations.all).configurations.count) ?? 0
            suiteRows.append([s.rawValue, "\(count) configs x (\(s.warmup) warmup + \(s.repetitions) reps)", s.summary])
        }
        print(table(suiteRows))
    }

    private func table(_ rows: [[String]]) -> String {
        TextTable(rows: rows, indent: "  ").render()
    }
}
