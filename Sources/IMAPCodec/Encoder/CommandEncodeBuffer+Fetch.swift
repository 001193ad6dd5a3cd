import NIOCore

/// FETCH and STORE (RFC 3501 §6.4.5–6.4.6, RFC 3516, RFC 7162, Gmail's X-GM-EXT-1).
extension CommandEncodeBuffer {
    /// `fetch = "FETCH" SP sequence-set SP (fetch-att / "(" fetch-att *(SP fetch-att) ")") [fetch-modifiers]`
    ///
    /// One item goes bare (`FETCH 1 UID`), several in parentheses.
    mutating func writeFetch<Element>(_ set: NumberSet<Element>, _ items: [FetchItem], _ modifiers: FetchModifiers) {
        writeNumberSet(set)
        writeSpace()
        if items.count == 1, let item = items.first {
            writeFetchItem(item)
        } else {
            writeParenthesised(items) { $0.writeFetchItem($1) }
        }
        writeFetchModifiers(modifiers)
    }

    /// `fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"`,
    /// `fetch-modifier =/ chgsince-fetch-mod / "VANISHED"` (RFC 7162 §3.1.4, §3.2.6).
    mutating func writeFetchModifiers(_ modifiers: FetchModifiers) {
        guard modifiers.changedSince != nil || modifiers.vanished else { return }
        writeText(" (")
        if let changedSince = modifiers.changedSince {
            writeText("CHANGEDSINCE ")
            writeNumber(changedSince.rawValue)
            if modifiers.vanished { writeSpace() }
        }
        if modifiers.vanished { writeText("VANISHED") }
        writeText(")")
    }

    /// One `fetch-att`.
    mutating func writeFetchItem(_ item: FetchItem) {
        switch item {
        case .uid: writeText("UID")
        case .flags: writeText("FLAGS")
        case .internalDate: writeText("INTERNALDATE")
        case .rfc822Size: writeText("RFC822.SIZE")
        case .envelope: writeText("ENVELOPE")
        case .bodyStructure: writeText("BODYSTRUCTURE")
        case .bodySection(let section, let peek, let partial):
            writeText(peek ? "BODY.PEEK" : "BODY")
            writeSection(section)
            if let partial { writePartial(partial) }
        case .binary(let part, let peek):
            writeText(peek ? "BINARY.PEEK" : "BINARY")
            writeSectionBinary(part)
        case .binarySize(let part):
            writeText("BINARY.SIZE")
            writeSectionBinary(part)
        case .modSeq: writeText("MODSEQ")
        case .gmailMessageID: writeText("X-GM-MSGID")
        case .gmailThreadID: writeText("X-GM-THRID")
        case .gmailLabels: writeText("X-GM-LABELS")
        }
    }

    /// `section = "[" [section-spec] "]"`,
    /// `section-spec = section-msgtext / (section-part ["." section-text])`,
    /// `header-list = "(" header-fld-name *(SP header-fld-name) ")"`, names as `astring`.
    mutating func writeSection(_ section: SectionSpecifier) {
        writeText("[")
        writeSectionPart(section.part)
        if let text = section.text {
            if !section.part.isEmpty { writeText(".") }
            switch text {
            case .header: writeText("HEADER")
            case .headerFields(let fields):
                writeText("HEADER.FIELDS ")
                writeParenthesised(fields) { $0.writeAString($1) }
            case .headerFieldsNot(let fields):
                writeText("HEADER.FIELDS.NOT ")
                writeParenthesised(fields) { $0.writeAString($1) }
            case .text: writeText("TEXT")
            case .mime: writeText("MIME")
            }
        }
        writeText("]")
    }

    /// `section-binary = "[" [section-part] "]"` (RFC 3516).
    mutating func writeSectionBinary(_ part: [Int]) {
        writeText("[")
        writeSectionPart(part)
        writeText("]")
    }

    /// `section-part = nz-number *("." nz-number)`
    mutating func writeSectionPart(_ part: [Int]) {
        for (index, number) in part.enumerated() {
            if index > 0 { writeText(".") }
            writeNumber(number)
        }
    }

    /// `"<" number "." nz-number ">"`: the range `lower...upper` is `<lower.count>`
    /// with `count = upper - lower + 1` (a negative origin is taken as 0).
    mutating func writePartial(_ range: ClosedRange<Int>) {
        let origin = max(range.lowerBound, 0)
        let count: Int
        if range.upperBound < origin {
            count = 0
        } else {
            let (span, overflow) = (range.upperBound - origin).addingReportingOverflow(1)
            count = overflow ? Int.max : span
        }
        writeText("<")
        writeNumber(origin)
        writeText(".")
        writeNumber(count)
        writeText(">")
    }

    // MARK: STORE

    /// `store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags`,
    /// `store-modifiers = SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"` (RFC 7162 §3.1.3),
    /// `store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP flag-list`,
    /// or `X-GM-LABELS` with a list of astrings (Gmail).
    mutating func writeStore<Element>(_ set: NumberSet<Element>, _ modifiers: StoreModifiers, _ action: StoreAction) {
        writeNumberSet(set)
        if let unchangedSince = modifiers.unchangedSince {
            writeText(" (UNCHANGEDSINCE ")
            writeNumber(unchangedSince.rawValue)
            writeText(")")
        }
        writeSpace()
        switch action.operation {
        case .add: writeText("+")
        case .remove: writeText("-")
        case .replace: break
        }
        if let labels = action.gmailLabels {
            writeText("X-GM-LABELS")
            if action.silent { writeText(".SILENT") }
            writeSpace()
            writeParenthesised(labels) { $0.writeGmailLabel($1) }
        } else {
            writeText("FLAGS")
            if action.silent { writeText(".SILENT") }
            writeSpace()
            writeFlagList(action.flags)
        }
    }

    /// A Gmail label: an `astring`, except that system labels (`\Inbox`,
    /// `\Important`) go bare like flags, as Gmail expects.
    mutating func writeGmailLabel(_ label: String) {
        let bytes = label.utf8
        if bytes.first == UInt8(ascii: "\\"), Self.isAtom(bytes.dropFirst()) {
            writeRaw(bytes)
        } else {
            writeAString(bytes)
        }
    }
}
