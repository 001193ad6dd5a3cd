extension MessageFactory {
    /// A correspondent: display name (may be empty, may need quoting or encoding),
    /// address, and the zone of their `Date` headers in minutes east of UTC.
    struct Person: Sendable {
        var name: String
        var address: String
        var zoneMinutes: Int
    }

    /// An attachment: its file name (some need RFC 2231 encoding) and media type.
    struct Attachment: Sendable {
        var name: String
        var mediaType: String
    }

    static let people: [Person] = [
        Person(name: "Alice Martin", address: "alice.martin@example.org", zoneMinutes: 60),
        Person(name: "Bob O'Neil", address: "bob@example.net", zoneMinutes: -300),
        Person(name: "Carol Smith, PhD", address: "carol.smith@example.com", zoneMinutes: 0),
        Person(name: "José Müller", address: "jose.mueller@example.de", zoneMinutes: 60),
        Person(name: "Zoë Ångström", address: "zoe@example.se", zoneMinutes: 60),
        Person(name: "山田太郎", address: "taro.yamada@example.jp", zoneMinutes: 540),
        Person(name: "Иван Петров", address: "ivan.petrov@example.ru", zoneMinutes: 180),
        Person(name: "François Lefèvre", address: "francois@example.fr", zoneMinutes: 60),
        Person(name: "Łukasz Żółkiewski", address: "lukasz@example.pl", zoneMinutes: 60),
        Person(name: "Αλέξης Παπαδόπουλος", address: "alexis@example.gr", zoneMinutes: 120),
        Person(name: "Søren Kierkegaard", address: "soren@example.dk", zoneMinutes: 60),
        Person(name: "Dana \"DJ\" Jones", address: "dj@example.com", zoneMinutes: -480),
        Person(name: "", address: "noreply@notifications.example.com", zoneMinutes: 0),
        Person(name: "Chen Wei 陈伟", address: "chen.wei@example.cn", zoneMinutes: 480),
        Person(name: "Priya Raman", address: "priya@example.in", zoneMinutes: 330),
        Person(name: "Mary-Jane Watson", address: "mj@example.com", zoneMinutes: -420),
    ]

    static let topics: [String] = [
        "Quarterly report",
        "Lunch on Friday?",
        "Meeting notes – planning",
        "Invoice 4711",
        "Überprüfung der Unterlagen",
        "日本語の件名テスト",
        "Re-release of the build tools",
        "Ce soir : réunion d'équipe",
        "Статус проекта",
        "Your order has shipped",
        "Party 🎉 on Saturday",
        "Follow-up on the proposal for the new build pipeline, the migration plan for the old mail servers and the staffing for the next quarter",
        "Bericht über die Änderungen an der Konfiguration der Server und der Übergabe an das neue Team im kommenden Monat",
        "Hello",
    ]

    static let attachments: [Attachment] = [
        Attachment(name: "report.pdf", mediaType: "application/pdf"),
        Attachment(name: "Résumé.pdf", mediaType: "application/pdf"),
        Attachment(name: "photo.png", mediaType: "image/png"),
        Attachment(name: "data.csv", mediaType: "text/csv"),
        Attachment(name: "Übersicht 2024.xlsx", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Attachment(name: "日本語.txt", mediaType: "text/plain"),
    ]

    /// Body words, in UTF-8 (ASCII with a few others).
    static let utf8Vocabulary = Vocabulary(words: [
        "the", "project", "meeting", "schedule", "review", "budget", "team", "server",
        "release", "update", "client", "mail", "folder", "message", "sync", "network",
        "please", "could", "would", "should", "we", "you", "they", "will", "have", "been",
        "next", "week", "tomorrow", "today", "morning", "afternoon", "draft", "final",
        "change", "plan", "issue", "question", "answer", "thanks", "about", "with", "from",
        "into", "after", "before", "because", "while", "again", "already", "soon", "later",
        "document", "attached", "numbers", "figures", "results", "test", "build", "deploy",
        "and", "or", "but", "so", "of", "to", "in", "on", "for", "at", "by", "a", "an",
        "is", "are", "was", "were", "it", "this", "that", "these", "those", "our", "your",
        "café", "naïve", "Grüße", "jalapeño", "smörgåsbord", "façade", "résumé", "日本",
        "привет", "€100", "—",
    ], latin1: false)

    /// Body words for ISO-8859-1 messages, kept as Latin-1 bytes.
    static let latin1Vocabulary = Vocabulary(words: [
        "der", "die", "das", "und", "mit", "für", "über", "Grüße", "Straße", "Mädchen",
        "Köln", "Zürich", "schön", "Bericht", "Woche", "morgen", "heute", "bitte", "danke",
        "le", "la", "les", "et", "déjà", "voilà", "garçon", "café", "naïve", "à", "très",
        "señor", "año", "mañana", "niño", "el", "los", "por", "favor", "gracias", "sí",
    ], latin1: true)
}
