/// A message's MIME structure as BODYSTRUCTURE reports it (RFC 3501 §7.4.2).
///
/// Extension data (MD5, disposition, language, location) is optional: BODY
/// omits it, BODYSTRUCTURE usually carries it.
public indirect enum BodyStructure: Hashable, Sendable {
    case singlepart(SinglePart)
    case multipart(Multipart)

    /// A leaf part: text, an attachment, or an encapsulated message.
    public struct SinglePart: Hashable, Sendable {
        /// Lower-cased media type and subtype, e.g. `text` / `plain`.
        public var type: String
        public var subtype: String
        public var parameters: [Parameter]
        public var id: String?
        public var description: String?
        /// Lower-cased Content-Transfer-Encoding, e.g. `base64`.
        public var encoding: String
        public var size: Int
        public var kind: Kind
        public var extension_: SinglePartExtension?

        public init(
            type: String, subtype: String, parameters: [Parameter], id: String?, description: String?,
            encoding: String, size: Int, kind: Kind, extension_: SinglePartExtension? = nil
        ) {
            self.type = type
            self.subtype = subtype
            self.parameters = parameters
            self.id = id
            self.description = description
            self.encoding = encoding
            self.size = size
            self.kind = kind
            self.extension_ = extension_
        }

        /// A parameter's value by case-insensitive name (e.g. `charset`).
        public func parameter(_ name: String) -> String? {
            parameters.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// What distinguishes text and message/rfc822 parts from the rest.
    public enum Kind: Hashable, Sendable {
        case basic
        case text(lines: Int)
        case message(envelope: Envelope, body: BodyStructure, lines: Int)
    }

    /// Extension data of a single part.
    public struct SinglePartExtension: Hashable, Sendable {
        public var md5: String?
        public var disposition: Disposition?
        public var language: [String]
        public var location: String?
        public init(md5: String?, disposition: Disposition?, language: [String], location: String?) {
            self.md5 = md5
            self.disposition = disposition
            self.language = language
            self.location = location
        }
    }

    /// A multipart: its parts and lower-cased subtype (`mixed`, `alternative`…).
    public struct Multipart: Hashable, Sendable {
        public var parts: [BodyStructure]
        public var subtype: String
        public var extension_: MultipartExtension?
        public init(parts: [BodyStructure], subtype: String, extension_: MultipartExtension? = nil) {
            self.parts = parts
            self.subtype = subtype
            self.extension_ = extension_
        }
    }

    /// Extension data of a multipart.
    public struct MultipartExtension: Hashable, Sendable {
        public var parameters: [Parameter]
        public var disposition: Disposition?
        public var language: [String]
        public var location: String?
        public init(parameters: [Parameter], disposition: Disposition?, language: [String], location: String?) {
            self.parameters = parameters
            self.disposition = disposition
            self.language = language
            self.location = location
        }
    }

    /// Content-Disposition: lower-cased kind (`attachment`, `inline`) and parameters.
    public struct Disposition: Hashable, Sendable {
        public var kind: String
        public var parameters: [Parameter]
        public init(kind: String, parameters: [Parameter]) {
            self.kind = kind
            self.parameters = parameters
        }
    }

    /// A `name value` parameter pair (values may still be RFC 2231/2047 encoded).
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}
