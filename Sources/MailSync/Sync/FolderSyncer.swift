import Foundation
import IMAPClient
import IMAPCodec
import Logging
import MailStore
import MIME

/// Brings one cached folder up to date with the server, on a connection the
/// caller leased for it.
///
/// 1. SELECT, with QRESYNC (known UIDVALIDITY and HIGHESTMODSEQ) or CONDSTORE
///    when the server has them. A changed UIDVALIDITY resets the folder.
/// 2. Push the folder's queued local changes.
/// 3. Changes to known messages: from the QRESYNC SELECT (VANISHED and changed
///    flags), or FLAGS CHANGEDSINCE plus a UID SEARCH (CONDSTORE), or a
///    UID/FLAGS comparison in chunks (neither).
/// 4. New messages: UID FETCH above the highest cached UID, streamed into
///    batched write transactions. The fetch waits while a batch is written and
///    the connection buffers a bounded number of responses meanwhile, so
///    memory stays bounded for any folder size.
/// 5. Record UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ.
///
/// Every write is idempotent, so a sync interrupted anywhere (a dropped
/// connection, a crash) is completed by the next one without loss or
/// duplicates.
public struct FolderSyncer: Sendable {
    let cache: MailCache
    /// The account's name, for errors.
    let account: String
    let logger: Logger
    /// Messages per write transaction.
    public var batchSize = 500
    /// Batches this small get their snippets made before they are written.
    static let inlineSnippetLimit = 20
    /// UIDs per command when comparing flags without CONDSTORE.
    public var flagChunkSize = 5_000
    /// Called after each committed batch of new messages with the running count.
    public var progress: @Sendable (Int) -> Void = { _ in }

    public init(cache: MailCache, account: String, logger: Logger = Logger(label: "tern.sync"), batchSize: Int = 500) {
        self.cache = cache
        self.account = account
        self.logger = logger
        self.batchSize = batchSize
    }

    /// Syncs `folder` on `connection` (logged in; QRESYNC enabled when the
    /// server has it).
    public func sync(folder: FolderRecord, connection: IMAPConnection) async throws -> FolderSyncResult {
        var result = FolderSyncResult(folder: folder.name, folderID: folder.id)
        let mailbox = MailboxName(displayName: folder.name)
        let enabled = await connection.enabled
        let capabilities = await connection.capabilities
        let gmail = capabilities.contains(.gmailExtensions)
        let qresync = enabled.contains(.qresync)
        let condStore = qresync || enabled.contains(.condStore) || capabilities.contains(.condStore)

        var parameters: SelectParameters?
        if qresync, let validity = folder.uidValidity, let modSeq = folder.highestModSeq, modSeq.rawValue > 0 {
            parameters = .qresync(uidValidity: IMAPCodec.UIDValidity(UInt32(clamping: validity.rawValue)),
                                  modSeq: IMAPCodec.ModSeq(UInt64(modSeq.rawValue)), knownUIDs: nil)
        } else if condStore {
            parameters = .condStore
        }
        // EXAMINE unless local changes wait to be pushed: a read-only look
        // changes nothing on the server (no \\Recent cleared, no index
        // written), so other clients' IDLE sessions are not woken by it.
        let mustWrite = try cache.foldersWithPendingChanges().contains(folder.id)
        let selected: SelectedMailbox
        do {
            selected = mustWrite ? try await connection.select(mailbox, parameters)
                                 : try await connection.examine(mailbox, parameters)
        } catch let error as IMAPCommandError where error.text.code == .nonExistent {
            throw SyncError.folderMissing(account: account, folder: folder.name)
        }
        guard let serverValidity = selected.uidValidity.map({ MailStore.UIDValidity($0.rawValue) }) else {
            throw IMAPConnection.Error.unexpectedResponse("SELECT \(folder.name) gave no UIDVALIDITY")
        }

        // UIDVALIDITY: a change voids every cached UID.
        var knownModSeq = folder.highestModSeq
        if let cached = folder.uidValidity, cached != serverValidity {
            result.wasReset = try await cache.resetFolder(folder.id, newUIDValidity: serverValidity)
            knownModSeq = nil
            logger.notice("UIDVALIDITY changed; folder rebuilt", metadata: ["folder": "\(folder.name)"])
        } else if folder.uidValidity == nil {
            try await cache.updateFolderSyncState(folder.id, uidValidity: serverValidity)
        }
        let qresyncApplied = parameters.map { if case .qresync = $0 { return !result.wasReset } else { return false } } ?? false

        if mustWrite {
            result.pushed = try await PendingChangePusher(cache: cache, logger: logger)
                .push(folder: folder, uidValidity: serverValidity, connection: connection)
        }

        let knownMax = try cache.maxUID(folder: folder.id)
        result.initial = folder.lastFullSync == nil || result.wasReset

        // Changes to the messages already cached.
        if let knownMax {
            if qresyncApplied {
                let vanished = selected.vanished.flatMap { Self.members($0) }
                if !vanished.isEmpty { result.expunged += try await cache.applyExpunges(folder: folder.id, uids: vanished) }
                let updates = selected.changed.compactMap(Self.flagUpdate)
                if !updates.isEmpty { result.flagsChanged += try await cache.applyFlagChanges(folder: folder.id, updates) }
            } else if condStore, let knownModSeq, knownModSeq.rawValue > 0 {
                if selected.highestModSeq.map({ Int64(clamping: $0.rawValue) }) != knownModSeq.rawValue {
                    var modifiers = FetchModifiers.none
                    modifiers.changedSince = IMAPCodec.ModSeq(UInt64(knownModSeq.rawValue))
                    let known = UIDSet(ranges: [.init(UID(1), UID(UInt32(clamping: knownMax.rawValue)))])
                    // On Gmail a label change is a change too (it bumps MODSEQ).
                    let items: [FetchItem] = gmail ? [.uid, .flags, .modSeq, .gmailLabels] : [.uid, .flags, .modSeq]
                    let changed = try await connection.uidFetch(known, items: items, modifiers: modifiers)
                    let updates = changed.compactMap(Self.flagUpdate)
                    if !updates.isEmpty { result.flagsChanged += try await cache.applyFlagChanges(folder: folder.id, updates) }
                }
                // Expunges are found below by comparing counts.
            } else {
                let (flagsChanged, expunged) = try await compareFlags(folder: folder, gmail: gmail, connection: connection)
                result.flagsChanged += flagsChanged
                result.expunged += expunged
            }
        }

        // New messages.
        let fetchFrom = (knownMax?.rawValue ?? 0) + 1
        let serverHasMore = selected.uidNext.map { Int64($0.rawValue) > fetchFrom } ?? true
        if selected.exists > 0, serverHasMore {
            let newUIDs = gmail
                ? try await fetchNewGmail(folder: folder, from: fetchFrom, validity: serverValidity, condStore: condStore,
                                          connection: connection)
                : try await fetchNew(folder: folder, set: UIDSet(from: UID(UInt32(clamping: fetchFrom))), from: fetchFrom,
                                     validity: serverValidity, gmail: false, condStore: condStore, connection: connection)
            result.added = newUIDs.count
            if !result.initial { result.newUIDs = newUIDs }
        }

        // Without QRESYNC expunges are only visible as a count mismatch; with
        // it the count must already match, and a mismatch heals the cache.
        let total = try cache.counts(folder: folder.id)?.total ?? 0
        if total != selected.exists {
            let present = try await connection.uidSearch(.all)
            let removed = try await cache.retainOnly(folder: folder.id, uids: Set(present.map { MessageUID($0.rawValue) }))
            result.expunged += removed
            if qresyncApplied, removed > 0 {
                logger.warning("cache disagreed with QRESYNC; reconciled by UID SEARCH", metadata: ["folder": "\(folder.name)"])
            }
        }

        try await cache.updateFolderSyncState(
            folder.id, uidValidity: serverValidity,
            uidNext: selected.uidNext.map { MessageUID($0.rawValue) },
            highestModSeq: selected.highestModSeq.map { MailStore.ModSeq(rawValue: Int64(clamping: $0.rawValue)) },
            fullSyncAt: Date()
        )
        return result
    }

    /// Streams messages with UID ≥ `from` into the cache in batches; returns their UIDs.
    ///
    /// A pipeline of three stages, so receiving, decoding and writing
    /// overlap: the fetch hands batches of replies to a converter (MIME
    /// decoding of names, subjects, dates and snippets, spread over the
    /// cores), which hands headers to the writer (one transaction per batch,
    /// in UID order). Each handoff holds one batch: when the writer falls
    /// behind, the fetch waits and the socket stops being read, so memory
    /// stays bounded for any folder size.
    private func fetchNew(folder: FolderRecord, set: UIDSet, from: Int64, validity: MailStore.UIDValidity, gmail: Bool,
                          condStore: Bool, connection: IMAPConnection) async throws -> [MessageUID] {
        let items = HeaderConversion.fetchItems(condStore: condStore, gmail: gmail)
        let cache = self.cache
        let batchSize = self.batchSize
        let progress = self.progress
        let replies = Handoff<[FetchedMessage]>()
        let headers = Handoff<[FetchedHeader]>()
        return try await withThrowingTaskGroup(of: [MessageUID].self) { group in
            group.addTask {
                // The converter.
                do {
                    let clock = ContinuousClock()
                    var busy = Duration.zero
                    while let batch = await replies.receive() {
                        let start = clock.now
                        // `n:*` always includes the highest UID, even when it is below n.
                        var converted = await HeaderConversion.headers(from: batch).filter { $0.uid.rawValue >= from }
                        // A few new messages (an IDLE arrival) get their snippets at
                        // once; a large fetch leaves them for right after its commit.
                        if converted.count <= Self.inlineSnippetLimit {
                            for i in converted.indices {
                                guard let source = converted[i].snippetSource else { continue }
                                converted[i].snippet = Snippet.make(from: MessageParser.parse(source))
                                converted[i].snippetSource = nil
                            }
                        }
                        busy += clock.now - start
                        if !converted.isEmpty { try await headers.send(converted) }
                    }
                    await headers.finish()
                    logger.trace("decoding stage", metadata: ["folder": "\(folder.name)", "busy": "\(busy)"])
                } catch {
                    await replies.cancel()
                    await headers.cancel()
                    throw error
                }
                return []
            }
            group.addTask {
                // The writer.
                var uids: [MessageUID] = []
                do {
                    let clock = ContinuousClock()
                    var busy = Duration.zero
                    while let batch = await headers.receive() {
                        let start = clock.now
                        try await cache.upsertMessages(folder: folder.id, uidValidity: validity, batch)
                        busy += clock.now - start
                        uids += batch.map(\.uid)
                        progress(uids.count)
                    }
                    logger.trace("writing stage", metadata: ["folder": "\(folder.name)", "busy": "\(busy)"])
                } catch {
                    await headers.cancel()
                    await replies.cancel()
                    throw error
                }
                return uids
            }
            do {
                let clock = ContinuousClock()
                let start = clock.now
                var blocked = Duration.zero
                try await connection.uidFetch(set, items: items, batchSize: batchSize) { batch in
                    let waitStart = clock.now
                    try await replies.send(batch)
                    blocked += clock.now - waitStart
                }
                await replies.finish()
                logger.trace("fetch stage", metadata: ["folder": "\(folder.name)", "total": "\(clock.now - start)",
                                                       "waitingForDecoder": "\(blocked)"])
            } catch {
                await replies.cancel()
                await headers.cancel()
                // A stage's own error, when one failed first, says more than
                // the cancelled handoff the fetch saw; otherwise the fetch's.
                var cause = error
                while true {
                    do {
                        guard try await group.next() != nil else { break }
                    } catch is HandoffCancelled {
                    } catch let stageError {
                        if cause is HandoffCancelled { cause = stageError }
                    }
                }
                throw cause
            }
            var uids: [MessageUID] = []
            while let stage = try await group.next() { uids += stage }
            return uids
        }
    }

    /// New messages on Gmail (X-GM-EXT-1): one message appears in the folder
    /// of each of its labels. A first light FETCH reads the X-GM-MSGID of the
    /// new UIDs; a message already cached in another folder of the account is
    /// copied from there with only this folder's UID, flags and labels
    /// fetched (no envelope, structure or body bytes again); the others are
    /// fetched in full.
    private func fetchNewGmail(folder: FolderRecord, from: Int64, validity: MailStore.UIDValidity, condStore: Bool,
                               connection: IMAPConnection) async throws -> [MessageUID] {
        let all = UIDSet(from: UID(UInt32(clamping: from)))
        var ids: [(uid: UID, id: Int64?)] = []
        try await connection.uidFetch(all, items: [.uid, .gmailMessageID]) { message in
            guard let uid = message.uid, Int64(uid.rawValue) >= from else { return }
            ids.append((uid, message.gmailMessageID.map { Int64(bitPattern: $0) }))
        }
        let known = try cache.gmailCopies(folder: folder.id, messageIDs: ids.compactMap(\.id))
        guard !known.isEmpty else {
            return try await fetchNew(folder: folder, set: all, from: from, validity: validity, gmail: true,
                                      condStore: condStore, connection: connection)
        }
        var uids: [MessageUID] = []
        let copies = UIDSet(ids.filter { $0.id.map { known[$0] != nil } ?? false }.map(\.uid))
        var items: [FetchItem] = [.uid, .flags, .gmailMessageID, .gmailThreadID, .gmailLabels]
        if condStore { items.append(.modSeq) }
        var batch: [FetchedHeader] = []
        try await connection.uidFetch(copies, items: items) { message in
            guard let uid = message.uid, let id = message.gmailMessageID,
                  var header = known[Int64(bitPattern: id)] else { return }
            header.uid = MessageUID(uid.rawValue)
            if let update = Self.flagUpdate(message) {
                header.flags = update.flags
                header.keywords = update.keywords
                header.modSeq = update.modSeq
                header.gmailLabels = update.gmailLabels ?? header.gmailLabels
            }
            header.gmailThreadID = message.gmailThreadID.map { Int64(bitPattern: $0) } ?? header.gmailThreadID
            batch.append(header)
        }
        for start in stride(from: 0, to: batch.count, by: max(1, batchSize)) {
            let chunk = Array(batch[start..<min(start + max(1, batchSize), batch.count)])
            try await cache.upsertMessages(folder: folder.id, uidValidity: validity, chunk)
            uids += chunk.map(\.uid)
            progress(uids.count)
        }
        logger.debug("Gmail copies recognised by X-GM-MSGID", metadata: ["folder": "\(folder.name)", "copies": "\(batch.count)"])
        let fresh = ids.filter { $0.id.map { known[$0] == nil } ?? true }.map(\.uid)
        if !fresh.isEmpty {
            uids += try await fetchNew(folder: folder, set: UIDSet(fresh), from: from, validity: validity, gmail: true,
                                       condStore: condStore, connection: connection)
        }
        return uids.sorted { $0.rawValue < $1.rawValue }
    }

    /// Without CONDSTORE: the flags of every known message, in chunks;
    /// messages the server no longer lists are expunged.
    private func compareFlags(folder: FolderRecord, gmail: Bool, connection: IMAPConnection) async throws -> (Int, Int) {
        let cachedUIDs = try cache.uids(folder: folder.id)
        var present = Set<MessageUID>()
        var changed = 0
        var start = 0
        while start < cachedUIDs.count {
            let chunk = cachedUIDs[start..<min(start + flagChunkSize, cachedUIDs.count)]
            start += flagChunkSize
            guard let low = chunk.first, let high = chunk.last else { break }
            let set = UIDSet(ranges: [.init(UID(UInt32(clamping: low.rawValue)), UID(UInt32(clamping: high.rawValue)))])
            let fetched = try await connection.uidFetch(set, items: gmail ? [.uid, .flags, .gmailLabels] : [.uid, .flags])
            let updates = fetched.compactMap(Self.flagUpdate)
            present.formUnion(updates.map(\.uid))
            if !updates.isEmpty { changed += try await cache.applyFlagChanges(folder: folder.id, updates) }
        }
        let expunged = try await cache.applyExpunges(folder: folder.id, uids: cachedUIDs.filter { !present.contains($0) })
        return (changed, expunged)
    }

    /// A flag update from a FETCH reply that carries UID and FLAGS.
    static func flagUpdate(_ message: FetchedMessage) -> FlagUpdate? {
        guard let uid = message.uid, let flags = message.flags else { return nil }
        let (system, keywords) = MessageFlags.parse(flags.map(\.description))
        return FlagUpdate(uid: MessageUID(uid.rawValue), flags: system, keywords: keywords,
                          modSeq: message.modSeq.map { MailStore.ModSeq(rawValue: Int64(clamping: $0.rawValue)) },
                          gmailLabels: message.gmailLabels)
    }

    static func members(_ set: UIDSet) -> [MessageUID] {
        (set.members(limit: 10_000_000) ?? []).map { MessageUID($0.rawValue) }
    }
}
