// The `chanbench` executable: the command line with the built-in channels only. A package
// with its own channels gets the same commands through the `chanbench` plugin, whose runner
// calls this entry point with the package's channels.
import ChanbenchCLI

ChanbenchCLI.main(registering: [])
