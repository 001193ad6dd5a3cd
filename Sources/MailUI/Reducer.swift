import Foundation
import MailStore
import MailSync
import TerminalKit

/// The UI's logic as a pure function: a state and an event in, the new
/// state and the effects to run out. No I/O, so every behaviour is tested
/// by feeding events.
///
/// ```swift
/// let reducer = Reducer(keymap: .standard)
/// let effects = reducer.reduce(&state, .key(.enter))
/// ```
public struct Reducer: Sendable {
    public var keymap: Keymap

    public init(keymap: Keymap) { self.keymap = keymap }

    /// Applies one event; returns what must happen outside.
    public func reduce(_ state: inout AppState, _ event: UIEvent) -> [Effect] {
        let effects = reduceEvent(&state, event)
        ReaderPane.rewrap(&state)
        return effects
    }

    private func reduceEvent(_ state: inout AppState, _ event: UIEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key, &state)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            return []
        case .accountID(let account, let id):
            if let index = state.accounts.firstIndex(where: { $0.name == account }) { state.accounts[index].id = id }
            return []
        case .folders(let account, let listing):
            return updateFolders(account: account, listing: listing, &state)
        case .messages(let folder, let records):
            guard folder == state.currentFolder?.id, state.searchQuery == nil else { return [] }
            replaceMessages(records, &state)
            return []
        case .detail(let detail):
            guard state.reader?.message.id == detail.message.id else { return [] }
            state.reader?.detail = detail
            return []
        case .bodyFailed(let id, let reason):
            guard state.reader?.message.id == id else { return [] }
            state.reader?.error = reason
            return []
        case .searchResults(let query, let records):
            guard state.searchQuery == query else { return [] }
            state.messages = records
            state.list = ListViewState(count: state.messages.count)
            state.notice = "\(records.count) message\(records.count == 1 ? "" : "s") match \"\(query)\""
            return []
        case .sync(let event):
            return apply(event, &state)
        case .pool(let snapshot, let watches):
            state.pool = snapshot
            state.watches = watches
            return []
        case .notice(let text):
            state.notice = text
            return []
        case .quitRequested:
            state.quitting = true
            return [.quit]
        }
    }

    // MARK: - Keys

    private func handle(_ key: KeyEvent, _ state: inout AppState) -> [Effect] {
        if key == .resize { return [] }
        if let overlay = state.overlay { return handleOverlay(overlay, key, &state) }
        guard let action = keymap.action(for: key) else { return [] }
        return perform(action, &state)
    }

    /// The rows a page moves.
    func pageSize(_ state: AppState) -> Int { max(1, state.height / 2) }

    func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
        switch action {
        case .moveDown: return move(by: 1, &state)
        case .moveUp: return move(by: -1, &state)
        case .pageDown: return move(by: pageSize(state), &state)
        case .pageUp: return move(by: -pageSize(state), &state)
        case .moveTop: return move(by: -Int.max / 2, &state)
        case .moveBottom: return move(by: Int.max / 2, &state)
        case .nextPane, .previousPane:
            let order: [Pane] = state.reader == nil ? [.sidebar, .list] : [.sidebar, .list, .reader]
            let position = order.firstIndex(of: state.focus) ?? 0
            state.focus = order[(position + (action == .nextPane ? 1 : order.count - 1)) % order.count]
            return []
        case .open: return open(&state)
        case .back: return back(&state)
        case .nextUnread, .previousUnread: return jumpToUnread(forward: action == .nextUnread, &state)
        case .syncAll:
            state.notice = "syncing all accounts"
            return [.sync(.syncAll)]
        case .syncAccount:
            guard let index = state.currentAccountIndex else { return [] }
            state.notice = "syncing \(state.accounts[index].name)"
            return [.sync(.syncAccount(state.accounts[index].name))]
        case .toggleRead:
            guard let message = targetMessage(state) else { return [] }
            let change = message.isUnread ? PendingChangeRecord.FlagChangePayload(add: .seen)
                                          : PendingChangeRecord.FlagChangePayload(remove: .seen)
            return setFlags(message, change, &state)
        case .toggleFlag:
            guard let message = targetMessage(state) else { return [] }
            let flagged = message.flags.contains(.flagged)
            return setFlags(message, flagged ? .init(remove: .flagged) : .init(add: .flagged), &state)
        case .delete:
            guard let message = targetMessage(state), let account = account(of: message, state) else { return [] }
            if let trash = account.folder(role: .trash), trash.id != message.folderID {
                return remove(message, kind: .move, target: trash.name, notice: "moved to \(trash.name)", &state)
            }
            return remove(message, kind: .delete, target: "", notice: "deleted", &state)
        case .archive:
            guard let message = targetMessage(state), let account = account(of: message, state) else { return [] }
            guard let archive = account.folder(role: .archive), archive.id != message.folderID else {
                state.notice = "\(account.name) has no archive folder"
                return []
            }
            return remove(message, kind: .move, target: archive.name, notice: "archived to \(archive.name)", &state)
        case .move:
            guard let message = targetMessage(state), let account = account(of: message, state) else { return [] }
            let targets = account.folders.filter { $0.id != message.folderID }
            guard !targets.isEmpty else { return [] }
            state.overlay = .folderPicker(FolderPicker(folders: targets, message: message))
            return []
        case .search:
            state.overlay = .searchPrompt(query: "")
            return []
        case .toggleThreads:
            let selectedID = state.selectedMessage?.id
            state.threaded.toggle()
            let rows = state.listRows
            state.list.setCount(rows.count)
            if let position = rows.firstIndex(where: { $0.message.id == selectedID }) { state.list.select(position) }
            state.notice = state.threaded ? "threads on" : "threads off"
            return []
        case .togglePoolPane:
            state.showPool.toggle()
            return [.watchPool(state.showPool)]
        case .help:
            state.overlay = .help
            return []
        case .quit:
            state.quitting = true
            return [.quit]
        }
    }

    private func move(by delta: Int, _ state: inout AppState) -> [Effect] {
        switch state.focus {
        case .sidebar:
            state.sidebar.move(by: delta)
            state.userPickedFolder = true
            guard let selected = state.selectedSidebarFolder, selected.folder.id != state.currentFolder?.id else { return [] }
            return show(selected.folder, &state)
        case .list:
            state.list.move(by: delta)
            state.userPickedFolder = true
            return loadMoreIfNeeded(&state)
        case .reader:
            guard var reader = state.reader else { return [] }
            let lines = ReaderPane.lines(reader, width: ReaderPane.textWidth(state)).count
            reader.scroll.scroll(by: delta, lineCount: lines, height: ReaderPane.textHeight(state))
            state.reader = reader
            return []
        }
    }

    /// Shows a folder in the list (leaving any search).
    func show(_ folder: FolderRecord, _ state: inout AppState) -> [Effect] {
        state.currentFolder = folder
        state.searchQuery = nil
        state.messages = []
        state.list = ListViewState()
        state.reader = nil
        state.loadedLimit = AppState.pageSize
        return [.observeFolder(folder.id, limit: state.loadedLimit)]
    }

    /// Loads the next page when the selection comes within a screen of the
    /// end of what is loaded (and the folder has more).
    private func loadMoreIfNeeded(_ state: inout AppState) -> [Effect] {
        guard state.searchQuery == nil, let folder = state.currentFolder, state.messages.count >= state.loadedLimit,
              state.list.selected >= state.messages.count - max(state.height, 50) else { return [] }
        state.loadedLimit += AppState.pageSize
        return [.observeFolder(folder.id, limit: state.loadedLimit)]
    }

    private func open(_ state: inout AppState) -> [Effect] {
        switch state.focus {
        case .sidebar:
            state.focus = .list
            return []
        case .list:
            guard let message = state.selectedMessage else { return [] }
            return openReader(message, &state)
        case .reader:
            state.reader?.fullScreen.toggle()
            return []
        }
    }

    private func openReader(_ message: MessageRecord, _ state: inout AppState) -> [Effect] {
        state.reader = ReaderState(message: message)
        state.focus = .reader
        if let account = account(of: message, state), let folder = folder(of: message, state) {
            state.arrivals.remove(Arrival(account: account.name, folder: folder.name, uid: message.uid))
        }
        var effects: [Effect] = [.loadDetail(message.id)]
        if message.isUnread { effects += setFlags(message, .init(add: .seen), &state) }
        return effects
    }

    private func back(_ state: inout AppState) -> [Effect] {
        switch state.focus {
        case .reader:
            state.reader = nil
            state.focus = .list
        case .list:
            if state.searchQuery != nil, let folder = state.currentFolder {
                return show(folder, &state)
            }
            state.focus = .sidebar
        case .sidebar:
            break
        }
        return []
    }

    private func jumpToUnread(forward: Bool, _ state: inout AppState) -> [Effect] {
        let rows = state.listRows
        let start = state.list.selected
        let candidates = forward ? Array(rows.indices.dropFirst(start + 1)) : Array(rows.indices.prefix(start).reversed())
        guard let target = candidates.first(where: { rows[$0].message.isUnread }) else {
            state.notice = "no more unread messages"
            return []
        }
        state.list.select(target)
        if state.focus == .sidebar { state.focus = .list }
        return state.reader != nil ? openReader(rows[target].message, &state) : []
    }

    /// The message an action applies to: the open one in the reader, else the selected one.
    private func targetMessage(_ state: AppState) -> MessageRecord? {
        if state.focus == .reader, let reader = state.reader { return reader.message }
        return state.focus == .sidebar ? nil : state.selectedMessage
    }

    private func account(of message: MessageRecord, _ state: AppState) -> AccountState? {
        state.accounts.first { $0.id == message.accountID }
    }

    private func folder(of message: MessageRecord, _ state: AppState) -> FolderRecord? {
        account(of: message, state)?.folders.first { $0.id == message.folderID }
    }

    private func setFlags(_ message: MessageRecord, _ change: PendingChangeRecord.FlagChangePayload,
                          _ state: inout AppState) -> [Effect] {
        guard let account = account(of: message, state), let folder = folder(of: message, state) else { return [] }
        // Optimistic: the list and reader show the change before the cache confirms it.
        var keywords = message.keywords
        var flags = message.flags
        change.apply(to: &flags, keywords: &keywords)
        if let index = state.messages.firstIndex(where: { $0.id == message.id }) { state.messages[index].flags = flags }
        if state.reader?.message.id == message.id { state.reader?.message.flags = flags }
        return [.setFlags(account: account.name, folder: folder, uids: [message.uid], change: change)]
    }

    func remove(_ message: MessageRecord, kind: PendingChangeRecord.Kind, target: String, notice: String,
                        _ state: inout AppState) -> [Effect] {
        guard let account = account(of: message, state), let folder = folder(of: message, state) else { return [] }
        state.messages.removeAll { $0.id == message.id }
        state.list.setCount(state.messages.count)
        if state.reader?.message.id == message.id {
            state.reader = nil
            state.focus = .list
        }
        state.notice = notice
        return [.remove(account: account.name, folder: folder, uids: [message.uid], kind: kind, target: target)]
    }
}
