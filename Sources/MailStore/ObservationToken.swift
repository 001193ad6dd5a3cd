/// Keeps a cache observation alive until ``cancel()`` is called or the token is released.
public final class ObservationToken: Sendable {
    private let onCancel: @Sendable () -> Void

    init(cancel: @escaping @Sendable () -> Void) {
        self.onCancel = cancel
    }

    deinit { onCancel() }

    /// Stops the observation; no more values are delivered. Idempotent.
    public func cancel() { onCancel() }
}
