import Foundation
import IMAPCodec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes messages into a Dovecot Maildir++ tree (`mail_location = maildir:~/Maildir`,
/// hierarchy separator `/`) the way a delivery agent would.
struct MaildirWriter: Sendable {
    let root: String
    let uid: uid_t
    let gid: gid_t

    /// Process-wide sequence that keeps file names unique when tests seed concurrently.
    private static let sequence = LockedBox<UInt64>(0)

    func write(_ messages: [SeedMessage], to mailbox: String) throws {
        let folder = try prepareFolder(for: mailbox)
        // Dovecot sorts newly found files by the timestamp in their names, so every file
        // gets its own second, after any file already there.
        var seconds = max(Int(time(nil)), highestTimestamp(in: folder) + 1)
        let first = Self.sequence.withLock { value -> UInt64 in
            defer { value += UInt64(messages.count) }
            return value
        }
        let pid = getpid()
        for (offset, message) in messages.enumerated() {
            let unique = first + UInt64(offset)
            let base = "\(seconds).M\(unique % 1_000_000)P\(pid)Q\(unique).tern"
                + ",S=\(message.raw.count),W=\(message.virtualSize)"
            seconds += 1
            let letters = String(message.flags.sorted().map(\.maildirLetter))
            let destination = letters.isEmpty ? "\(folder)/new/\(base)" : "\(folder)/cur/\(base):2,\(letters)"
            try writeFile("\(folder)/tmp/\(base)", bytes: message.raw, modified: message.internalDate)
            guard rename("\(folder)/tmp/\(base)", destination) == 0 else {
                throw failure("rename into \(destination)")
            }
        }
    }

    /// The folder directory of `mailbox`, created (with `cur`, `new`, `tmp`) if needed.
    func prepareFolder(for mailbox: String) throws -> String {
        let folder = try folderPath(for: mailbox)
        for directory in [folder, "\(folder)/cur", "\(folder)/new", "\(folder)/tmp"] {
            try makeDirectory(directory)
        }
        if folder != root {
            let marker = "\(folder)/maildirfolder"
            if access(marker, F_OK) != 0 {
                try writeFile(marker, bytes: [], modified: Date())
            }
        }
        return folder
    }

    /// Where Dovecot keeps `mailbox`: the root for `INBOX`, else the Maildir++ folder
    /// `.<name>` with each level in modified UTF-7 (as on the wire) and `.` between levels.
    func folderPath(for mailbox: String) throws -> String {
        if mailbox.uppercased() == "INBOX" {
            return root
        }
        let parts = mailbox.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0.contains(".") }) else {
            throw DovecotServer.Failure(description: """
                cannot seed mailbox "\(mailbox)": Maildir++ names cannot hold "." or empty parts
                """)
        }
        return root + "/." + parts.map { ModifiedUTF7.encode(String($0)) }.joined(separator: ".")
    }

    private func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) == 0 {
            guard chown(path, uid, gid) == 0 || geteuid() != 0 else {
                throw failure("chown \(path)")
            }
        } else if errno != EEXIST {
            throw failure("mkdir \(path)")
        }
    }

    private func writeFile(_ path: String, bytes: [UInt8], modified: Date) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("create \(path)") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(fd, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("write \(path)")
            }
            written += result
        }
        if geteuid() == 0 && fchown(fd, uid, gid) != 0 {
            throw failure("chown \(path)")
        }
        let seconds = modified.timeIntervalSince1970.rounded(.down)
        let time = timespec(tv_sec: Int(seconds), tv_nsec: 0)
        var times = [time, time]
        guard futimens(fd, &times) == 0 else { throw failure("set the time of \(path)") }
    }

    /// The largest leading timestamp among the files in `new/` and `cur/`, or 0.
    private func highestTimestamp(in folder: String) -> Int {
        var highest = 0
        for subdirectory in ["new", "cur"] {
            guard let directory = opendir("\(folder)/\(subdirectory)") else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let seconds = withUnsafeBytes(of: entry.pointee.d_name) { name in
                    var value = 0
                    for byte in name {
                        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
                        value = value &* 10 &+ Int(byte - UInt8(ascii: "0"))
                    }
                    return value
                }
                highest = max(highest, seconds)
            }
        }
        return highest
    }

    private func failure(_ operation: String) -> DovecotServer.Failure {
        DovecotServer.Failure(description: "seeding failed: \(operation): \(String(cString: strerror(errno)))")
    }
}

/// `write(2)`, under a name that the `write(_:to:)` method above does not shadow.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
