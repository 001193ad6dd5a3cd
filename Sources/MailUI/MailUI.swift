import MailStore
import MailSync
import TerminalKit

/// App state, reducer, panes and the UI run loop. Filled in by the UI issue.
public enum MailUI {}
