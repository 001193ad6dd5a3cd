import MailStore

/// One row of the message list: a message and its depth in its thread.
public struct ListRow: Hashable, Sendable {
    public var message: MessageRecord
    /// 0 for a thread's first message shown, 1 for its replies.
    public var depth: Int

    /// Groups messages by thread: threads ordered by their newest message,
    /// each thread oldest first, replies indented.
    static func threaded(_ messages: [MessageRecord]) -> [ListRow] {
        var order: [ThreadID?] = []
        var groups: [ThreadID?: [MessageRecord]] = [:]
        var unthreaded: [[MessageRecord]] = []
        for message in messages {  // newest first
            guard let thread = message.threadID else {
                unthreaded.append([message])
                order.append(nil)
                continue
            }
            if groups[thread] == nil { order.append(thread) }
            groups[thread, default: []].append(message)
        }
        var rows: [ListRow] = []
        var single = unthreaded.makeIterator()
        for key in order {
            let members = key.flatMap { groups[$0] } ?? single.next() ?? []
            for (index, message) in members.reversed().enumerated() {
                rows.append(ListRow(message: message, depth: index == 0 ? 0 : 1))
            }
        }
        return rows
    }
}
