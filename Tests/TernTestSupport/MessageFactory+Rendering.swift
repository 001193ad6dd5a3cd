import Foundation

extension MessageFactory {
    /// The bytes of a planned message: headers, then the body of its ``Kind``.
    func render(_ plan: Plan) -> [UInt8] {
        let summary = plan.summary
        var random = random(summary.index, .body)
        let output = ByteWriter()

        func header(_ name: String, _ value: String) {
            output.append("\(name): \(value)\r\n")
        }
        header("Date", Self.rfc5322Date(summary.date, zoneMinutes: plan.sender.zoneMinutes))
        header("From", Self.mailbox(plan.sender, encoding: plan.nameEncoding))
        let to = [recipient] + plan.toPeople.map { Self.mailbox($0, encoding: Self.listEncoding($0.name)) }
        header("To", Self.addressList(to, headerName: "To"))
        if !plan.ccPeople.isEmpty {
            let cc = plan.ccPeople.map { Self.mailbox($0, encoding: Self.listEncoding($0.name)) }
            header("Cc", Self.addressList(cc, headerName: "Cc"))
        }
        header("Subject", Self.subjectHeader(topic: plan.topic, root: plan.root,
                                             reply: summary.inReplyTo != nil, encoding: plan.subjectEncoding))
        header("Message-ID", summary.messageID)
        if let parent = summary.inReplyTo {
            header("In-Reply-To", parent)
            header("References", summary.references.joined(separator: "\r\n "))
        }
        header("MIME-Version", "1.0")
        header("X-Tern-Index", String(summary.index))

        let roll = random.int(in: 0..<100)
        let target = roll < 70 ? random.int(in: 700..<3500)
            : roll < 95 ? random.int(in: 3500..<9000)
            : random.int(in: 9000..<18_000)
        let body = Body(
            vocabulary: summary.kind == .latin1 ? Self.latin1Vocabulary : Self.utf8Vocabulary,
            latin1: summary.kind == .latin1,
            target: target,
            random: random,
            quoted: plan.quoted.map { quoted in
                let name = quoted.name.isEmpty ? "someone" : quoted.name
                return "On \(Self.rfc5322Date(quoted.date, zoneMinutes: 0)), \(name) wrote:"
            },
            signature: plan.signature && !plan.sender.name.isEmpty ? plan.sender.name : nil
        )
        _ = random.next()  // the body replays the state above; move past it

        switch summary.kind {
        case .plain:
            let text = ByteWriter()
            let eightBit = body.write(.raw, wrapped: true, to: text)
            header("Content-Type", "text/plain; charset=utf-8")
            header("Content-Transfer-Encoding", eightBit ? "8bit" : "7bit")
            output.append(Self.crlf)
            output.append(text)
        case .quotedPrintable:
            header("Content-Type", "text/plain; charset=\"utf-8\"")
            header("Content-Transfer-Encoding", "quoted-printable")
            output.append(Self.crlf)
            body.write(.quotedPrintable, wrapped: false, to: output)
        case .latin1:
            header("Content-Type", "text/plain; charset=iso-8859-1")
            let eightBit = random.percent(50)
            header("Content-Transfer-Encoding", eightBit ? "8bit" : "quoted-printable")
            output.append(Self.crlf)
            body.write(eightBit ? .raw : .quotedPrintable, wrapped: eightBit, to: output)
        case .alternative:
            let boundary = "=_tern_\(summary.index)_alt"
            header("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
            output.append("\r\nThis is a multi-part message in MIME format.\r\n")
            Self.partHeader(boundary: boundary, [
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
            ], to: output)
            body.write(.quotedPrintable, wrapped: false, to: output)
            Self.partHeader(boundary: boundary, [
                "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
            ], to: output)
            body.writeQuotedPrintableHTML(to: output)
            output.append("--\(boundary)--\r\n")
        case .attachment:
            let boundary = "=_tern_\(summary.index)_mixed"
            let attachment = Self.attachments.first { $0.name == summary.attachmentName } ?? Self.attachments[0]
            header("Content-Type", "multipart/mixed; boundary=\"\(boundary)\"")
            let text = ByteWriter()
            let eightBit = body.write(.raw, wrapped: true, to: text)
            output.append(Self.crlf)
            Self.partHeader(boundary: boundary, [
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: \(eightBit ? "8bit" : "7bit")",
            ], to: output)
            output.append(text)
            let ascii = attachment.name.unicodeScalars.allSatisfy { $0.value < 0x80 }
            let nameParameter = ascii
                ? "name=\"\(attachment.name)\""
                : "name=\"\(Self.encodedWords(attachment.name, charset: .utf8, form: .b).joined(separator: " "))\""
            let filenameParameter = ascii
                ? "filename=\"\(attachment.name)\""
                : "filename*=\(Self.rfc2231(attachment.name))"
            Self.partHeader(boundary: boundary, [
                "Content-Type: \(attachment.mediaType);\r\n \(nameParameter)",
                "Content-Disposition: attachment;\r\n \(filenameParameter)",
                "Content-Transfer-Encoding: base64",
            ], to: output)
            output.append(Self.base64Lines(Self.attachmentBytes(attachment, random: &random)))
            output.append("--\(boundary)--\r\n")
        }
        return output.bytes
    }

    /// The text of a body: new paragraphs, an optional quote of the parent, a signature.
    /// Its words come from a saved generator state, so every rendering (text, HTML, in
    /// any encoding) says the same thing.
    struct Body {
        var vocabulary: Vocabulary
        var latin1: Bool
        var target: Int
        var random: SplitMix64
        /// The "On …, … wrote:" line of a reply; the quote's words follow from `random`.
        var quoted: String?
        var signature: String?

        /// Writes the body as text with CRLF lines and tells whether it has 8-bit bytes.
        /// `wrapped` breaks paragraphs at 72 columns; otherwise each is one line
        /// (soft-broken in quoted-printable).
        @discardableResult
        func write(_ encoding: TextEncoding, wrapped: Bool, to writer: ByteWriter) -> Bool {
            var random = self.random
            var eightBit = MessageFactory.writeParagraphs(
                vocabulary, target: target, random: &random,
                layout: Layout(encoding: encoding, width: wrapped ? 72 : nil), to: writer
            )
            writer.append(crlf)
            if let quoted {
                eightBit = line(quoted, encoding, to: writer) || eightBit
                let quote = MessageFactory.writeParagraphs(
                    vocabulary, target: 300, random: &random,
                    layout: Layout(encoding: encoding, width: 70, linePrefix: Array("> ".utf8),
                                   separator: Array(">\r\n".utf8)),
                    to: writer
                )
                eightBit = eightBit || quote
                writer.append(crlf)
            }
            if let signature {
                line("-- ", encoding, to: writer)
                eightBit = line(signature, encoding, to: writer) || eightBit
            }
            return eightBit
        }

        /// The same content as a small HTML document, in quoted-printable.
        func writeQuotedPrintableHTML(to writer: ByteWriter) {
            var random = self.random
            let paragraph = Layout(encoding: .quotedPrintable, width: nil,
                                   lead: Array("<p>".utf8), trail: Array("</p>".utf8), separator: [])
            htmlLine("<html><head><meta charset=\"utf-8\"></head><body>", "", "", to: writer)
            MessageFactory.writeParagraphs(vocabulary, target: target, random: &random, layout: paragraph, to: writer)
            if let quoted {
                htmlLine("<p>", quoted, "</p>", to: writer)
                writer.append("<blockquote>\r\n")
                MessageFactory.writeParagraphs(vocabulary, target: 300, random: &random, layout: paragraph, to: writer)
                writer.append("</blockquote>\r\n")
            }
            if let signature {
                htmlLine("<p>-- <br>", signature, "</p>", to: writer)
            }
            writer.append("</body></html>\r\n")
        }

        /// A short line of free text (an intro, a name) in the body's charset and encoding;
        /// tells whether it has 8-bit bytes.
        @discardableResult
        private func line(_ text: String, _ encoding: TextEncoding, to writer: ByteWriter) -> Bool {
            let bytes: [UInt8] = latin1
                ? text.unicodeScalars.map { $0.value <= 0xff ? UInt8($0.value) : UInt8(ascii: "?") }
                : Array(text.utf8)
            writer.append(encoding == .raw ? bytes : MessageFactory.quotedPrintable(bytes))
            writer.append(crlf)
            return text.unicodeScalars.contains { $0.value >= 0x80 }
        }

        /// `before`, `text` escaped for HTML, `after`, as one quoted-printable line.
        private func htmlLine(_ before: String, _ text: String, _ after: String, to writer: ByteWriter) {
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            writer.append(MessageFactory.quotedPrintable(Array((before + escaped + after).utf8)))
            writer.append(crlf)
        }
    }

    static let crlf: [UInt8] = [UInt8(ascii: "\r"), UInt8(ascii: "\n")]

    /// Display names in `To`/`Cc`: ASCII as is, others as UTF-8 `Q` encoded words.
    static func listEncoding(_ name: String) -> HeaderEncoding {
        name.unicodeScalars.allSatisfy { $0.value < 0x80 } ? .ascii : .encoded(charset: .utf8, form: .q)
    }

    /// Starts a MIME body part: the boundary line, its headers, the blank line.
    static func partHeader(boundary: String, _ headers: [String], to writer: ByteWriter) {
        writer.append("--\(boundary)\r\n")
        for header in headers {
            writer.append("\(header)\r\n")
        }
        writer.append(crlf)
    }

    /// Plausible attachment content of 1.5–9 KB.
    static func attachmentBytes(_ attachment: Attachment, random: inout SplitMix64) -> Data {
        let size = random.int(in: 1500..<9000)
        switch attachment.mediaType {
        case "text/csv":
            var text = "id,name,amount\r\n"
            var row = 1
            while text.utf8.count < size {
                text += "\(row),item \(random.int(in: 0..<1000)),\(random.int(in: 0..<100_000))\r\n"
                row += 1
            }
            return Data(text.utf8)
        case "text/plain":
            let writer = ByteWriter()
            writeParagraphs(utf8Vocabulary, target: size, random: &random,
                            layout: Layout(encoding: .raw, width: 72), to: writer)
            return Data(writer.bytes)
        default:
            let magic: [UInt8] = switch attachment.mediaType {
            case "image/png": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            case "application/pdf": Array("%PDF-1.4\n".utf8)
            default: [0x50, 0x4B, 0x03, 0x04]
            }
            var noise = [UInt64](repeating: 0, count: (size - magic.count + 7) / 8)
            noise.withUnsafeMutableBufferPointer { buffer in
                for index in 0..<buffer.count {
                    buffer[index] = random.next()
                }
            }
            var data = Data(magic)
            noise.withUnsafeBytes { data.append(contentsOf: $0) }
            return data
        }
    }
}
