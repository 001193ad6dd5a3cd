import IMAPClient
import MailStore
import MIME

/// The background sync layer: pool, folder cache, sync engine, IDLE watchers.
/// Filled in by the sync issue.
public enum MailSyncModule {}
