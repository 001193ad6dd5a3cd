import NIOCore
import Testing
@testable import IMAPCodec

/// Whole server transcripts as Dovecot 2.3 and Gmail send them (server side
/// only, CRLF line ends), parsed in one piece, in 7-byte pieces and byte by byte.
@Suite struct ResponseParserTranscriptTests {
    /// Joins lines with CRLF (Swift multi-line literals use LF).
    private func crlf(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") + "\r\n"
    }

    @Test func dovecotLoginAndSelectWithQResync() {
        let transcript = crlf(#"""
        * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.
        A1 OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE] Logged in
        * ID ("name" "Dovecot")
        A2 OK ID completed (0.001 + 0.000 secs).
        * ENABLED QRESYNC
        A3 OK Enabled (0.001 + 0.000 secs).
        * FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded $MDNSent)
        * OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Forwarded $MDNSent \*)] Flags permitted.
        * 3 EXISTS
        * 0 RECENT
        * OK [UNSEEN 2] First unseen.
        * OK [UIDVALIDITY 1700000000] UIDs valid
        * OK [UIDNEXT 104] Predicted next UID
        * VANISHED (EARLIER) 41,43:45
        * 2 FETCH (UID 102 FLAGS (\Seen) MODSEQ (12))
        * OK [HIGHESTMODSEQ 15] Highest
        A4 OK [READ-WRITE] Select completed (0.002 + 0.000 + 0.001 secs).
        """#)
        let responses = parseTranscript(transcript)
        let flags: [Flag] = [.answered, .flagged, .deleted, .seen, .draft, .keyword("$Forwarded"), .keyword("$MDNSent")]
        let expected: [Response] = [
            untaggedOK("Dovecot (Debian) ready.", code: .capability([.imap4rev1, .saslIR, "LOGIN-REFERRALS", .id, .enable, .idle,
                                                                     .literalPlus, .startTLS, .authPlain])),
            responses.count > 1 ? responses[1] : untaggedOK(""),  // checked below
            .untagged(.id([IDParameter(key: "name", value: "Dovecot")])),
            taggedResponse("A2", .ok, "ID completed (0.001 + 0.000 secs)."),
            .untagged(.enabled([.qresync])),
            taggedResponse("A3", .ok, "Enabled (0.001 + 0.000 secs)."),
            .untagged(.flags(flags)),
            untaggedOK("Flags permitted.", code: .permanentFlags(flags.map { .flag($0) } + [.wildcard])),
            .untagged(.exists(3)),
            .untagged(.recent(0)),
            untaggedOK("First unseen.", code: .unseen(SequenceNumber(2))),
            untaggedOK("UIDs valid", code: .uidValidity(UIDValidity(1_700_000_000))),
            untaggedOK("Predicted next UID", code: .uidNext(UID(104))),
            .untagged(.vanished(earlier: true, uids(.init(UID(41)), .init(UID(43), UID(45))))),
            fetchResponse(2, .uid(UID(102)), .flags([.seen]), .modSeq(ModSeq(12))),
            untaggedOK("Highest", code: .highestModSeq(ModSeq(15))),
            taggedResponse("A4", .ok, "Select completed (0.002 + 0.000 + 0.001 secs).", code: .readWrite),
        ]
        #expect(responses == expected)
        guard responses.count > 1, case .tagged(let login) = responses[1], case .capability(let caps)? = login.text.code else {
            Issue.record("no capabilities after login")
            return
        }
        #expect(caps.count == 38)
        #expect(caps.contains(.qresync) && caps.contains(.specialUse) && caps.contains("STATUS=SIZE"))
    }

    @Test func dovecotListStatusAndNamespace() {
        let transcript = crlf(#"""
        * LIST (\HasNoChildren) "/" INBOX
        * LIST (\HasNoChildren \Drafts) "/" Drafts
        * LIST (\HasNoChildren \Sent) "/" Sent
        * LIST (\HasNoChildren \Trash) "/" Trash
        * LIST (\HasChildren) "/" Archive
        * LIST (\HasNoChildren \Archive) "/" "Archive/2024 Q1"
        * LIST (\HasNoChildren) "/" "&AMk-l&AOk-ments envoy&AOk-s"
        * LIST (\HasNoChildren \Subscribed) "/" Lists/swift-evolution ("CHILDINFO" ("SUBSCRIBED"))
        A5 OK List completed (0.003 + 0.000 + 0.002 secs).
        * STATUS INBOX (MESSAGES 3 UIDNEXT 104 UIDVALIDITY 1700000000 UNSEEN 1 HIGHESTMODSEQ 15 SIZE 9316)
        A6 OK Status completed (0.001 + 0.000 secs).
        * NAMESPACE (("" "/")) NIL NIL
        A7 OK Namespace completed (0.001 + 0.000 secs).
        """#)
        let responses = parseTranscript(transcript)
        let names = responses.compactMap { response -> [UInt8]? in
            if case .untagged(.list(let listing)) = response { return listing.name.bytes }
            return nil
        }
        #expect(names.map { String(decoding: $0, as: UTF8.self) } == [
            "INBOX", "Drafts", "Sent", "Trash", "Archive", "Archive/2024 Q1", "&AMk-l&AOk-ments envoy&AOk-s", "Lists/swift-evolution",
        ])
        let roles = responses.compactMap { response -> MailboxAttribute? in
            if case .untagged(.list(let listing)) = response { return listing.specialUse }
            return nil
        }
        #expect(roles == [.drafts, .sent, .trash, .archive])
        #expect(responses.contains(.untagged(.mailboxStatus(.inbox, MailboxStatus(
            messages: 3, uidNext: UID(104), uidValidity: UIDValidity(1_700_000_000), unseen: 1, size: 9316,
            highestModSeq: ModSeq(15))))))
        #expect(responses.contains(.untagged(.namespace("((\"\" \"/\")) NIL NIL"))))
        #expect(responses.count == 13)
    }

    @Test func dovecotFetchWithAttachmentAndForwardedMessage() {
        let transcript = crlf(#"""
        * 1 FETCH (UID 101 FLAGS (\Seen $Forwarded) INTERNALDATE "01-Oct-2024 10:00:05 +0200" RFC822.SIZE 5322 ENVELOPE ("Tue, 01 Oct 2024 10:00:00 +0200" "Quarterly report" (("Ann Example" NIL "ann" "example.com")) (("Ann Example" NIL "ann" "example.com")) (("Ann Example" NIL "ann" "example.com")) ((NIL NIL "bob" "example.org")("Carol" NIL "carol" "example.net")) NIL NIL NIL "<report-2024-q3@example.com>") BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 214 7 NIL NIL NIL NIL)("application" "pdf" ("name" "report.pdf") NIL NIL "base64" 3012 NIL ("attachment" ("filename" "report.pdf" "size" "2201")) NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 931 ("Mon, 30 Sep 2024 18:12:44 +0000" {26}
        Fwd: "quoted" and \slash!! (("Dave" NIL "dave" "example.com")) (("Dave" NIL "dave" "example.com")) (("Dave" NIL "dave" "example.com")) ((NIL NIL "ann" "example.com")) NIL NIL NIL "<fwd-1@example.com>") (("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 1 NIL NIL NIL NIL)("text" "html" ("charset" "us-ascii") NIL NIL "7bit" 30 1 NIL NIL NIL NIL) "alternative" ("boundary" "inner-b") NIL NIL NIL) 25 NIL ("attachment" NIL) NIL NIL) "mixed" ("boundary" "outer-b") NIL NIL NIL) MODSEQ (14))
        A8 OK Fetch completed (0.002 + 0.000 + 0.001 secs).
        """#)
        let responses = parseTranscript(transcript)
        #expect(responses.count == 2)
        guard case .untagged(.fetch(let number, let attributes))? = responses.first else {
            Issue.record("no FETCH")
            return
        }
        #expect(number == SequenceNumber(1))
        #expect(attributes.count == 7)
        #expect(attributes.first == .uid(UID(101)))
        #expect(attributes.contains(.internalDate(InternalDate(year: 2024, month: 10, day: 1, hour: 10, minute: 0, second: 5, zoneMinutes: 120))))
        #expect(attributes.last == .modSeq(ModSeq(14)))
        guard attributes.count == 7, case .bodyStructure(.multipart(let mixed), true) = attributes[5] else {
            Issue.record("no BODYSTRUCTURE")
            return
        }
        #expect(mixed.subtype == "mixed")
        #expect(mixed.parts.count == 3)
        guard mixed.parts.count == 3, case .singlepart(let pdf) = mixed.parts[1],
              case .singlepart(let forwarded) = mixed.parts[2],
              case .message(let inner, .multipart(let alternative), 25) = forwarded.kind else {
            Issue.record("unexpected parts")
            return
        }
        #expect(pdf.extension_?.disposition == BodyStructure.Disposition(
            kind: "attachment", parameters: [param("filename", "report.pdf"), param("size", "2201")]))
        #expect(inner.subject == "Fwd: \"quoted\" and \\slash!!")
        #expect(inner.from == [addr("Dave", "dave", "example.com")])
        #expect(alternative.parts.count == 2)
        #expect(alternative.extension_?.parameters == [param("boundary", "inner-b")])
    }

    @Test func gmailSessionWithXOAuth2Failure() {
        let transcript = crlf(#"""
        * OK Gimap ready for requests from 203.0.113.5 k3mb160398354wmk
        * CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER AUTH=XOAUTH
        A1 OK Thats all she wrote! k3mb160398354wmk
        + eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==
        A2 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)
        """#)
        let responses = parseTranscript(transcript)
        #expect(responses.count == 5)
        #expect(responses.dropFirst(3).first == .continuation(ContinuationRequest(
            text: "eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==")))
        #expect(responses.last == taggedResponse("A2", .no, "Invalid credentials (Failure)", code: .authenticationFailed))
        if case .untagged(.capability(let caps))? = responses.dropFirst().first {
            #expect(caps.contains(.authXOAuth2) && caps.contains(.gmailExtensions))
        } else {
            Issue.record("no CAPABILITY")
        }
    }

    @Test func gmailListSelectAndFetch() {
        let transcript = crlf(#"""
        * LIST (\HasNoChildren) "/" "INBOX"
        * LIST (\HasChildren \Noselect) "/" "[Gmail]"
        * LIST (\All \HasNoChildren) "/" "[Gmail]/All Mail"
        * LIST (\HasNoChildren \Trash) "/" "[Gmail]/Bin"
        * LIST (\Drafts \HasNoChildren) "/" "[Gmail]/Drafts"
        * LIST (\HasNoChildren \Important) "/" "[Gmail]/Important"
        * LIST (\HasNoChildren \Sent) "/" "[Gmail]/Sent Mail"
        * LIST (\HasNoChildren \Junk) "/" "[Gmail]/Spam"
        * LIST (\Flagged \HasNoChildren) "/" "[Gmail]/Starred"
        A3 OK Success
        * FLAGS (\Answered \Flagged \Draft \Deleted \Seen $NotPhishing $Phishing)
        * OK [PERMANENTFLAGS (\Answered \Flagged \Draft \Deleted \Seen $NotPhishing $Phishing \*)] Flags permitted.
        * OK [UIDVALIDITY 1] UIDs valid.
        * 4 EXISTS
        * 0 RECENT
        * OK [UIDNEXT 5] Predicted next UID.
        * OK [HIGHESTMODSEQ 1234567]
        A4 OK [READ-WRITE] INBOX selected. (Success)
        * 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-MSGID 1278455344230334865 X-GM-LABELS (\Inbox \Sent Important "Muy Importante") UID 4 FLAGS (\Seen) INTERNALDATE "23-Jan-2024 09:01:02 +0000" RFC822.SIZE 5120 ENVELOPE ("Tue, 23 Jan 2024 10:01:02 +0100" "=?UTF-8?B?w5xiZXJwcsO8ZnVuZw==?=" (("=?UTF-8?Q?J=C3=BCrgen_=C3=84?=" NIL "juergen" "example.de")) (("=?UTF-8?Q?J=C3=BCrgen_=C3=84?=" NIL "juergen" "example.de")) (("=?UTF-8?Q?J=C3=BCrgen_=C3=84?=" NIL "juergen" "example.de")) ((NIL NIL "me" "gmail.com")) NIL NIL NIL "<CAF=abc123@mail.gmail.com>") BODYSTRUCTURE (("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 1024 20 NIL NIL NIL)("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 2048 40 NIL NIL NIL) "ALTERNATIVE" ("BOUNDARY" "000000000000abcdef0123456789") NIL NIL))
        * 2 FETCH (X-GM-LABELS () UID 5 FLAGS ())
        A5 OK Success
        """#)
        let responses = parseTranscript(transcript)
        #expect(responses.count == 21)
        #expect(responses.contains(untaggedOK("", code: .highestModSeq(ModSeq(1_234_567)))))
        #expect(responses.contains(fetchResponse(2, .gmailLabels([]), .uid(UID(5)), .flags([]))))
        let fetches = responses.compactMap { r -> [MessageAttribute]? in
            if case .untagged(.fetch(SequenceNumber(1), let attributes)) = r { return attributes }
            return nil
        }
        guard let first = fetches.first, first.count == 9 else {
            Issue.record("unexpected \(fetches)")
            return
        }
        #expect(first[0] == .gmailThreadID(1_278_455_344_230_334_865))
        #expect(first[1] == .gmailMessageID(1_278_455_344_230_334_865))
        #expect(first[2] == .gmailLabels(["\\Inbox", "\\Sent", "Important", "Muy Importante"]))
        #expect(first[3] == .uid(UID(4)))
        let plain = single("text", "plain", [param("CHARSET", "UTF-8")], encoding: "quoted-printable", size: 1024,
                           kind: .text(lines: 20), ext: .init(md5: nil, disposition: nil, language: [], location: nil))
        let html = single("text", "html", [param("CHARSET", "UTF-8")], encoding: "quoted-printable", size: 2048,
                          kind: .text(lines: 40), ext: .init(md5: nil, disposition: nil, language: [], location: nil))
        #expect(first[8] == .bodyStructure(multi("alternative", [plain, html], ext: .init(
            parameters: [param("BOUNDARY", "000000000000abcdef0123456789")], disposition: nil, language: [], location: nil)),
            hasExtensionData: true))
    }
}
