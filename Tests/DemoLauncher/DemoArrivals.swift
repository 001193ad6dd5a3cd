import Foundation
import TernTestSupport

/// The messages the demo delivers while it runs: dated now, in several
/// languages, so each shows at the top of its inbox.
enum DemoArrivals {
    struct Arrival {
        var from: String
        var subject: String
        var body: String
    }

    static let all: [Arrival] = [
        Arrival(from: "Grace Hopper <grace@example.org>", subject: "Build is green again ✅",
                body: "The nightly build passed after the linker fix.\n\nGrace"),
        Arrival(from: "山田太郎 <yamada@example.jp>", subject: "明日の打ち合わせ",
                body: "山田です。明日の打ち合わせは10時からでお願いします。"),
        Arrival(from: "Zoë Ångström <zoe@example.se>", subject: "Fika på fredag?",
                body: "Hej! Ska vi ta en fika på fredag eftermiddag?\n\n/Zoë"),
        Arrival(from: "Иван Петров <ivan@example.ru>", subject: "Отчёт за неделю",
                body: "Добрый день! Отчёт за неделю во вложении не поместился, пришлю ссылку."),
        Arrival(from: "CI <ci@example.com>", subject: "[tern] Pipeline #4821 passed",
                body: "All 1,204 tests passed in 3m 12s."),
        Arrival(from: "François Lefèvre <francois@example.fr>", subject: "Re: Déjeuner de l'équipe 🥐",
                body: "> On se retrouve où ?\n\nAu café en bas, à midi et demi."),
    ]

    /// The arrival as a message dated now (8-bit UTF-8 headers are encoded where they need to be).
    static func message(_ arrival: Arrival, to recipient: String, date: Date = Date()) -> SeedMessage {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return SeedMessage(text: """
            From: \(encoded(arrival.from))
            To: \(recipient)
            Subject: \(encoded(arrival.subject))
            Date: \(formatter.string(from: date))
            Message-ID: <\(UUID().uuidString)@demo.tern.test>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            \(arrival.body)

            """, internalDate: date)
    }

    /// A header value with non-ASCII text as one RFC 2047 encoded word (display names keep their address).
    static func encoded(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { !$0.isASCII }) else { return value }
        if let open = value.lastIndex(of: "<") {
            let name = value[..<open].trimmingCharacters(in: .whitespaces)
            return encoded(name) + " " + value[open...]
        }
        return "=?UTF-8?B?" + Data(value.utf8).base64EncodedString() + "?="
    }
}
