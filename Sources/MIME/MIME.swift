/// Message decoding: RFC 5322 headers, RFC 2047 encoded words, MIME trees,
/// transfer encodings and charsets. Filled in by the cache and MIME issue.
public enum MIME {}
