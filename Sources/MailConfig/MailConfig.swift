import TOMLKit

/// TOML configuration, themes and keymaps. Filled in by the sync issue.
public enum MailConfigModule {}
