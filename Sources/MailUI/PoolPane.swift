import MailSync
import TerminalKit

/// The pool pane: per account its connections (open, in use, idle, IDLE),
/// leases, reuse, waits, reconnects, health-check failures and last error,
/// then each watched folder's mode and IDLE latency. Updated live while shown.
enum PoolPane {
    static func lines(_ state: AppState) -> [(text: String, style: String)] {
        guard let pool = state.pool else { return [("Waiting for the pool's numbers…", "pool")] }
        var lines: [(String, String)] = []
        for account in pool.accounts {
            lines.append(("\(account.account)  open \(account.open)/\(account.maxConnections)  in use \(account.inUse)  idle \(account.idle)  IDLE \(account.idling)  opening \(account.opening)  waiting \(account.waiting)",
                          account.inUse > 0 ? "pool.connection.busy" : "pool.account"))
            let reuse = Int((account.reuseRatio * 100).rounded())
            lines.append(("  leases \(account.leases)  reuse \(reuse)%  waits \(account.waits)  reconnects \(account.reconnects)  health failures \(account.healthCheckFailures)  opened \(account.connectionsOpened)",
                          "pool.counters"))
            if let error = account.lastError {
                lines.append(("  last error: \(error)", "pool.error"))
            }
            for watch in state.watches where watch.account == account.account {
                var text = "  \(watch.folder): \(watch.mode)"
                if let last = watch.latency.last { text += "  latency \(milliseconds(last))" }
                if let p99 = watch.latency.p99 { text += " (p99 \(milliseconds(p99)))" }
                text += "  syncs \(watch.syncs)"
                lines.append((text, watch.mode == .idle || watch.mode == .notify ? "pool.connection.idling" : "pool.watch"))
            }
        }
        return lines
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(ms) ms"
    }

    static func preferredHeight(_ state: AppState) -> Int { lines(state).count + 1 }

    static func draw(_ state: AppState, in rect: Rect, context: RenderContext, grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let theme = context.theme
        grid.fill(rect)
        grid.writeRow(" Connection pool", x: rect.x, y: rect.y, width: rect.width, style: theme.style("pool.title"))
        for (offset, line) in lines(state).prefix(rect.height - 1).enumerated() {
            grid.write(" " + line.text, x: rect.x, y: rect.y + 1 + offset, maxWidth: rect.width, style: theme.style(line.style))
        }
    }
}
