import Foundation
import Testing
@testable import MailStore

@Suite struct QueryTests {
    @Test func pagesAreNewestFirstWithoutGapsOrRepeats() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        // Several messages share a date: the UID breaks the tie.
        let headers = (1...95).map { header($0, day: Double($0 / 4)) }
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, headers.shuffled())
        var seen: [MessageRecord] = []
        var cursor: PageCursor?
        while true {
            let page = try test.cache.messagePage(folder: inbox, after: cursor, limit: 10)
            if page.isEmpty { break }
            seen += page
            cursor = page.last?.cursor
        }
        #expect(seen.map(\.uid) == (1...95).reversed().map { MessageUID($0) })
    }

    @Test func pageReflectsInsertsBetweenPages() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (1...20).map { header($0) })
        let first = try test.cache.messagePage(folder: inbox, limit: 10)
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, (21...25).map { header($0) })
        let second = try test.cache.messagePage(folder: inbox, after: first.last?.cursor, limit: 10)
        #expect(second.map(\.uid.rawValue) == Array((1...10).reversed()))
    }

    @Test func threadsGroupRepliesAndLateParents() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, sent) = try await test.seed()
        // A reply arrives before its parent; a second reply references the root only.
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [
            header(2, day: 2, subject: "Re: plan", messageID: "b@x", inReplyTo: "a@x", references: ["a@x"]),
            header(5, day: 5, subject: "other", messageID: "z@x"),
        ])
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [
            header(1, day: 1, subject: "plan", messageID: "a@x"),
            header(3, day: 3, subject: "Re: Re: plan", messageID: "c@x", references: ["a@x", "b@x"]),
        ])
        // The user's own reply in Sent belongs to the same thread.
        try await test.cache.upsertMessages(folder: sent, uidValidity: validity, [
            header(1, day: 4, subject: "Re: plan", messageID: "d@x", inReplyTo: "c@x", from: "me@example.com"),
        ])
        let threads = try test.cache.threadPage(folder: inbox)
        #expect(threads.count == 2)
        #expect(threads.first?.latest.subject == "other")
        let plan = try #require(threads.last)
        #expect(plan.messageCount == 3)
        #expect(plan.unreadCount == 3)
        #expect(plan.latest.uid == MessageUID(3))
        let conversation = try test.cache.threadMessages(plan.threadID)
        #expect(conversation.map(\.messageID) == ["a@x", "b@x", "c@x", "d@x"])
    }

    @Test func gmailThreadIDGroupsWithoutHeaders() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        var first = header(1, messageID: "p@x")
        first.gmailThreadID = 77
        var second = header(2, messageID: "q@x")
        second.gmailThreadID = 77
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [first, second])
        #expect(try test.cache.threadPage(folder: inbox).map(\.messageCount) == [2])
    }

    @Test func nextAndPreviousUnread() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        // Unread: 2, 5, 6 (UIDs equal the day, so the list is 10, 9, …, 1).
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity,
                                            (1...10).map { header($0, seen: ![2, 5, 6].contains($0)) })
        func cursor(_ uid: Int64) throws -> PageCursor {
            try #require(try test.cache.message(folder: inbox, uid: MessageUID(uid))).cursor
        }
        #expect(try test.cache.nextUnread(folder: inbox, from: nil)?.uid == MessageUID(6))
        #expect(try test.cache.nextUnread(folder: inbox, from: try cursor(6))?.uid == MessageUID(5))
        #expect(try test.cache.nextUnread(folder: inbox, from: try cursor(4))?.uid == MessageUID(2))
        #expect(try test.cache.nextUnread(folder: inbox, from: try cursor(2)) == nil)
        #expect(try test.cache.nextUnread(folder: inbox, from: try cursor(2), direction: .newer)?.uid == MessageUID(5))
        #expect(try test.cache.nextUnread(folder: inbox, from: try cursor(6), direction: .newer) == nil)
        #expect(try test.cache.nextUnread(folder: inbox, from: nil, direction: .newer)?.uid == MessageUID(2))
    }

    @Test func messageDetailCarriesBodyAndOrderedParts() async throws {
        let test = try TestCache()
        defer { test.remove() }
        let (_, inbox, _) = try await test.seed()
        try await test.cache.upsertMessages(folder: inbox, uidValidity: validity, [header(1)])
        let message = try #require(try test.cache.message(folder: inbox, uid: MessageUID(1)))
        #expect(try test.cache.messageDetail(message.id)?.body == nil)
        let bytes = Data("Subject: hi\r\n\r\nbody".utf8)
        try await test.cache.storeBody(message: message.id, bytes: bytes, text: "body", parts: [
            MessagePartRecord(messageRowID: message.id, section: "10", mimeType: "image/png", fileName: "b.png", size: 9, isAttachment: true),
            MessagePartRecord(messageRowID: message.id, section: "2", mimeType: "application/pdf", fileName: "a.pdf", size: 5, isAttachment: true),
            MessagePartRecord(messageRowID: message.id, section: "1", mimeType: "text/plain", size: 4, isAttachment: false),
        ])
        let detail = try #require(try test.cache.messageDetail(message.id))
        #expect(detail.body?.bytes == bytes)
        #expect(detail.body?.text == "body")
        #expect(detail.parts.map(\.section) == ["1", "2", "10"])
        #expect(detail.message == message)
    }
}
