import NIOCore
import Testing
@testable import IMAPCodec

/// One row of an encoder table: a command and the exact chunks it must become,
/// tagged with the row's line so a failure points at the row.
struct EncoderRow: Sendable {
    var command: Command
    var chunks: [String]
    var encoder: CommandEncoder
    var location: SourceLocation

    init(
        _ command: Command, _ chunks: String..., encoder: CommandEncoder = CommandEncoder(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        self.command = command
        self.chunks = chunks
        self.encoder = encoder
        self.location = sourceLocation
    }
}

/// Encodes every row with tag `A1` and compares the chunks as text.
func expectEncoderRows(_ rows: [EncoderRow]) {
    for row in rows {
        let encoded = row.encoder.encode(row.command, tag: Tag("A1"))
        let actual = encoded.chunks.map { String(buffer: $0) }
        #expect(actual == row.chunks, sourceLocation: row.location)
    }
}

/// The chunks of `command` (tag `A1`) as byte arrays, for data that is not UTF-8.
func encoderChunkBytes(_ command: Command, encoder: CommandEncoder = CommandEncoder()) -> [[UInt8]] {
    encoder.encode(command, tag: Tag("A1")).chunks.map { Array($0.readableBytesView) }
}

/// A mailbox from its wire text.
func encoderMailbox(_ wire: String) -> MailboxName {
    MailboxName(wire: wire)
}
