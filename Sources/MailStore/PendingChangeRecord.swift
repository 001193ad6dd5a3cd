import Foundation
import GRDB

/// A row of the `pendingChange` table: something the user did locally that the
/// server has not confirmed yet. It stays in the file until sync completes it,
/// so nothing is lost while offline or across a crash.
public struct PendingChangeRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "pendingChange"

    /// What kind of change it is.
    public enum Kind: String, Codable, Hashable, Sendable, DatabaseValueConvertible {
        /// STORE flags: `payload` is a ``FlagChangePayload``.
        case flags
        /// UID MOVE to another folder: `payload` is the target folder name.
        case move
        /// Mark `\Deleted` and UID EXPUNGE.
        case delete
    }

    /// The flags to add and remove, the payload of a `.flags` change.
    public struct FlagChangePayload: Codable, Hashable, Sendable {
        /// System flags to add.
        public var add: MessageFlags
        /// System flags to remove.
        public var remove: MessageFlags
        /// Keywords to add.
        public var addKeywords: [String]
        /// Keywords to remove.
        public var removeKeywords: [String]

        /// Applies the change to a message's flags and keywords.
        public func apply(to flags: inout MessageFlags, keywords: inout [String]) {
            flags.formUnion(add)
            flags.subtract(remove)
            keywords.removeAll { removeKeywords.contains($0) }
            for keyword in addKeywords where !keywords.contains(keyword) { keywords.append(keyword) }
        }

        /// Creates a flag change.
        public init(add: MessageFlags = [], remove: MessageFlags = [], addKeywords: [String] = [], removeKeywords: [String] = []) {
            self.add = add
            self.remove = remove
            self.addKeywords = addKeywords
            self.removeKeywords = removeKeywords
        }
    }

    /// The row id.
    public var id: Int64
    /// What kind of change it is.
    public var kind: Kind
    /// The folder the row belongs to.
    public var folderID: FolderID
    /// The UIDVALIDITY the UIDs belong to: a change for a reset folder is void.
    public var uidValidity: UIDValidity?
    /// The UIDs the change applies to.
    public var uids: [MessageUID]
    /// Kind-specific data as JSON text (see ``Kind``).
    public var payload: String
    /// When the user made the change.
    public var createdAt: Date
    /// How many times sending it to the server failed.
    public var attempts: Int
    /// The last failure, for the status line.
    public var lastError: String?

    /// Decodes the payload of a `.flags` change.
    public func flagChange() throws -> FlagChangePayload {
        try JSONDecoder().decode(FlagChangePayload.self, from: Data(payload.utf8))
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}
