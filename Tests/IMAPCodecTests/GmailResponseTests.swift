import NIOCore
import Testing
@testable import IMAPCodec

/// Responses as Gmail sends them (X-GM-EXT-1, its folder layout, XOAUTH2's
/// error continuation), parsed whole, in pieces and byte by byte.
@Suite struct GmailResponseTests {
    @Test func folderListWithSpecialUse() {
        let responses = parseTranscript(#"""
            * LIST (\HasNoChildren) "/" "INBOX"\#r
            * LIST (\HasChildren \Noselect) "/" "[Gmail]"\#r
            * LIST (\All \HasNoChildren) "/" "[Gmail]/All Mail"\#r
            * LIST (\Drafts \HasNoChildren) "/" "[Gmail]/Drafts"\#r
            * LIST (\HasNoChildren \Important) "/" "[Gmail]/Important"\#r
            * LIST (\HasNoChildren \Sent) "/" "[Gmail]/Sent Mail"\#r
            * LIST (\HasNoChildren \Junk) "/" "[Gmail]/Spam"\#r
            * LIST (\Flagged \HasNoChildren) "/" "[Gmail]/Starred"\#r
            * LIST (\HasNoChildren \Trash) "/" "[Gmail]/Trash"\#r
            * LIST (\HasNoChildren) "/" "Projects/Tern &- Co"\#r
            a3 OK Success\#r

            """#)
        let listings = responses.compactMap { response -> MailboxListing? in
            if case .untagged(.list(let listing)) = response { return listing }
            return nil
        }
        #expect(listings.count == 10)
        let byName = Dictionary(uniqueKeysWithValues: listings.map { ($0.name.displayName, $0.attributes) })
        #expect(byName["[Gmail]"]?.contains(.noSelect) == true)
        #expect(byName["[Gmail]/All Mail"]?.contains(.all) == true)
        #expect(byName["[Gmail]/Sent Mail"]?.contains(.sent) == true)
        #expect(byName["[Gmail]/Spam"]?.contains(.junk) == true)
        #expect(byName["[Gmail]/Starred"]?.contains(.flagged) == true)
        #expect(byName["[Gmail]/Trash"]?.contains(.trash) == true)
        #expect(byName["[Gmail]/Drafts"]?.contains(.drafts) == true)
        #expect(byName["[Gmail]/Important"]?.contains(.important) == true)
        #expect(byName["Projects/Tern & Co"] != nil, "modified UTF-7 &- is &")
    }

    @Test func fetchWithGmailAttributes() {
        let responses = parseTranscript(#"""
            * 1 FETCH (X-GM-THRID 1266894439832287888 X-GM-MSGID 1266894439832287888 X-GM-LABELS (\Inbox \Important "Project X") UID 42 FLAGS (\Seen) MODSEQ (4891))\#r
            * 2 FETCH (X-GM-THRID 1266894439832287888 X-GM-MSGID 17293822569102704640 X-GM-LABELS (\Sent) UID 43 FLAGS ())\#r
            * 3 FETCH (UID 44 X-GM-MSGID 9223372036854775808 X-GM-LABELS ("\\Important" {9}\#r
            Tern & Co))\#r
            a4 OK Success\#r

            """#)
        #expect(responses.count == 4)
        #expect(responses[0] == fetchResponse(1, .gmailThreadID(1_266_894_439_832_287_888), .gmailMessageID(1_266_894_439_832_287_888),
                                              .gmailLabels(["\\Inbox", "\\Important", "Project X"]), .uid(UID(42)),
                                              .flags([.seen]), .modSeq(ModSeq(4891))))
        #expect(responses[1] == fetchResponse(2, .gmailThreadID(1_266_894_439_832_287_888),
                                              .gmailMessageID(17_293_822_569_102_704_640), .gmailLabels(["\\Sent"]),
                                              .uid(UID(43)), .flags([])))
        // A quoted "\\Important" is a user label named \Important, not the system one.
        #expect(responses[2] == fetchResponse(3, .uid(UID(44)), .gmailMessageID(9_223_372_036_854_775_808),
                                              .gmailLabels(["\\Important", "Tern & Co"])))
    }

    @Test func xoauth2ErrorContinuation() {
        let responses = parseTranscript(
            "+ eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\r\n"
                + "a1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n")
        #expect(responses.count == 2)
        guard case .continuation = responses.first else {
            Issue.record("expected a continuation, got \(String(describing: responses.first))")
            return
        }
    }
}
