import Testing
@testable import IMAPCodec
@Test func placeholder() {}
