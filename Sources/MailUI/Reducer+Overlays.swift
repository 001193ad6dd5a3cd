import Foundation
import MailStore
import TerminalKit

/// Keys while an overlay is shown: the help, the search prompt, the folder picker.
extension Reducer {
    func handleOverlay(_ overlay: Overlay, _ key: KeyEvent, _ state: inout AppState) -> [Effect] {
        switch overlay {
        case .help:
            state.overlay = nil
            return []
        case .searchPrompt(var query):
            switch key {
            case .escape:
                state.overlay = nil
            case .enter:
                state.overlay = nil
                guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
                state.searchQuery = query
                state.reader = nil
                state.focus = .list
                let account = state.currentAccountIndex.flatMap { state.accounts[$0].id }
                return [.search(query, account: account)]
            case .backspace:
                if !query.isEmpty { query.removeLast() }
                state.overlay = .searchPrompt(query: query)
            case .character(let c):
                query.append(c)
                state.overlay = .searchPrompt(query: query)
            default:
                break
            }
            return []
        case .folderPicker(var picker):
            switch keymap.action(for: key) {
            case .moveDown?: picker.list.move(by: 1)
            case .moveUp?: picker.list.move(by: -1)
            case .pageDown?: picker.list.move(by: pageSize(state))
            case .pageUp?: picker.list.move(by: -pageSize(state))
            case .open?:
                state.overlay = nil
                let target = picker.folders[picker.list.selected]
                return remove(picker.message, kind: .move, target: target.name, notice: "moved to \(target.name)", &state)
            case .back?, .quit?:
                state.overlay = nil
                return []
            default:
                break
            }
            state.overlay = .folderPicker(picker)
            return []
        }
    }
}
