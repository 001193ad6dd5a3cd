import Testing
@testable import IMAPClient

@Suite struct SASLExchangeTests {
    @Test func plainWithInitialResponse() {
        var exchange = SASLExchange(mechanism: .plain(username: "alice", password: "pw"))
        #expect(exchange.initialResponse() == "AGFsaWNlAHB3")  // \0alice\0pw
        // A further challenge after the credentials is an error report: acknowledge once, then cancel.
        #expect(exchange.respond(toChallenge: "") == .respond(""))
        #expect(exchange.respond(toChallenge: "") == .cancel)
    }

    @Test func plainWithoutInitialResponseAnswersTheEmptyChallenge() {
        var exchange = SASLExchange(mechanism: .plain(username: "alice", password: "pw"))
        #expect(exchange.respond(toChallenge: "") == .respond("AGFsaWNlAHB3"))
    }

    @Test func xoauth2FormatAndErrorContinuation() throws {
        var exchange = SASLExchange(mechanism: .xoauth2(username: "me@gmail.com", accessToken: "ya29.token"))
        let initial = exchange.initialResponse()
        let decoded = try #require(Base64.decode(initial))
        #expect(String(decoding: decoded, as: UTF8.self) == "user=me@gmail.com\u{1}auth=Bearer ya29.token\u{1}\u{1}")
        let errorJSON = #"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#
        let step = exchange.respond(toChallenge: Base64.encode(Array(errorJSON.utf8)))
        #expect(step == .respond(""), "the error continuation is answered with an empty line")
        #expect(exchange.failureDetail == errorJSON)
        #expect(exchange.failureDetail?.contains("ya29") == false)
    }

    @Test(arguments: [
        ("", [UInt8]()), ("Zg==", Array("f".utf8)), ("Zm8=", Array("fo".utf8)), ("Zm9v", Array("foo".utf8)),
        ("Zm9vYmFy", Array("foobar".utf8)),
    ])
    func base64RoundTrip(text: String, bytes: [UInt8]) {
        #expect(Base64.encode(bytes) == text)
        #expect(Base64.decode(text) == bytes)
    }

    @Test func base64RejectsGarbage() {
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Z") == nil)
        #expect(Base64.decode("Zg==Zg==") == nil)
    }
}
