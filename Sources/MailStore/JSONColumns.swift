import Foundation

// The JSON text of the cache's list columns (`references`, `from`, `to`, `cc`,
// `keywords`, `gmailLabels`, `pendingChange.uids`) and of change payloads. One
// encoder or decoder serves a batch of rows; the two are separate so that
// decoding a page of rows allocates no encoder.

/// Writes list columns and payloads.
struct JSONColumnEncoder: Sendable {
    private let encoder = JSONEncoder()

    /// The text stored for `list`; the common empty list skips the encoder.
    func text<Element: Encodable>(_ list: [Element]) throws -> String {
        if list.isEmpty { return "[]" }
        return try text(encoding: list)
    }

    /// A string list, without Foundation's encoder (see `ListColumnJSON`).
    func text(_ list: [String]) -> String {
        list.isEmpty ? "[]" : ListColumnJSON.encode(list)
    }

    /// An address list, without Foundation's encoder (see `ListColumnJSON`).
    func text(_ list: [CachedAddress]) -> String {
        list.isEmpty ? "[]" : ListColumnJSON.encode(list)
    }

    /// The text stored for `value`.
    func text(encoding value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Reads list columns.
struct JSONColumnDecoder {
    private let decoder = JSONDecoder()

    /// The list stored as `text`. `nil` and malformed JSON give an empty list, so
    /// a damaged row still shows instead of failing a whole page.
    func list<Element: Decodable>(_ text: String?) -> [Element] {
        guard let text else { return [] }
        if text == "[]" { return [] }
        // The two common shapes take the fast path (see `ListColumnJSON`).
        if Element.self == String.self, let strings = ListColumnJSON.decodeStrings(text) as? [Element] {
            return strings
        }
        if Element.self == CachedAddress.self, let addresses = ListColumnJSON.decodeAddresses(text) as? [Element] {
            return addresses
        }
        return (try? decoder.decode([Element].self, from: Data(text.utf8))) ?? []
    }
}
