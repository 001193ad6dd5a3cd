import Testing
@testable import MailConfig

/// Parses `text` as `config.toml` and expects exactly the error `expected`
/// (`line` is the table row, for the failure message).
func expectConfigError(_ text: String, _ expected: String, line: Int) {
    do {
        _ = try ConfigLoader.parse(text, file: "config.toml")
        Issue.record("expected an error (table line \(line))")
    } catch let error as ConfigError {
        #expect(error.description == expected, "table line \(line)")
    } catch {
        Issue.record("unexpected \(error)")
    }
}
