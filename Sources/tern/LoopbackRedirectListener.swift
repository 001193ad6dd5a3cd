import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// The loopback redirect of an OAuth2 desktop sign-in (RFC 8252 §7.3): a
/// socket on 127.0.0.1 at a port the kernel picks, which waits for the one
/// browser request that carries `code` (or `error`) and `state`, answers it
/// with a short page, and closes.
///
/// Accepting and reading block, so they run on a thread of their own, never
/// on Swift's cooperative pool.
final class LoopbackRedirectListener: Sendable {
    /// Why no redirect came.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let socket: Int32

    /// The redirect URI to register in the authorization request.
    var redirectURI: String { "http://127.0.0.1:\(port)/" }

    init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot listen on 127.0.0.1: \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw Failure(description: "cannot read the listening port")
        }
        socket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(socket)
    }

    /// The query of the first request that has `code` or `error`; other
    /// requests (a favicon) get a 404. Fails after `timeout` or when the task
    /// is cancelled.
    func waitForRedirect(timeout: Duration) async throws -> [String: String] {
        let cancelled = NIOLockedValueBox(false)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[String: String], any Error>) in
                let thread = Thread { [self] in
                    continuation.resume(with: Result { try self.serve(timeout: timeout, cancelled: cancelled) })
                }
                thread.name = "tern-auth-redirect"
                thread.start()
            }
        } onCancel: {
            cancelled.withLockedValue { $0 = true }
        }
    }

    private func serve(timeout: Duration, cancelled: NIOLockedValueBox<Bool>) throws -> [String: String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            if cancelled.withLockedValue({ $0 }) { throw CancellationError() }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "no answer from the browser within \(timeout.components.seconds) s")
            }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let client = accept(socket, nil, nil)
            guard client >= 0 else { continue }
            defer { close(client) }
            guard let target = Self.readRequestTarget(client) else { continue }
            let query = Self.query(of: target)
            guard query["code"] != nil || query["error"] != nil else {
                Self.respond(client, status: "404 Not Found", body: "Not found.")
                continue
            }
            let body = query["code"] != nil
                ? "Tern is signed in. You can close this tab and return to the terminal."
                : "The sign-in did not complete (\(query["error"] ?? "")). Return to the terminal."
            Self.respond(client, status: "200 OK", body: body)
            return query
        }
    }

    /// The request target of a `GET` (the path and query), read within 5 s.
    private static func readRequestTarget(_ client: Int32) -> String? {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 16_384 {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            data += buffer[0..<count]
            // The request line is all that matters; the headers end the read.
            if String(decoding: data, as: UTF8.self).contains("\r\n\r\n") { break }
        }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\r\n", maxSplits: 1).first ?? ""
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[0] == "GET" else { return nil }
        return String(parts[1])
    }

    static func query(of target: String) -> [String: String] {
        guard let components = URLComponents(string: "http://127.0.0.1" + target) else { return [:] }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return query
    }

    private static func respond(_ client: Int32, status: String, body: String) {
        let html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Tern</title></head><body><p>\(body)</p></body></html>"
        let response = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(html.utf8.count)\r\n"
            + "Connection: close\r\nCache-Control: no-store\r\n\r\n" + html
        _ = Array(response.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}
