import Foundation
import MailStore
import MailSync
import Synchronization
import TerminalKit

/// The interactive client's run loop.
///
/// The terminal is driven by one dedicated thread (ncurses is not
/// thread-safe, and waiting on it must not block Swift's small cooperative
/// pool): it waits in `poll` on the terminal and a ``Wakeup`` pipe, feeds
/// keys and posted events to the pure ``Reducer``, hands the effects to the
/// async side, and presents the frame (only changed rows reach the
/// terminal). The async side observes the cache, consumes sync events and
/// runs effects, posting results back with ``post(_:)``.
///
/// ```swift
/// let app = MailApp(accounts: ["work"], services: services, context: RenderContext())
/// await app.run { CursesTerminal() }
/// ```
public final class MailApp: Sendable {
    private let accounts: [String]
    private let services: UIServices
    private let context: RenderContext
    private let reducer: Reducer
    private let bellOnNewMail: Bool
    private let inbox = Mutex<[UIEvent]>([])
    private let wakeup: Wakeup
    private let effects: AsyncStream<Effect>
    private let effectSink: AsyncStream<Effect>.Continuation

    /// Creates the app; nothing runs until ``run(makeTerminal:)``.
    public init?(accounts: [String], services: UIServices, context: RenderContext, bellOnNewMail: Bool = false) {
        guard let wakeup = Wakeup() else { return nil }
        self.wakeup = wakeup
        self.accounts = accounts
        self.services = services
        self.context = context
        self.bellOnNewMail = bellOnNewMail
        reducer = Reducer(keymap: context.keymap)
        (effects, effectSink) = AsyncStream.makeStream(of: Effect.self, bufferingPolicy: .bufferingNewest(1_000))
    }

    /// Hands an event to the UI thread and wakes it. Callable from anywhere.
    public func post(_ event: UIEvent) {
        inbox.withLock { $0.append(event) }
        wakeup.signal()
    }

    /// Runs until the user quits (or the task is cancelled): the UI thread
    /// with a terminal from `makeTerminal` (called on that thread), and the
    /// observers and effect runner.
    public func run(makeTerminal: @escaping @Sendable () -> any Terminal) async {
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.forwardSyncEvents() }
                group.addTask { await self.observeAccounts() }
                async let effectsDone: Void = self.runEffects()
                await self.runUIThread(makeTerminal)
                // The last keys' local changes are written before anything is cancelled.
                effectSink.finish()
                await effectsDone
                group.cancelAll()
            }
        } onCancel: {
            self.post(.quitRequested)
        }
    }

    // MARK: - The UI thread

    private func runUIThread(_ makeTerminal: @escaping @Sendable () -> any Terminal) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                self.loop(makeTerminal())
                done.resume()
            }
            thread.name = "tern.ui"
            thread.start()
        }
    }

    /// The loop: wait, reduce, run effects, draw. Blocks its thread only.
    func loop(_ terminal: any Terminal) {
        let size = terminal.size
        var state = AppState(accounts: accounts, width: size.width, height: size.height)
        terminal.present(Renderer.render(state, context: context))
        while !state.quitting {
            let keys = terminal.waitForKeys(wakeup: wakeup, timeoutMilliseconds: -1)
            if terminal.isClosed { break }
            var events: [UIEvent] = []
            for key in keys {
                switch key {
                case .resize:
                    let size = terminal.size
                    events.append(.resize(width: size.width, height: size.height))
                case .control("z"):  // raw mode: job control is ours to do
                    terminal.suspend()
                    let size = terminal.size
                    events.append(.resize(width: size.width, height: size.height))
                case .control("c"):
                    events.append(.quitRequested)
                default:
                    events.append(.key(key))
                }
            }
            events += inbox.withLock { pending in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            }
            guard !events.isEmpty else { continue }
            state.now = Date()
            for event in events {
                for effect in reducer.reduce(&state, event) {
                    if effect == .bell {
                        if bellOnNewMail { terminal.bell() }
                    } else {
                        effectSink.yield(effect)
                    }
                }
            }
            terminal.present(Renderer.render(state, context: context))
        }
        terminal.restore()
    }

    // MARK: - The async side

    private func forwardSyncEvents() async {
        for await event in services.events { post(.sync(event)) }
    }

    /// Each account's folders, observed (the account row is created if the
    /// cache does not know it yet, as its first sync would).
    private func observeAccounts() async {
        await withDiscardingTaskGroup { group in
            for name in accounts {
                group.addTask {
                    do {
                        let known = try self.services.cache.account(named: name)?.id
                        let id = if let known { known } else { try await self.services.cache.upsertAccount(name: name) }
                        self.post(.accountID(account: name, id: id))
                        for try await listing in self.services.cache.observeFolders(account: id) {
                            self.post(.folders(account: name, listing))
                        }
                    } catch {
                        self.post(.notice("\(name): cannot read the cache: \(error)"))
                    }
                }
            }
        }
    }

    /// Runs effects as they come; the folder observation and the pool
    /// polling are replaced or stopped by later effects.
    private func runEffects() async {
        let (folders, folderSink) = AsyncStream.makeStream(of: (FolderID, Int).self, bufferingPolicy: .bufferingNewest(1))
        let (poolSwitch, poolSink) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask { await self.observeMessages(folders) }
            group.addTask { await self.pollPool(poolSwitch) }
            for await effect in effects {
                switch effect {
                case .observeFolder(let id, let limit): folderSink.yield((id, limit))
                case .watchPool(let on): poolSink.yield(on)
                case .quit, .bell: break
                case .setFlags(let account, let folder, _, _), .remove(let account, let folder, _, _, _):
                    // Written here, one after the other, so that two quick changes reach
                    // the cache and its queue in the order the user made them; only the
                    // sync that sends them runs beside.
                    await writeLocally(effect)
                    group.addTask { await self.services.perform(.syncFolder(account: account, folder: folder.name)) }
                default: group.addTask { await self.perform(effect) }
                }
            }
            folderSink.finish()
            poolSink.finish()
            group.cancelAll()
        }
    }

    private func perform(_ effect: Effect) async {
        let cache = services.cache
        do {
            switch effect {
            case .loadDetail(let id):
                guard let detail = try cache.messageDetail(id) else { return }
                post(.detail(detail))
                if detail.body == nil {
                    do {
                        try await services.fetchBody(id)
                        if let fetched = try cache.messageDetail(id) { post(.detail(fetched)) }
                    } catch {
                        post(.bodyFailed(id, "\(error)"))
                    }
                } else {
                    try await cache.touchBody(message: id)
                }
            case .sync(let command):
                await services.perform(command)
            case .search(let query, let account):
                post(.searchResults(query: query, try cache.search(query, account: account)))
            case .setFlags, .remove, .observeFolder, .watchPool, .bell, .quit:
                break
            }
        } catch {
            post(.notice("failed: \(error)"))
        }
    }

    /// Applies a local change (read, flag, move, delete) to the cache and queues it for
    /// the server. It runs in a task of its own, which the app's cancellation (a SIGTERM
    /// while quitting) does not reach: the user was already shown the change, and a
    /// cancelled write would drop it.
    private func writeLocally(_ effect: Effect) async {
        let cache = services.cache
        let written = await Task {
            switch effect {
            case .setFlags(_, let folder, let uids, let change):
                try await cache.setFlagsLocally(folder: folder.id, uids: uids, change: change)
            case .remove(_, let folder, let uids, let kind, let target):
                try await cache.removeLocally(kind, folder: folder.id, uids: uids, target: target)
            default:
                break
            }
        }.result
        if case .failure(let error) = written { post(.notice("failed: \(error)")) }
    }

    /// Observes the shown folder's newest messages; a new folder replaces
    /// the previous observation.
    private func observeMessages(_ folders: AsyncStream<(FolderID, Int)>) async {
        // One unstructured task at a time, cancelled when the next folder
        // comes: a task group cannot cancel one child and keep adding.
        var current: Task<Void, Never>?
        for await (folder, limit) in folders {
            current?.cancel()
            let stream = services.cache.observeMessagePage(folder: folder, limit: limit)
            current = Task {
                do {
                    for try await page in stream { self.post(.messages(folder: folder, page)) }
                } catch {
                    self.post(.notice("cannot read the folder: \(error)"))
                }
            }
        }
        current?.cancel()
    }

    /// Posts the pool's state twice a second while the pool pane is shown.
    private func pollPool(_ switches: AsyncStream<Bool>) async {
        var current: Task<Void, Never>?
        for await on in switches {
            current?.cancel()
            current = nil
            guard on else { continue }
            current = Task {
                while !Task.isCancelled {
                    let (pool, watches) = await self.services.poolStatus()
                    self.post(.pool(pool, watches))
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
        }
        current?.cancel()
    }
}
