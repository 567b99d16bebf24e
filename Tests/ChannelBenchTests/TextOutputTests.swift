import Testing
@testable import BenchSupport

@Suite struct TextOutputTests {
    @Test func tableAlignsColumnsAndLeavesNoTrailingSpaces() {
        let table = TextTable(header: ["impl", "ns", "note"],
                              rows: [["ring", "47.5", ""], ["condvar", "283", "slow path"]],
                              rightAligned: [1], ruleUnderHeader: true)
        #expect(table.render() == """
            impl       ns  note
            -------  ----  ---------
            ring     47.5
            condvar   283  slow path
            """)
    }

    @Test func tableIndentsEveryLineAndToleratesRaggedRows() {
        let table = TextTable(rows: [["a", "bb"], ["ccc"]], indent: "  ")
        #expect(table.render() == "  a    bb\n  ccc")
    }

    @Test func compactDropsTrailingZerosOnly() {
        #expect(DecimalText.compact(1.05) == "1.05")
        #expect(DecimalText.compact(3) == "3")
        #expect(DecimalText.compact(100) == "100")
        #expect(DecimalText.compact(0.0001) == "0")
        #expect(DecimalText.compact(2.5, maxDigits: 0) == "3")
    }
}
