import TOMLKit

/// Reads typed values out of one TOML table, turning every mistake into a
/// `ConfigError` that names the key path and what was expected. Unknown keys
/// are errors too (with a suggestion), so a typo never silently does nothing.
struct TableReader {
    let table: TOMLTable
    let file: String
    /// The table's own path, e.g. `accounts[2]` (empty for the root).
    let path: String

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, key: keyPath(key), message: message)
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    func string(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let s = value.string else { throw error(key, "expected a string, got \(describe(value))") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw error(key, "is required (a string)") }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let n = value.int else { throw error(key, "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(describe(value))") }
        guard range.contains(n) else { throw error(key, "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(n)") }
        return n
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let b = value.bool else { throw error(key, "expected true or false, got \(describe(value))") }
        return b
    }

    func stringArray(_ key: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "expected an array of strings, got \(describe(value))") }
        var out: [String] = []
        for (i, element) in array.enumerated() {
            guard let s = element.string else {
                throw ConfigError(file: file, key: "\(keyPath(key))[\(i + 1)]", message: "expected a string, got \(describe(element))")
            }
            out.append(s)
        }
        return out
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws -> T? where T.RawValue == String {
        guard let s = try string(key) else { return nil }
        guard let v = T(rawValue: s.lowercased()) else {
            let options = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw error(key, "expected one of \(options), got \"\(s)\"")
        }
        return v
    }

    func table(_ key: String) throws -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let t = value.table else { throw error(key, "expected a table ([\(keyPath(key))]), got \(describe(value))") }
        return TableReader(table: t, file: file, path: keyPath(key))
    }

    func tables(_ key: String) throws -> [TableReader] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else { throw error(key, "expected [[\(keyPath(key))]] tables, got \(describe(value))") }
        return try array.enumerated().map { i, element in
            guard let t = element.table else {
                throw ConfigError(file: file, key: "\(keyPath(key))[\(i + 1)]", message: "expected a table, got \(describe(element))")
            }
            return TableReader(table: t, file: file, path: "\(keyPath(key))[\(i + 1)]")
        }
    }

    /// Fails on the first key not in `allowed`, suggesting the closest known one.
    func rejectUnknownKeys(_ allowed: Set<String>) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let suggestion = allowed.min { editDistance($0, key) < editDistance($1, key) }
            var message = "unknown key"
            if let suggestion, editDistance(suggestion, key) <= 3 { message += "; did you mean \"\(suggestion)\"?" }
            throw error(key, message)
        }
    }

    /// The value's TOML type, never the value itself (it may be a secret).
    func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean"
        case .table: return "a table"
        case .array: return "an array"
        default: return "a date or time"
        }
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
