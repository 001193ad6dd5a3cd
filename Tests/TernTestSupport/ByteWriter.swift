import Foundation

/// A growable byte buffer that appends with `memcpy`.
///
/// Tests build in debug mode, where the standard library's generic `Array` appends run
/// unoptimised, element by element; generating 10,000 messages that way takes tens of
/// seconds. Every append here is one `memcpy`, whatever its length.
final class ByteWriter {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 8192) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
    }

    func append(_ pointer: UnsafePointer<UInt8>, count length: Int) {
        reserve(length)
        memcpy(storage + count, pointer, length)
        count += length
    }

    /// Lets `body` write at most `maxCount` bytes straight into the buffer; `body`
    /// returns how many it wrote. For hot loops that would otherwise append word by word.
    func appendDirectly(maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maxCount)
        let written = body(storage + count)
        precondition(written <= maxCount, "wrote past the reserved space")
        count += written
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress {
                append(base, count: buffer.count)
            }
        }
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            if let base = buffer.baseAddress {
                append(base, count: buffer.count)
            }
        }
    }

    func append(_ data: Data) {
        data.withUnsafeBytes { buffer in
            if let base = buffer.bindMemory(to: UInt8.self).baseAddress {
                append(base, count: buffer.count)
            }
        }
    }

    func append(_ other: ByteWriter) {
        append(other.storage, count: other.count)
    }

    /// The bytes written so far.
    var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                memcpy(base, storage, count)
            }
            initialized = count
        }
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra {
            newCapacity *= 2
        }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        memcpy(grown, storage, count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
