extension MIMEPart {
    /// The IMAP section number (RFC 3501 §6.4.5) of the part at `path`, so
    /// a part seen in a parsed message can be fetched on its own
    /// (`BODY[2.1]`). `nil` when `path` leads nowhere; `""` for a multipart
    /// root, which has no number of its own.
    ///
    /// A non-multipart message's body is `1`; the parts of a multipart are
    /// numbered from 1; the body of an embedded message is `N.1` when it is
    /// not a multipart, and an embedded multipart's parts are `N.1`, `N.2`….
    public func imapSection(for path: [Int]) -> String? {
        var numbers: [Int] = []
        var node = self
        if !node.contentType.isMultipart && !node.contentType.isMessage { numbers.append(1) }
        for index in path {
            guard node.children.indices.contains(index) else { return nil }
            if node.contentType.isMessage {
                node = node.children[index]
                if !node.contentType.isMultipart { numbers.append(1) }
            } else {
                numbers.append(index + 1)
                node = node.children[index]
            }
        }
        if path.isEmpty && contentType.isMessage { numbers = [1] }
        return numbers.map(String.init).joined(separator: ".")
    }
}
