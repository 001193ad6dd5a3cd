/// A screen that also reads keys: what the UI loop runs on.
///
/// ``waitForKeys(wakeup:timeoutMilliseconds:)`` blocks the calling thread
/// (the UI's own thread, never a Swift concurrency thread) until a key is
/// pressed, the terminal is resized, `wakeup` is signalled, or the timeout
/// passes; it returns the keys read, possibly none.
public protocol Terminal: Screen {
    /// Waits for keys or a wake-up; `timeoutMilliseconds < 0` waits indefinitely.
    func waitForKeys(wakeup: Wakeup, timeoutMilliseconds: Int32) -> [KeyEvent]
    /// Whether the terminal went away (hang-up): the UI then ends.
    var isClosed: Bool { get }
    /// Rings the terminal bell (new mail).
    func bell()
    /// Gives the terminal to the shell and stops the process (Ctrl-Z);
    /// returns after `fg`, the screen ready to be drawn again in full.
    func suspend()
    /// Gives the terminal back to the shell (on quit).
    func restore()
}
