/// One message as the reader shows it: headers, and the body and parts when cached.
public struct MessageDetail: Hashable, Sendable {
    /// The message's headers.
    public var message: MessageRecord
    /// The cached body, or `nil` when it must be fetched (or was evicted).
    public var body: MessageBodyRecord?
    /// The MIME parts recorded when the body was stored, in section order.
    public var parts: [MessagePartRecord]

    /// Creates a detail (the cache makes them; tests and previews too).
    public init(message: MessageRecord, body: MessageBodyRecord?, parts: [MessagePartRecord]) {
        self.message = message
        self.body = body
        self.parts = parts
    }
}
