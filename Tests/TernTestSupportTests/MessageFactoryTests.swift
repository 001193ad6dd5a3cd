import Foundation
import Testing
@testable import TernTestSupport

struct MessageFactoryTests {
    let factory = MessageFactory(seed: 1)

    @Test func sameSeedAndIndexGiveTheSameBytes() {
        #expect(factory.message(17) == MessageFactory(seed: 1).message(17))
        #expect(factory.message(17).raw != MessageFactory(seed: 2).message(17).raw)
        #expect(factory.message(17).raw != factory.message(18).raw)
    }

    @Test func everyLineEndsInCRLFAndHeadersStayShort() {
        for index in 0..<300 {
            let raw = factory.message(index).raw
            var previous: UInt8 = 0
            for byte in raw {
                if byte == UInt8(ascii: "\n") {
                    #expect(previous == UInt8(ascii: "\r"), "bare LF in message \(index)")
                }
                previous = byte
            }
            #expect(raw.suffix(2) == [13, 10])
            let text = String(decoding: raw, as: UTF8.self)
            let header = text.components(separatedBy: "\r\n\r\n")[0]
            for line in header.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 998, "message \(index)")
            }
            #expect(header.unicodeScalars.allSatisfy { $0.value < 0x80 }, "headers are ASCII in message \(index)")
        }
    }

    @Test func corpusIsVaried() {
        let summaries = (0..<500).map(factory.summary)
        let texts = (0..<500).map { String(decoding: factory.message($0).raw, as: UTF8.self) }

        #expect(Set(summaries.map(\.kind)) == Set(MessageFactory.Kind.allCases))
        #expect(summaries.contains { $0.inReplyTo != nil && $0.subject.hasPrefix("Re: ") })
        #expect(summaries.contains { $0.references.count >= 2 })
        #expect(summaries.contains { $0.fromName.isEmpty })
        #expect(summaries.contains { $0.flags.contains(.seen) } && summaries.contains { $0.flags.isEmpty })
        #expect(texts.contains { $0.contains("=?UTF-8?B?") })
        #expect(texts.contains { $0.contains("=?UTF-8?Q?") })
        #expect(texts.contains { $0.contains("=?ISO-8859-1?") })
        #expect(texts.contains { $0.contains("Subject: ") && $0.contains("\r\n ") })
        #expect(texts.contains { $0.contains("From: \"Carol Smith, PhD\"") })
        #expect(texts.contains { $0.contains("charset=iso-8859-1") && $0.contains("Content-Transfer-Encoding: 8bit") })
        #expect(texts.contains { $0.contains("filename*=UTF-8''") })
        #expect(texts.contains { $0.contains("multipart/alternative") && $0.contains("text/html") })

        let sizes = (0..<500).map { factory.message($0).raw.count }
        let median = sizes.sorted()[sizes.count / 2]
        print("sizes: min \(sizes.min() ?? 0), median \(median), max \(sizes.max() ?? 0) bytes")
        #expect(sizes.allSatisfy { $0 >= 700 && $0 < 60_000 })
        #expect((1_000...8_000).contains(median))
    }

    @Test func summaryMatchesTheHeaders() {
        for index in [0, 1, 5, 40, 41, 99] {
            let summary = factory.summary(index)
            let text = String(decoding: factory.message(index).raw, as: UTF8.self)
            #expect(text.contains("Message-ID: \(summary.messageID)\r\n"))
            #expect(text.contains("X-Tern-Index: \(index)\r\n"))
            #expect(text.contains(summary.fromAddress))
            #expect(text.contains("To: \(summary.to[0])"))
            if let parent = summary.inReplyTo {
                #expect(text.contains("In-Reply-To: \(parent)\r\n"))
            }
        }
        #expect(factory.summary(1).date > factory.summary(0).date)
    }

    @Test func encodedWordsStayWithinLimitsAndKeepCharactersWhole() {
        let text = "Überprüfung 日本語の件名テスト 🎉 der Unterlagen und noch mehr Text für eine lange Zeile"
        for form in [MessageFactory.HeaderEncoding.Form.b, .q] {
            let words = MessageFactory.encodedWords(text, charset: .utf8, form: form)
            #expect(words.count > 1)
            #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?") && $0.hasSuffix("?=") })
            if form == .b {
                let decoded = words.map { word -> String in
                    let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
                    return String(decoding: Data(base64Encoded: String(payload)) ?? Data(), as: UTF8.self)
                }
                #expect(decoded.joined() == text, "each word decodes on its own")
            }
        }
    }

    @Test func quotedPrintableSoftBreaksLongLines() {
        let line = Array(String(repeating: "é and = sign ", count: 20).utf8) + [13, 10]
        let encoded = String(decoding: MessageFactory.quotedPrintable(line), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(encoded.contains("=C3=A9") && encoded.contains("=3D"))
        #expect(lines.dropLast(2).allSatisfy { $0.hasSuffix("=") })
    }

    @Test func rfc5322DateUsesTheSendersZone() {
        let date = Date(timeIntervalSince1970: 1_704_099_600)  // 2024-01-01 09:00:00 UTC
        #expect(MessageFactory.rfc5322Date(date, zoneMinutes: 60) == "Mon, 01 Jan 2024 10:00:00 +0100")
        #expect(MessageFactory.rfc5322Date(date, zoneMinutes: -300) == "Mon, 01 Jan 2024 04:00:00 -0500")
        #expect(MessageFactory.rfc5322Date(date, zoneMinutes: 330) == "Mon, 01 Jan 2024 14:30:00 +0530")
    }
}
