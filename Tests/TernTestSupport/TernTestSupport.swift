public enum TernTestSupport {}
