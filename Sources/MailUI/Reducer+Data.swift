import MailStore
import MailSync
import TerminalKit

/// What the cache and the sync layer tell the UI: folder lists, pages of
/// messages, sync events.
extension Reducer {
    func updateFolders(account: String, listing: FolderListing, _ state: inout AppState) -> [Effect] {
        guard let index = state.accounts.firstIndex(where: { $0.name == account }) else { return [] }
        let selectedID = state.selectedSidebarFolder?.folder.id
        state.accounts[index].folders = listing.folders.filter(\.selectable)
        if let id = listing.folders.first?.accountID { state.accounts[index].id = id }
        let all = state.sidebarFolders
        state.sidebar.setCount(all.count)
        if let selectedID, let position = all.firstIndex(where: { $0.folder.id == selectedID }) {
            state.sidebar.select(position)
        }
        if let current = state.currentFolder, let fresh = all.first(where: { $0.folder.id == current.id }) {
            state.currentFolder = fresh.folder
        }
        // Until the user picks a folder, show the first account's inbox (the
        // accounts' folder lists arrive in any order).
        guard !state.userPickedFolder, let first = all.first, first.folder.id != state.currentFolder?.id else { return [] }
        state.sidebar.select(0)
        state.currentFolder = first.folder
        state.messages = []
        state.list = ListViewState()
        state.loadedLimit = AppState.pageSize
        return [.observeFolder(first.folder.id, limit: state.loadedLimit)]
    }

    func replaceMessages(_ records: [MessageRecord], _ state: inout AppState) {
        let selectedID = state.selectedMessage?.id
        state.messages = records
        let rows = state.listRows
        state.list.setCount(rows.count)
        if let selectedID, let position = rows.firstIndex(where: { $0.message.id == selectedID }) {
            state.list.select(position)
        }
        if let open = state.reader?.message.id, let fresh = records.first(where: { $0.id == open }) {
            state.reader?.message = fresh
        }
    }

    func apply(_ event: SyncEvent, _ state: inout AppState) -> [Effect] {
        guard let index = state.accounts.firstIndex(where: { $0.name == event.account }) else { return [] }
        switch event {
        case .started:
            state.accounts[index].activity = .syncing(fetched: 0)
        case .progress(_, _, let fetched):
            // A watcher's folder sync reports progress outside an account sync: not "syncing".
            if case .syncing = state.accounts[index].activity { state.accounts[index].activity = .syncing(fetched: fetched) }
        case .folderUpdated:
            break
        case .newMail(let account, let folder, let uids):
            for uid in uids { state.arrivals.insert(Arrival(account: account, folder: folder, uid: uid)) }
            state.notice = "\(uids.count) new message\(uids.count == 1 ? "" : "s") in \(account)/\(folder)"
            return uids.isEmpty ? [] : [.bell]
        case .finished(let report):
            state.accounts[index].lastSync = state.now
            if let error = report.error ?? report.failedFolders.first.map({ "\($0.folder): \($0.error)" }) {
                state.accounts[index].activity = .error(error)
            } else {
                state.accounts[index].activity = .idle
            }
        case .failed(_, let error):
            state.accounts[index].activity = .error(error)
        case .watchMode(_, _, let mode):
            state.accounts[index].watchMode = mode.name
            if case .failed(let reason) = mode { state.accounts[index].activity = .error(reason) }
        }
        return []
    }
}
