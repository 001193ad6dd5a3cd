import Foundation
import GRDB

/// A row of the `messageBody` table: the raw bytes of a message fetched on
/// demand, with its readable text for search, kept under a size budget (LRU).
public struct MessageBodyRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "messageBody"

    /// The message the row belongs to.
    public var messageRowID: MessageRowID
    /// The full RFC 5322 message as fetched (`BODY[]`).
    public var bytes: Data
    /// The decoded readable text (what the reader shows), indexed for search.
    public var text: String?
    public var byteCount: Int64
    public var lastAccess: Date

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
