import Testing
@testable import ChanbenchCLI

/// `ChanbenchCLI.main(registering:)` selects the registered channels for run, verify and
/// memory unless the command line names implementations itself.
@Suite struct RegisteredChannelsSelectionTests {
    @Test(arguments: ["run", "verify", "memory"])
    func commandsWithoutImplSelectTheRegisteredChannels(_ command: String) {
        #expect(ChanbenchCLI.selecting(["mine", "theirs"], in: [command, "--quick"])
                == [command, "--impl", "mine,theirs", "--quick"])
    }

    @Test(arguments: [["run", "--impl", "mine,ring"], ["verify", "--impl=ring"], ["memory", "--suite", "quick", "--impl", "all"]])
    func anImplOptionIsKept(_ arguments: [String]) {
        #expect(ChanbenchCLI.selecting(["mine"], in: arguments) == arguments)
    }

    @Test(arguments: [["list"], ["report", "--bench", "x.csv"], ["compare", "a", "b"], []])
    func otherCommandsAreUnchanged(_ arguments: [String]) {
        #expect(ChanbenchCLI.selecting(["mine"], in: arguments) == arguments)
    }

    @Test func noRegisteredChannelsChangesNothing() {
        #expect(ChanbenchCLI.selecting([], in: ["verify", "--quick"]) == ["verify", "--quick"])
    }

    @Test func anImplAfterTheSeparatorIsNotAnOption() {
        #expect(ChanbenchCLI.selecting(["mine"], in: ["run", "--", "--impl"]) == ["run", "--impl", "mine", "--", "--impl"])
    }
}
