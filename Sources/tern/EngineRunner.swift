import Dispatch
import Foundation
import MailSync

/// Runs a sync engine for the life of a headless command: the engine's
/// pool in one child task, progress on stderr in another, the command's work
/// in the body; SIGINT and SIGTERM shut the engine down cleanly (LOGOUT
/// everywhere) instead of killing the process mid-write.
enum EngineRunner {
    /// - Parameter announcesSignals: say on stderr that a signal is logging out; off for
    ///   the interactive client, whose screen curses owns until it exits.
    static func run<R: Sendable>(_ engine: SyncEngine, showProgress: Bool = true, announcesSignals: Bool = true,
                                 _ body: @escaping @Sendable (SyncEngine) async -> R) async -> R? {
        let signals = SignalTrap([SIGINT, SIGTERM])
        let received = signals.received
        return await withTaskGroup(of: Void.self) { services in
            services.addTask { await engine.run() }
            if showProgress {
                services.addTask { await ProgressPrinter().consume(engine.events) }
            }
            // The work, until it ends or a signal comes; a signal cancels it
            // (watchers send DONE, syncs stop between commands).
            let result = await withTaskGroup(of: R?.self) { work in
                work.addTask { await body(engine) }
                work.addTask {
                    for await signal in received {
                        if announcesSignals {
                            Terminal.warn(signal == SIGINT ? "interrupted; logging out" : "terminated; logging out")
                        }
                        return nil
                    }
                    return nil
                }
                var result: R?
                if let first = await work.next() { result = first }
                work.cancelAll()
                for await value in work where value != nil { result = value }
                return result
            }
            await engine.shutdown()
            signals.stop()
            await services.waitForAll()
            return result
        }
    }
}

/// SIGINT/SIGTERM as an async sequence (the default action is disabled
/// while it is alive).
final class SignalTrap {
    let received: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    private let sources: [any DispatchSourceSignal]

    init(_ numbers: [Int32]) {
        let (received, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(4))
        self.received = received
        self.continuation = continuation
        sources = numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    func stop() {
        for source in sources { source.cancel() }
        continuation.finish()
    }
}

/// Prints a progress line on stderr while messages are being fetched
/// (rewritten in place on a terminal, every 5 s otherwise).
struct ProgressPrinter {
    func consume(_ events: AsyncStream<SyncEvent>) async {
        let clock = ContinuousClock()
        let start = clock.now
        var lastPrint = start
        var perFolder: [String: Int] = [:]
        var printed = false
        let interval: Duration = Terminal.stderrIsTTY ? .milliseconds(500) : .seconds(5)
        for await event in events {
            guard case .progress(let account, let folder, let fetched) = event else { continue }
            perFolder[account + "\u{0}" + folder] = fetched
            let now = clock.now
            guard now - lastPrint >= interval, now - start >= .seconds(1) else { continue }
            lastPrint = now
            let total = perFolder.values.reduce(0, +)
            let seconds = Double((now - start).components.seconds) + Double((now - start).components.attoseconds) / 1e18
            let rate = Int(Double(total) / max(seconds, 0.001))
            let line = "syncing: \(total) messages fetched (\(rate)/s)"
            if Terminal.stderrIsTTY {
                FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
                printed = true
            } else {
                Terminal.warn(line)
            }
        }
        if printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
