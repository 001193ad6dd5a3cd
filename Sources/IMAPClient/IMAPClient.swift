import IMAPCodec
public enum IMAPClientModule {}
