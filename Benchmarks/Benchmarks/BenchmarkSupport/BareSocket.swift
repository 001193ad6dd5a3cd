import Foundation
import Glibc

/// The baseline for the FETCH benchmark: a blocking TCP socket that sends a
/// command and only looks for the tagged completion at the end of what it
/// receives, doing no parsing at all. Its time is what receiving the bytes
/// costs; the client's time is compared against it.
public final class BareSocket {
    public enum Failure: Error { case connect(Int32), closed, failed(String) }

    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

    public init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { close(fd); throw Failure.connect(errno) }
        _ = try receive(until: "* OK")
    }

    deinit { close(fd) }

    /// Sends `tag APPEND mailbox {n+}` with `message` as a non-synchronising
    /// literal (the bytes as they are, 8-bit included), receives until the
    /// tagged reply.
    public func append(tag: String, mailbox: String, message: [UInt8]) throws {
        var line = Array("\(tag) APPEND \(mailbox) {\(message.count)+}\r\n".utf8)
        line += message
        line += Array("\r\n".utf8)
        let sent = line.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == line.count else { throw Failure.failed("send") }
        _ = try receive(until: tag + " ")
    }

    /// Sends `tag command`, receives until the tagged reply; returns the bytes received.
    @discardableResult
    public func run(tag: String, _ command: String, capture: Bool = false) throws -> (bytes: Int, data: [UInt8]) {
        let line = Array("\(tag) \(command)\r\n".utf8)
        let sent = line.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == line.count else { throw Failure.failed("send") }
        return try receive(until: tag + " ", capture: capture)
    }

    /// Receives until a line starting with `prefix` has arrived completely.
    private func receive(until prefix: String, capture: Bool = false) throws -> (bytes: Int, data: [UInt8]) {
        let marker = Array(prefix.utf8)
        var total = 0
        var tail: [UInt8] = []
        var data: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure.closed }
            total += n
            if capture { data.append(contentsOf: buffer[0..<n]) }
            // Only the end of the stream can hold the completion line.
            tail.append(contentsOf: buffer[max(0, n - 512)..<n])
            if tail.count > 1024 { tail.removeFirst(tail.count - 1024) }
            if tail.count >= 2, tail[tail.count - 2] == 13, tail[tail.count - 1] == 10 {
                // Find the start of the last line.
                var i = tail.count - 2
                while i > 0, tail[i - 1] != 10 { i -= 1 }
                if tail.count - i >= marker.count, Array(tail[i..<(i + marker.count)]) == marker {
                    return (total, data)
                }
            }
        }
    }

    /// Sends `tag IDLE`, waits for the continuation, then reads lines on a
    /// thread of its own, handing each to `onLine` as it arrives (until the
    /// connection closes). The socket must not be used for anything else after.
    public func startIdle(tag: String, onLine: @escaping @Sendable (String) -> Void) throws {
        let socket = self.fd
        let line = Array("\(tag) IDLE\r\n".utf8)
        let sent = line.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        guard sent == line.count else { throw Failure.failed("send") }
        _ = try receive(until: "+")
        Thread.detachNewThread {
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { return }
                pending.append(contentsOf: chunk[0..<n])
                while let newline = pending.firstIndex(of: 10) {
                    onLine(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
        }
    }
}
