import NIOConcurrencyHelpers

/// A value handed from one task to another exactly once: the first
/// `resume` wins and later ones return `false`.
///
/// The pool uses it for every wait it hands out (a lease waiter, a host
/// connect permit, the signal that tells a connection's task to log out), so
/// that a waiter can be cancelled or time out without racing the actor that
/// grants it: whoever resolves the box first decides, and the loser sees
/// `false` and undoes its part. Waiting is cancellation-aware.
final class OneShot<Value: Sendable>: Sendable {
    private enum State {
        case pending(CheckedContinuation<Value, any Error>?)
        case done(Result<Value, any Error>)
    }

    private let state = NIOLockedValueBox<State>(.pending(nil))

    init() {}

    /// Whether a value or an error has been set.
    var isResolved: Bool {
        state.withLockedValue { state in
            if case .done = state { return true }
            return false
        }
    }

    /// Sets the outcome unless one is set already; returns whether this call set it.
    @discardableResult
    func resume(_ result: Result<Value, any Error>) -> Bool {
        let continuation: CheckedContinuation<Value, any Error>?? = state.withLockedValue { state in
            guard case .pending(let continuation) = state else { return nil }
            state = .done(result)
            return .some(continuation)
        }
        guard let continuation else { return false }
        continuation?.resume(with: result)
        return true
    }

    @discardableResult
    func succeed(_ value: Value) -> Bool { resume(.success(value)) }

    @discardableResult
    func fail(_ error: any Error) -> Bool { resume(.failure(error)) }

    /// Waits for the outcome; cancellation resolves the box with `CancellationError`
    /// (unless it was resolved first).
    func wait() async throws -> Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                let ready: Result<Value, any Error>? = state.withLockedValue { state in
                    switch state {
                    case .pending:
                        state = .pending(continuation)
                        return nil
                    case .done(let result):
                        return result
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            fail(CancellationError())
        }
    }
}

extension OneShot where Value == Void {
    @discardableResult
    func succeed() -> Bool { resume(.success(())) }
}
