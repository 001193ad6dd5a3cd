import Foundation

/// Runs blocking `work` (waiting for a child, reading its pipes, file I/O) on a thread of
/// its own and awaits the result.
///
/// Swift's cooperative pool has one thread per core, two on a small machine: a blocking
/// call there stalls every task behind it, and two of them stall the process. Dispatch's
/// global queues only grow past the core count by a heuristic. A fresh thread costs a
/// few microseconds, which is nothing next to starting a process.
public func onDedicatedThread<Value: Sendable, Failure: Error>(
    _ work: @escaping @Sendable () throws(Failure) -> Value
) async throws(Failure) -> Value {
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
        let thread = Thread {
            continuation.resume(returning: Result(catching: work))
        }
        thread.name = "tern.blocking"
        thread.start()
    }
    return try result.get()
}
