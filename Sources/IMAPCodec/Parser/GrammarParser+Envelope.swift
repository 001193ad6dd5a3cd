/// ENVELOPE and its addresses (RFC 3501 §7.4.2, RFC 9051 §7.5.2).
extension GrammarParser {
    // envelope = "(" env-date SP env-subject SP env-from SP env-sender SP
    //            env-reply-to SP env-to SP env-cc SP env-bcc SP
    //            env-in-reply-to SP env-message-id ")"
    // env-date = nstring          env-subject = nstring
    // env-in-reply-to = nstring   env-message-id = nstring
    mutating func parseEnvelope() throws(ParserError) -> Envelope {
        try enterList("( before envelope")
        let date = try parseNStringValue("date in envelope")
        try expectSpace("SP after envelope date")
        let subject = try parseNStringValue("subject in envelope")
        try expectSpace("SP after envelope subject")
        let from = try parseAddressList("from addresses in envelope")
        try expectSpace("SP after envelope from")
        let sender = try parseAddressList("sender addresses in envelope")
        try expectSpace("SP after envelope sender")
        let replyTo = try parseAddressList("reply-to addresses in envelope")
        try expectSpace("SP after envelope reply-to")
        let to = try parseAddressList("to addresses in envelope")
        try expectSpace("SP after envelope to")
        let cc = try parseAddressList("cc addresses in envelope")
        try expectSpace("SP after envelope cc")
        let bcc = try parseAddressList("bcc addresses in envelope")
        try expectSpace("SP after envelope bcc")
        let inReplyTo = try parseNStringValue("in-reply-to in envelope")
        try expectSpace("SP after envelope in-reply-to")
        let messageID = try parseNStringValue("message-id in envelope")
        try leaveList(") after envelope")
        return Envelope(
            date: date, subject: subject, from: from, sender: sender, replyTo: replyTo,
            to: to, cc: cc, bcc: bcc, inReplyTo: inReplyTo, messageID: messageID)
    }

    // env-from = "(" 1*address ")" / nil      (and env-sender, env-reply-to,
    // env-to, env-cc, env-bcc alike)
    /// An empty list `()` and spaces between addresses are tolerated.
    mutating func parseAddressList(_ what: StaticString) throws(ParserError) -> [Address] {
        if consumeNIL() { return [] }
        try enterList(what)
        var addresses: [Address] = []
        while peek() == ASCII.openParen {
            addresses.append(try parseAddress())
            skipSpaces()
        }
        try leaveList(") after addresses")
        return addresses
    }

    // address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
    // addr-name = nstring   addr-adl = nstring   addr-mailbox = nstring   addr-host = nstring
    mutating func parseAddress() throws(ParserError) -> Address {
        try enterList("( before address")
        let name = try parseNStringValue("name in address")
        try expectSpace("SP after address name")
        let route = try parseNStringValue("route in address")
        try expectSpace("SP after address route")
        let mailbox = try parseNStringValue("mailbox in address")
        try expectSpace("SP after address mailbox")
        let host = try parseNStringValue("host in address")
        try leaveList(") after address")
        return Address(name: name, route: route, mailbox: mailbox, host: host)
    }
}
