@testable import Channels
import Testing

/// The pthread layer under the condvar and dispatch channels.
@Suite struct SyncPrimitiveTests {
    @Test func mutexExcludesAcrossThreads() async {
        final class Shared: @unchecked Sendable {
            let mutex = PThreadMutex()
            var value = 0 // guarded by mutex
        }
        let shared = Shared()
        let threads = TestThreads()
        let perThread = TestScale.messages(100_000)
        threads.spawn(4) { _ in
            for _ in 0..<perThread { shared.mutex.withLock { shared.value += 1 } }
        }
        await threads.join()
        #expect(shared.mutex.withLock { shared.value } == 4 * perThread)
    }

    @Test func timedWaitNeverReturnsEarly() async {
        let mutex = PThreadMutex(), condition = ConditionVariable()
        for ms in [1, 10, 50] {
            let deadline = MonotonicDeadline.after(.milliseconds(ms))
            mutex.lock()
            // Spurious wake-ups are allowed; loop like every real caller does.
            while condition.wait(mutex, until: deadline) {}
            mutex.unlock()
            #expect(deadline.hasPassed)
        }
    }

    @Test func signalWakesWaiter() async {
        final class Shared: @unchecked Sendable {
            let mutex = PThreadMutex(), condition = ConditionVariable()
            var ready = false // guarded by mutex
        }
        let shared = Shared()
        let woke = Flag()
        let threads = TestThreads()
        threads.spawn {
            shared.mutex.lock()
            while !shared.ready { shared.condition.wait(shared.mutex) }
            shared.mutex.unlock()
            woke.set()
        }
        pause(milliseconds: 20)
        shared.mutex.withLock { shared.ready = true }
        shared.condition.signal()
        await threads.join()
        #expect(woke.isSet)
    }

    @Test func errnoNamesAreSymbolic() async {
        #expect(pthreadErrorName(16) == "EBUSY")
        #expect(pthreadErrorName(22) == "EINVAL")
        #expect(pthreadErrorName(9999) == "errno 9999")
    }
}
