import Testing
@testable import IMAPClient
@Test func placeholder2() {}
