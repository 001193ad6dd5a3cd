import MailStore
import TerminalKit

/// The open message: its headers at once, the body when it is cached.
public struct ReaderState: Hashable, Sendable {
    public var message: MessageRecord
    /// The cached body and parts; `nil` until loaded or fetched.
    public var detail: MessageDetail?
    /// Why the body could not be fetched.
    public var error: String?
    /// The body area's lines as last wrapped (see ``ReaderPane/rewrap(_:)``).
    public internal(set) var wrapped: WrappedBody?
    public var scroll = TextViewState()
    /// Whether the reader takes the whole screen (else it splits with the list).
    public var fullScreen = false

    public init(message: MessageRecord) { self.message = message }

    /// Whether the body is being fetched from the server: the headers are here, the
    /// body is not, and no fetch failed.
    public var fetching: Bool { detail != nil && detail?.body == nil && error == nil }

    /// The body text, when cached.
    public var bodyText: String? { detail?.body.map { $0.text ?? "" } }
}

/// The reader's body lines wrapped for one width, with what they were made from: a frame
/// or a scroll key reads them instead of wrapping the whole body again.
public struct WrappedBody: Hashable, Sendable {
    var width: Int
    var detail: MessageDetail?
    var error: String?
    var lines: [String]

    func fits(_ reader: ReaderState, width: Int) -> Bool {
        self.width == width && detail == reader.detail && error == reader.error
    }
}
