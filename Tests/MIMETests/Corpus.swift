@testable import MIME

/// One corpus message with what the reader must show for it.
struct CorpusEntry: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    /// Text the readable body must contain.
    var shows: [String]
    /// Text the readable body must not contain (tags, hidden parts).
    var hides: [String] = []
    /// Attachment names, in order.
    var attachments: [String] = []
    var source: ReadableBody.Source = .plain
    var line: Int

    var testDescription: String { name }
}

import Testing

/// Messages in the shapes real mail comes in, built by the tests.
enum Corpus {
    static let pdf: [UInt8] = Array("%PDF-1.4\n%\u{e2}\u{e3}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

    static let newsletterHTML = """
    <!DOCTYPE html><html><head><title>Weekly</title><style>p { color: red; }</style>
    <script>alert("x")</script></head><body>
    <div style="display:none">Preheader text you should not see</div>
    <table><tr><td><h1>Weekly &amp; Friends</h1></td></tr>
    <tr><td><p>Hello&nbsp;there, here is the <a href="https://example.com/news?a=1&amp;b=2">news</a>.</p>
    <ul><li>First item</li><li>Second item</li></ul>
    <p>Caf&eacute; &#8212; &#x263A; &lt;tag&gt;</p></td></tr></table>
    </body></html>
    """

    static let shapes: [CorpusEntry] = [
        CorpusEntry(name: "plain ascii",
                    bytes: TestMessage.message(part: .text("Hello Bob,\r\n\r\nLunch at noon?\r\n\r\nAnn")).bytes,
                    shows: ["Hello Bob,\n\nLunch at noon?\n\nAnn"], line: #line),
        CorpusEntry(name: "LF-only line endings",
                    bytes: Array("From: a@x\nTo: b@y\nSubject: lf\nContent-Type: text/plain\n\nline one\nline two\n".utf8),
                    shows: ["line one\nline two"], line: #line),
        CorpusEntry(name: "quoted-printable utf-8 with soft breaks",
                    bytes: TestMessage.message(part: .text(String(repeating: "Grüße aus Köln. ", count: 10), encoding: "quoted-printable")).bytes,
                    shows: ["Grüße aus Köln. Grüße aus Köln."], line: #line),
        CorpusEntry(name: "format=flowed",
                    bytes: TestMessage.message(part: TestMessage([("Content-Type", "text/plain; charset=utf-8; format=flowed")],
                                                                 body: "This is a long \r\nparagraph that \r\nflows.\r\n> quoted \r\n> text\r\n\r\n-- \r\nAnn")).bytes,
                    shows: ["This is a long paragraph that flows.", "> quoted text", "-- \nAnn"], line: #line),
        CorpusEntry(name: "format=flowed delsp=yes",
                    bytes: TestMessage.message(part: TestMessage([("Content-Type", "text/plain; charset=utf-8; format=flowed; delsp=yes")],
                                                                 body: "Sehr lan \r\nges Wort.\r\n")).bytes,
                    shows: ["Sehr langes Wort."], line: #line),
        CorpusEntry(name: "alternative prefers plain",
                    bytes: TestMessage.message(part: .multipart("alternative", parts: [
                        .text("Plain version"), .text("<p>HTML version</p>", subtype: "html"),
                    ])).bytes,
                    shows: ["Plain version"], hides: ["HTML version"], line: #line),
        CorpusEntry(name: "alternative with empty plain uses html",
                    bytes: TestMessage.message(part: .multipart("alternative", parts: [
                        .text("  \r\n"), .text("<p>Only <b>HTML</b> here</p>", subtype: "html", encoding: "quoted-printable"),
                    ])).bytes,
                    shows: ["Only HTML here"], hides: ["<b>"], source: .html, line: #line),
        CorpusEntry(name: "html-only newsletter",
                    bytes: TestMessage.message(part: .text(newsletterHTML, subtype: "html", encoding: "base64")).bytes,
                    shows: ["# Weekly & Friends", "Hello there, here is the news[1].", "• First item\n• Second item",
                            "Café — ☺ <tag>", "[1] https://example.com/news?a=1&b=2"],
                    hides: ["Preheader", "alert", "color: red", "Weekly\n", "<td>", "&amp;"], source: .html, line: #line),
        CorpusEntry(name: "html-only broken markup",
                    bytes: TestMessage.message(part: .text("<html><body><p>Unclosed <b>bold <i>and <p>next para &copy 2024 & more < 5 <br/>end",
                                                           subtype: "html")).bytes,
                    shows: ["Unclosed bold and", "next para © 2024 & more < 5\nend"], hides: ["<b>", "<i>"],
                    source: .html, line: #line),
        CorpusEntry(name: "html-only windows-1252 base64",
                    bytes: TestMessage.message(part: TestMessage.encodedText(
                        [0x3C, 0x70, 0x3E, 0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x3C, 0x2F, 0x70, 0x3E],
                        charset: "windows-1252", encoding: "base64", subtype: "html")).bytes,
                    shows: ["“Hi” – €5"], source: .html, line: #line),
        CorpusEntry(name: "mixed with a PDF",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("See attached."), .attachment(pdf, type: "application/pdf; name=\"report.pdf\"", disposition: "attachment; filename=\"report.pdf\""),
                    ])).bytes,
                    shows: ["See attached."], attachments: ["report.pdf"], line: #line),
        CorpusEntry(name: "RFC 2231 utf-8 file name with continuations",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("Bericht anbei."),
                        .attachment(pdf, type: "application/pdf",
                                    disposition: "attachment;\r\n filename*0*=UTF-8''Quartalsbericht%20f%C3%BCr%20;\r\n filename*1*=K%C3%B6ln.pdf"),
                    ])).bytes,
                    shows: ["Bericht anbei."], attachments: ["Quartalsbericht für Köln.pdf"], line: #line),
        CorpusEntry(name: "RFC 2047 name= (Outlook style)",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("Документ во вложении."),
                        .attachment(pdf, type: "application/pdf; name=\"=?UTF-8?B?0JTQvtCz0L7QstC+0YAucGRm?=\"",
                                    disposition: "attachment"),
                    ])).bytes,
                    shows: ["Документ во вложении."], attachments: ["Договор.pdf"], line: #line),
        CorpusEntry(name: "RFC 2231 latin-1 file name",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("CV attached"),
                        .attachment(pdf, type: "application/pdf", disposition: "attachment; filename*=iso-8859-1'fr'R%E9sum%E9.pdf"),
                    ])).bytes,
                    shows: ["CV attached"], attachments: ["Résumé.pdf"], line: #line),
        CorpusEntry(name: "mixed(alternative(plain, related(html, image)), attachment)",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .multipart("alternative", parts: [
                            .text("Nested plain text"),
                            .multipart("related", parts: [
                                .text("<p>Nested <img src=\"cid:logo\" alt=\"Logo\"> html</p>", subtype: "html"),
                                TestMessage([("Content-Type", "image/png"), ("Content-ID", "<logo>"),
                                             ("Content-Disposition", "inline; filename=logo.png"),
                                             ("Content-Transfer-Encoding", "base64")], body: base64(png)),
                            ]),
                        ]),
                        .attachment(pdf, type: "application/pdf", disposition: "attachment; filename=\"notes.pdf\""),
                    ])).bytes,
                    shows: ["Nested plain text"], hides: ["Nested html"], attachments: ["notes.pdf"], line: #line),
        CorpusEntry(name: "related html root with inline image",
                    bytes: TestMessage.message(part: .multipart("related", parts: [
                        .text("<p>Look at this:</p><img src=\"cid:pic\">", subtype: "html"),
                        TestMessage([("Content-Type", "image/png"), ("Content-ID", "<pic>"),
                                     ("Content-Transfer-Encoding", "base64")], body: base64(png)),
                    ], params: "; type=\"text/html\"")).bytes,
                    shows: ["Look at this:"], attachments: ["part-2.png"], source: .html, line: #line),
        CorpusEntry(name: "forwarded inline message/rfc822",
                    bytes: TestMessage.message(subject: "Fwd: Plans", part: .multipart("mixed", parts: [
                        .text("FYI, see below."),
                        .embedded(TestMessage.message(subject: "=?UTF-8?Q?Pl=C3=A4ne?=", from: "Carl <carl@example.net>",
                                                      part: .text("The original plans."))),
                    ])).bytes,
                    shows: ["FYI, see below.", "---------- Forwarded message ----------", "From: Carl <carl@example.net>",
                            "Subject: Pläne", "The original plans."],
                    attachments: ["Pläne.eml"], line: #line),
        CorpusEntry(name: "forwarded as attachment with its own attachment",
                    bytes: TestMessage.message(subject: "Fwd: report", part: .multipart("mixed", parts: [
                        .text("Forwarding."),
                        .embedded(TestMessage.message(subject: "Report", part: .multipart("mixed", boundary: "inner", parts: [
                            .text("Here is the report."),
                            .attachment(pdf, type: "application/pdf", disposition: "attachment; filename=q3.pdf"),
                        ])), disposition: "attachment; filename=\"Report.eml\""),
                    ])).bytes,
                    shows: ["Forwarding.", "Here is the report."], attachments: ["Report.eml", "q3.pdf"], line: #line),
        CorpusEntry(name: "PGP signed",
                    bytes: TestMessage.message(part: .multipart("signed", parts: [
                        .text("Signed text.", encoding: "quoted-printable"),
                        TestMessage([("Content-Type", "application/pgp-signature; name=\"signature.asc\"")],
                                    body: "-----BEGIN PGP SIGNATURE-----\r\n\r\niQEz\r\n-----END PGP SIGNATURE-----\r\n"),
                    ], params: "; micalg=pgp-sha256; protocol=\"application/pgp-signature\"")).bytes,
                    shows: ["Signed text."], hides: ["PGP SIGNATURE"], attachments: ["signature.asc"], line: #line),
        CorpusEntry(name: "S/MIME signed mixed",
                    bytes: TestMessage.message(part: .multipart("signed", parts: [
                        .multipart("mixed", parts: [
                            .text("S/MIME body."),
                            .attachment(pdf, type: "application/pdf", disposition: "attachment; filename=contract.pdf"),
                        ]),
                        .attachment([1, 2, 3], type: "application/pkcs7-signature; name=smime.p7s", disposition: "attachment; filename=smime.p7s"),
                    ], params: "; protocol=\"application/pkcs7-signature\"")).bytes,
                    shows: ["S/MIME body."], attachments: ["contract.pdf", "smime.p7s"], line: #line),
        CorpusEntry(name: "missing closing boundary",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("First part."), .text("Second part, never closed."),
                    ], closed: false)).bytes,
                    shows: ["First part.", "Second part, never closed."], line: #line),
        CorpusEntry(name: "boundary with trailing spaces, preamble and epilogue",
                    bytes: Array(("From: a@x\r\nSubject: ws\r\nContent-Type: multipart/mixed; boundary=XyZ\r\n\r\n"
                        + "Preamble --XyZ is not a boundary here\r\n--XyZ   \r\nContent-Type: text/plain\r\n\r\nBody text.\r\n"
                        + "--XyZ--  \r\nEpilogue junk\r\n").utf8),
                    shows: ["Body text."], hides: ["Preamble", "Epilogue"], line: #line),
        CorpusEntry(name: "outer boundary a prefix of the inner one",
                    bytes: TestMessage.message(part: .multipart("mixed", boundary: "abc", parts: [
                        .multipart("alternative", boundary: "abcdef", parts: [.text("Inner plain"), .text("<p>x</p>", subtype: "html")]),
                        .attachment(png, type: "image/png", disposition: "attachment; filename=a.png"),
                    ])).bytes,
                    shows: ["Inner plain"], attachments: ["a.png"], line: #line),
        CorpusEntry(name: "multipart without boundary",
                    bytes: Array("From: a@x\r\nContent-Type: multipart/mixed\r\n\r\nText that must not be lost.\r\n".utf8),
                    shows: ["Text that must not be lost."], line: #line),
        CorpusEntry(name: "boundary never appears",
                    bytes: Array("From: a@x\r\nContent-Type: multipart/alternative; boundary=nope\r\n\r\nStill shown.\r\n".utf8),
                    shows: ["Still shown."], line: #line),
        CorpusEntry(name: "base64 with bad line lengths and junk",
                    bytes: Array(("From: a@x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + "SGVsbG8s\r\nIHdv\r\ncmxk!! IQ\r\n==\r\n\r\n").utf8),
                    shows: ["Hello, world!"], line: #line),
        CorpusEntry(name: "unknown charset falls back",
                    bytes: TestMessage.message(part: TestMessage([("Content-Type", "text/plain; charset=x-klingon")],
                                                                 body: "Qapla’ — still readable")).bytes,
                    shows: ["Qapla’ — still readable"], line: #line),
        CorpusEntry(name: "8-bit body without charset (Latin-1)",
                    bytes: Array("From: a@x\r\nSubject: legacy\r\n\r\nK".utf8) + [0xF6] + Array("ln ist sch".utf8) + [0xF6, 0x6E],
                    shows: ["Köln ist schön"], line: #line),
        CorpusEntry(name: "broken encoded words in subject",
                    bytes: TestMessage.message(subject: "Re:=?UTF-8?B?5pel?==?UTF-8?B?5pys?= =?x-unknown?Q?ok?= =?UTF-8?Q?broken",
                                               part: .text("body")).bytes,
                    shows: ["body"], line: #line),
        CorpusEntry(name: "mailing list footer part",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("Main message."), .text("_______________\r\nlist mailing list\r\nhttps://lists.example.org/"),
                    ])).bytes,
                    shows: ["Main message.\n\n_______________\nlist mailing list"], line: #line),
        CorpusEntry(name: "reply with quote and signature",
                    bytes: TestMessage.message(subject: "Re: lunch", part: .text(
                        "Sounds good.\r\n\r\nOn Tue, Ann wrote:\r\n> Lunch at noon?\r\n> Or one?\r\n\r\n-- \r\nBob\r\n")).bytes,
                    shows: ["Sounds good.", "> Lunch at noon?", "-- \nBob"], line: #line),
        CorpusEntry(name: "multipart/digest",
                    bytes: TestMessage.message(subject: "Digest", part: .multipart("digest", parts: [
                        TestMessage([], bytes: TestMessage([("From", "x@y"), ("Subject", "First")], body: "First digest message.").bytes),
                        TestMessage([], bytes: TestMessage([("From", "z@y"), ("Subject", "Second")], body: "Second digest message.").bytes),
                    ])).bytes,
                    shows: ["First digest message.", "Second digest message.", "Subject: Second"],
                    attachments: ["First.eml", "Second.eml"], line: #line),
        CorpusEntry(name: "delivery status notification",
                    bytes: TestMessage.message(subject: "Undelivered Mail", part: .multipart("report", parts: [
                        .text("Delivery to bob@example.org failed."),
                        TestMessage([("Content-Type", "message/delivery-status")], body: "Reporting-MTA: dns; mx.example.com\r\n"),
                        TestMessage([("Content-Type", "text/rfc822-headers")], body: "Subject: original\r\n"),
                    ], params: "; report-type=delivery-status")).bytes,
                    shows: ["Delivery to bob@example.org failed."], hides: ["Reporting-MTA"],
                    attachments: ["part-2.txt", "part-3.bin"], line: #line),
        CorpusEntry(name: "calendar invitation alternative",
                    bytes: TestMessage.message(subject: "Invitation", part: .multipart("alternative", parts: [
                        .text("You are invited."), .text("<p>You are <b>invited</b>.</p>", subtype: "html"),
                        TestMessage([("Content-Type", "text/calendar; method=REQUEST; charset=UTF-8")], body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
                    ])).bytes,
                    shows: ["You are invited."], hides: ["VCALENDAR"], line: #line),
        CorpusEntry(name: "no Content-Type at all",
                    bytes: Array("From: a@x\r\nMIME-Version: 1.0\r\nSubject: bare\r\n\r\nJust text.\r\n".utf8),
                    shows: ["Just text."], line: #line),
        CorpusEntry(name: "Apple Mail inline image between texts",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("Before the photo."),
                        .attachment(png, type: "image/png; name=photo.png", disposition: "inline; filename=photo.png"),
                        .text("After the photo."),
                    ])).bytes,
                    shows: ["Before the photo.\n\nAfter the photo."], attachments: ["photo.png"], line: #line),
        CorpusEntry(name: "PGP encrypted",
                    bytes: TestMessage.message(part: .multipart("encrypted", parts: [
                        TestMessage([("Content-Type", "application/pgp-encrypted")], body: "Version: 1\r\n"),
                        TestMessage([("Content-Type", "application/octet-stream; name=encrypted.asc")], body: "-----BEGIN PGP MESSAGE-----\r\n"),
                    ], params: "; protocol=\"application/pgp-encrypted\"")).bytes,
                    shows: ["[This message is encrypted.]"], attachments: ["part-1.bin", "encrypted.asc"], source: .none, line: #line),
        CorpusEntry(name: "double forward",
                    bytes: TestMessage.message(subject: "Fwd: Fwd: hi", part: .embedded(
                        TestMessage.message(subject: "Fwd: hi", part: .embedded(
                            TestMessage.message(subject: "hi", part: .text("Innermost text.")))))).bytes,
                    shows: ["Subject: Fwd: hi", "Subject: hi", "Innermost text."],
                    attachments: ["Fwd: hi.eml", "hi.eml"], line: #line),
        CorpusEntry(name: "no header/body separator",
                    bytes: Array("From: a@x\r\nSubject: oops\r\nThe body begins right away.\r\n".utf8),
                    shows: ["The body begins right away."], line: #line),
        CorpusEntry(name: "uppercase BASE64 and quoted charset",
                    bytes: Array(("From: a@x\r\nContent-Type: TEXT/PLAIN; CHARSET=\"UTF-8\"\r\nContent-Transfer-Encoding: BASE64\r\n\r\n"
                        + base64(Array("Ünïcödé".utf8))).utf8),
                    shows: ["Ünïcödé"], line: #line),
        CorpusEntry(name: "only an attachment",
                    bytes: TestMessage.message(part: .attachment(pdf, type: "application/pdf", disposition: "attachment; filename=\"C:\\\\Users\\\\ann\\\\scan.pdf\"")).bytes,
                    shows: [], attachments: ["C:\\Users\\ann\\scan.pdf"], source: .none, line: #line),
        CorpusEntry(name: "Outlook HTML with conditional comments and o:p",
                    bytes: TestMessage.message(part: .text("""
                        <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings>\
                        </o:OfficeDocumentSettings></xml><![endif]--><style><!-- p.MsoNormal {margin:0cm} --></style></head>
                        <body lang=EN-GB><div class=WordSection1><p class=MsoNormal>Hi team,<o:p></o:p></p>
                        <p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Minutes attached.<o:p></o:p></p></div></body></html>
                        """, subtype: "html", charset: "us-ascii", encoding: "quoted-printable")).bytes,
                    shows: ["Hi team,\n\nMinutes attached."], hides: ["MsoNormal", "OfficeDocumentSettings", "o:p"],
                    source: .html, line: #line),
        CorpusEntry(name: "Gmail HTML reply with gmail_quote",
                    bytes: TestMessage.message(subject: "Re: plan", part: .multipart("alternative", parts: [
                        .text("<div dir=\"ltr\">Agreed.</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">"
                              + "On Tue, Ann wrote:<br></div><blockquote class=\"gmail_quote\">Shall we?</blockquote></div>",
                              subtype: "html"),
                    ])).bytes,
                    shows: ["Agreed.", "On Tue, Ann wrote:", "> Shall we?"], source: .html, line: #line),
        CorpusEntry(name: "html without charset parameter but with meta charset",
                    bytes: Array("From: a@x\r\nContent-Type: text/html\r\n\r\n<meta charset=\"iso-8859-1\"><p>Gr".utf8)
                        + [0xFC, 0xDF, 0x65] + Array("</p>".utf8),
                    shows: ["Grüße"], source: .html, line: #line),
        CorpusEntry(name: "attachment text/plain is not the body",
                    bytes: TestMessage.message(part: .multipart("mixed", parts: [
                        .text("Log attached."), .text("ERROR 42", extra: [("Content-Disposition", "attachment; filename=server.log")]),
                    ])).bytes,
                    shows: ["Log attached."], hides: ["ERROR 42"], attachments: ["server.log"], line: #line),
    ]

    /// Every corpus message: the shapes above and one message per charset.
    static let all: [CorpusEntry] = shapes + CharsetSample.all.enumerated().map { index, sample in
        CorpusEntry(name: "charset \(sample.charset)", bytes: sample.message(index: index).bytes,
                    shows: [sample.text], line: sample.line)
    }
}
