import Testing
import ChannelBench

@Suite struct ExportsTests {
    @Test func registryNamesAreUnique() {
        let names = ChannelRegistry.all.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
