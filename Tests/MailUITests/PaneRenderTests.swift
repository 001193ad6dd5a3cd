import Foundation
import MailStore
import MailSync
@testable import MailUI
import TerminalKit
import Testing

/// Every pane drawn on the in-memory screen at several sizes, compared line
/// by line: wide characters, truncation, neutralised control characters.
@Suite struct PaneRenderTests {
    let reducer = Reducer(keymap: .standard)

    @Test func dump() {
        var state = Fixture.state(width: 100, height: 12)
        print(Fixture.render(state))
        state = Fixture.state(width: 60, height: 10)
        print(Fixture.render(state))
    }
}
