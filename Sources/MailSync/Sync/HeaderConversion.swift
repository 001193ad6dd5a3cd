import Foundation
import IMAPClient
import IMAPCodec
import MIME
import MailStore
import NIOCore

/// Turns a FETCH reply into the cache's `FetchedHeader`: decoded subject and
/// names (RFC 2047), addresses, the date (the Date header, else INTERNALDATE),
/// references, flags, attachments from BODYSTRUCTURE, and a snippet from the
/// first bytes of the first part.
///
/// One FETCH carries everything, so a new message costs one round trip for
/// the whole batch: `fetchItems` lists what to ask for.
enum HeaderConversion {
    /// How many bytes of the first body part are fetched for the snippet.
    static let snippetBytes = 1024

    /// The FETCH items for new messages.
    static func fetchItems(condStore: Bool, gmail: Bool) -> [FetchItem] {
        var items: [FetchItem] = [
            .uid, .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure,
            .bodySection(SectionSpecifier(text: .headerFields(["REFERENCES"])), peek: true, partial: nil),
            .bodySection(SectionSpecifier(part: [1]), peek: true, partial: 0...(snippetBytes - 1)),
        ]
        if condStore { items.append(.modSeq) }
        if gmail { items += [.gmailMessageID, .gmailThreadID, .gmailLabels] }
        return items
    }

    /// The headers of a batch of replies, in order, decoded in parallel
    /// chunks (decoding is the costly part of a first sync).
    static func headers(from batch: [FetchedMessage]) async -> [FetchedHeader] {
        await parallelCompactMap(batch, header)
    }

    /// `compactMap` over chunks of at least 50 elements on every core, in order.
    static func parallelCompactMap<T: Sendable, U: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> U?) async -> [U] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / 50))
        guard chunks > 1 else { return items.compactMap(transform) }
        let size = (items.count + chunks - 1) / chunks
        return await withTaskGroup(of: (Int, [U]).self) { group in
            for chunk in 0..<chunks {
                let slice = Array(items[(chunk * size)..<min(items.count, (chunk + 1) * size)])
                group.addTask { (chunk, slice.compactMap(transform)) }
            }
            var parts = [[U]](repeating: [], count: chunks)
            for await (chunk, results) in group { parts[chunk] = results }
            return parts.flatMap { $0 }
        }
    }

    /// The header of a fetched message; `nil` when the reply has no UID.
    static func header(from message: FetchedMessage) -> FetchedHeader? {
        guard let uid = message.uid else { return nil }
        let envelope = message.envelope
        let structure = message.bodyStructure
        let (flags, keywords) = MessageFlags.parse((message.flags ?? []).map(\.description))
        let date: Date
        if let text = envelope?.date, let seconds = DateParser.parse(text) {
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
        } else if let arrival = message.internalDate {
            date = Date(timeIntervalSince1970: TimeInterval(arrival.secondsSince1970))
        } else {
            date = Date(timeIntervalSince1970: 0)
        }
        var references: [String] = []
        var snippetSource: [UInt8]?
        for attribute in message.attributes {
            guard case .bodySection(let section, _, let data?) = attribute else { continue }
            if case .headerFields? = section.text {
                // Folding does not matter: ids are read between < and >.
                references = Message.messageIDs(in: String(decoding: data.readableBytesView, as: UTF8.self))
            } else if section.part == [1], section.text == nil, let structure {
                snippetSource = Self.snippetSource(firstPart: data, of: structure)
            }
        }
        return FetchedHeader(
            uid: MessageUID(uid.rawValue),
            date: date,
            messageID: envelope?.messageID.flatMap { Message.messageIDs(in: $0).first },
            inReplyTo: envelope?.inReplyTo.flatMap { Message.messageIDs(in: $0).first },
            references: references,
            from: addresses(envelope?.from ?? []),
            to: addresses(envelope?.to ?? []),
            cc: addresses(envelope?.cc ?? []),
            subject: (envelope?.subject).map { EncodedWordDecoder.decode($0).removingControlCharacters(keepLineBreaks: false) } ?? "",
            flags: flags,
            keywords: keywords,
            size: Int64(message.size ?? 0),
            hasAttachments: structure.map(hasAttachments) ?? false,
            snippet: "",
            modSeq: message.modSeq.map { MailStore.ModSeq(rawValue: Int64(clamping: $0.rawValue)) },
            gmailMessageID: message.gmailMessageID.map { Int64(bitPattern: $0) },
            gmailThreadID: message.gmailThreadID.map { Int64(bitPattern: $0) },
            gmailLabels: message.gmailLabels ?? [],
            snippetSource: snippetSource
        )
    }

    /// Envelope addresses as the cache stores them (group markers dropped).
    static func addresses(_ list: [Address]) -> [CachedAddress] {
        list.compactMap { address in
            guard let email = address.email else { return nil }
            let name = address.name.map { EncodedWordDecoder.decode($0).removingControlCharacters(keepLineBreaks: false) }
            return CachedAddress(name: (name?.isEmpty ?? true) ? nil : name, email: email)
        }
    }

    /// Whether the structure has a part a user would call an attachment: one
    /// marked `attachment`, or a non-text leaf outside multipart/related and
    /// not inline.
    static func hasAttachments(_ structure: BodyStructure) -> Bool {
        switch structure {
        case .multipart(let multipart):
            if multipart.subtype.lowercased() == "related" {
                // Inline images of an HTML body are not attachments; an explicit one is.
                return multipart.parts.contains(where: isExplicitAttachment)
            }
            return multipart.parts.contains(where: hasAttachments)
        case .singlepart(let part):
            if let disposition = part.extension_?.disposition?.kind.lowercased() {
                if disposition == "attachment" { return true }
                if disposition == "inline" { return false }
            }
            let type = part.type.lowercased()
            if type == "text" || type == "multipart" { return false }
            if type == "application", ["pgp-signature", "pkcs7-signature", "x-pkcs7-signature", "pgp-keys"].contains(part.subtype.lowercased()) {
                return false
            }
            return true
        }
    }

    private static func isExplicitAttachment(_ structure: BodyStructure) -> Bool {
        switch structure {
        case .multipart(let m): return m.parts.contains(where: isExplicitAttachment)
        case .singlepart(let p): return p.extension_?.disposition?.kind.lowercased() == "attachment"
        }
    }

    /// What the snippet is made from, later: the first bytes of part 1 as a
    /// small MIME entity, its header rebuilt from what BODYSTRUCTURE says
    /// about that part (type, charset, format, boundary, transfer encoding).
    /// Nil when part 1 is not text.
    static func snippetSource(firstPart data: ByteBuffer, of structure: BodyStructure) -> [UInt8]? {
        let part: BodyStructure
        switch structure {
        case .singlepart: part = structure
        case .multipart(let m):
            guard let first = m.parts.first else { return nil }
            part = first
        }
        // Built as bytes: this runs for every new message of a first sync.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + data.readableBytes)
        switch part {
        case .singlepart(let leaf):
            guard leaf.type.lowercased() == "text" else { return nil }
            bytes += "Content-Type: text/".utf8
            bytes += leaf.subtype.utf8
            appendParameters(leaf.parameters, to: &bytes)
            bytes += "\r\nContent-Transfer-Encoding: ".utf8
            bytes += leaf.encoding.utf8
            bytes += "\r\n\r\n".utf8
        case .multipart(let m):
            bytes += "Content-Type: multipart/".utf8
            bytes += m.subtype.utf8
            appendParameters(m.extension_?.parameters ?? [], to: &bytes)
            bytes += "\r\n\r\n".utf8
        }
        bytes.append(contentsOf: data.readableBytesView)
        return bytes
    }

    /// `; name="value"` for each parameter (quotes in the value dropped).
    private static func appendParameters(_ list: [BodyStructure.Parameter], to bytes: inout [UInt8]) {
        for parameter in list {
            bytes += "; ".utf8
            bytes += parameter.name.utf8
            bytes += "=\"".utf8
            bytes += parameter.value.utf8.lazy.filter { $0 != UInt8(ascii: "\"") }
            bytes += "\"".utf8
        }
    }

    /// The snippets of sources made by `snippetSource`, in order, decoded in
    /// parallel chunks.
    static func snippets(from sources: [[UInt8]]) async -> [String] {
        await parallelCompactMap(sources) { Snippet.make(from: MessageParser.parse($0)) }
    }
}
