import Synchronization
import BenchSupport

/// Progress under hand-off pressure: two workers bounce a message over two channels, so every
/// message races a receiver that is about to park. A lost wake-up stalls the pair, and the
/// watchdog turns the stall into a failure with a dump of who waits on what.
package enum PingPongProgressCheck {
    static let check = VerifyCheck.perCapacity(
        name: "progress",
        summary: "ping-pong over two channels makes progress (watchdog: no lost wake-ups)",
        iterate: { ctx, cap, _ in
            let d = ctx.descriptor
            let rounds = ctx.quick ? 1000 : 20000
            let board = WorkerBoard(names: ["pinger", "ponger"])
            let mismatch = Atomic<Int>(-1)
            let group: WorkerGroup
            switch d.maker {
            case .blocking(let m):
                let ping = m.make(Int.self, capacity: cap), pong = m.make(Int.self, capacity: cap)
                group = WorkerGroup.threads(board) { w in
                    var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "pp", w), intensity: 10)
                    if w == 0 {
                        for i in 0..<rounds {
                            perturb.step()
                            board[0].begin(.send, i); try? ping.send(i); board[0].end()
                            perturb.step()
                            board[0].begin(.receive); let r = pong.receive(); board[0].end()
                            if r != i { mismatch.store(i, ordering: .relaxed); break }
                        }
                        ping.close()
                    } else {
                        while true {
                            perturb.step()
                            board[1].begin(.receive); let v = ping.receive(); board[1].end()
                            guard let v else { break }
                            perturb.step()
                            board[1].begin(.send, v); try? pong.send(v); board[1].end()
                        }
                        pong.close()
                    }
                }
            case .suspending(let m):
                let ping = m.make(Int.self, capacity: cap), pong = m.make(Int.self, capacity: cap)
                group = WorkerGroup.tasks(board) { w in
                    var perturb = SchedulePerturbation(seed: SeededGenerator.derive(ctx.seed, "pp", w), intensity: 10)
                    if w == 0 {
                        for i in 0..<rounds {
                            perturb.step()
                            board[0].begin(.send, i); try? await ping.send(i); board[0].end()
                            perturb.step()
                            board[0].begin(.receive); let r = await pong.receive(); board[0].end()
                            if r != i { mismatch.store(i, ordering: .relaxed); break }
                        }
                        ping.close()
                    } else {
                        while true {
                            perturb.step()
                            board[1].begin(.receive); let v = await ping.receive(); board[1].end()
                            guard let v else { break }
                            perturb.step()
                            board[1].begin(.send, v); try? await pong.send(v); board[1].end()
                        }
                        pong.close()
                    }
                }
            }
            let outcome = group.wait(stall: ctx.stall)
            OperationCount.add(board.progress)
            if case .hung(let dump) = outcome {
                return .failed(message: "ping-pong stalled (capacity \(cap)): lost wake-up?", counterexample: dump)
            }
            let bad = mismatch.load(ordering: .acquiring)
            if bad >= 0 {
                return .failed(message: "ping-pong round \(bad) got the wrong reply (capacity \(cap))", counterexample: board.dump())
            }
            return .passed
        }
    )
}
