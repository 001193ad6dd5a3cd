extension HTMLToText {
    /// Decodes every character reference in `text` (`&amp;`, `&#233;`, `&#xE9;`).
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        while i < s.count {
            if s[i] == "&" {
                let (decoded, length) = entity(s, at: i)
                out += decoded
                i += length
            } else {
                out.unicodeScalars.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// The character reference at `start` (which holds `&`) and how many
    /// scalars it spans; an unknown reference is a literal `&` of length 1.
    static func entity(_ s: [Unicode.Scalar], at start: Int) -> (String, Int) {
        var j = start + 1
        if j < s.count, s[j] == "#" {
            j += 1
            var hex = false
            if j < s.count, s[j] == "x" || s[j] == "X" { hex = true; j += 1 }
            var value: UInt32 = 0
            let digitsStart = j
            while j < s.count, j - digitsStart < 8 {
                let c = s[j]
                if let d = hexValue(c), hex || d < 10 {
                    value = value &* (hex ? 16 : 10) &+ UInt32(d)
                    j += 1
                } else {
                    break
                }
            }
            guard j > digitsStart else { return ("&", 1) }
            if j < s.count, s[j] == ";" { j += 1 }
            let scalar: Unicode.Scalar
            if value == 0 || value > 0x10FFFF {
                scalar = "\u{FFFD}"
            } else if (0x80...0x9F).contains(value), let mapped = windows1252[value] {
                // Browsers read &#150; as windows-1252, and so does mail.
                scalar = mapped
            } else {
                scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            }
            return (String(scalar), j - start)
        }
        var name = ""
        while j < s.count, j - start <= 32, let c = Optional(s[j]),
              (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") {
            name.unicodeScalars.append(c)
            j += 1
        }
        if j < s.count, s[j] == ";", let value = named[name] ?? named[name.lowercased()] {
            return (value, j + 1 - start)
        }
        // Legacy references without `;` (`&amp`, `&nbsp`), as browsers accept.
        if let value = legacy[name] {
            return (value, j - start)
        }
        return ("&", 1)
    }

    static func hexValue(_ c: Unicode.Scalar) -> UInt8? {
        guard c.isASCII else { return nil }
        return TransferDecoding.hex(UInt8(c.value))
    }

    static let legacy: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
    ]

    static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "€", 0x82: "‚", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x89: "‰", 0x8A: "Š",
        0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
        0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
    ]

    /// The named references mail actually uses.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ensp": " ", "emsp": " ", "thinsp": " ", "zwnj": "\u{200C}", "zwj": "\u{200D}", "shy": "\u{AD}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "bull": "•", "middot": "·",
        "dagger": "†", "Dagger": "‡", "permil": "‰", "prime": "′", "Prime": "″",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "curren": "¤", "sect": "§", "para": "¶",
        "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "micro": "µ", "frac12": "½",
        "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³", "ordf": "ª", "ordm": "º",
        "iexcl": "¡", "iquest": "¿", "brvbar": "¦", "uml": "¨", "macr": "¯", "acute": "´", "cedil": "¸",
        "not": "¬", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "rArr": "⇒",
        "check": "✓", "star": "☆", "hearts": "♥", "infin": "∞", "ne": "≠", "le": "≤", "ge": "≥",
        "minus": "−", "asymp": "≈", "sum": "∑", "radic": "√",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Atilde": "Ã", "Auml": "Ä", "Aring": "Å", "AElig": "Æ",
        "Ccedil": "Ç", "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë", "Igrave": "Ì", "Iacute": "Í",
        "Icirc": "Î", "Iuml": "Ï", "ETH": "Ð", "Ntilde": "Ñ", "Ograve": "Ò", "Oacute": "Ó", "Ocirc": "Ô",
        "Otilde": "Õ", "Ouml": "Ö", "Oslash": "Ø", "Ugrave": "Ù", "Uacute": "Ú", "Ucirc": "Û", "Uuml": "Ü",
        "Yacute": "Ý", "THORN": "Þ", "szlig": "ß", "agrave": "à", "aacute": "á", "acirc": "â", "atilde": "ã",
        "auml": "ä", "aring": "å", "aelig": "æ", "ccedil": "ç", "egrave": "è", "eacute": "é", "ecirc": "ê",
        "euml": "ë", "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï", "eth": "ð", "ntilde": "ñ",
        "ograve": "ò", "oacute": "ó", "ocirc": "ô", "otilde": "õ", "ouml": "ö", "oslash": "ø", "ugrave": "ù",
        "uacute": "ú", "ucirc": "û", "uuml": "ü", "yacute": "ý", "thorn": "þ", "yuml": "ÿ",
        "OElig": "Œ", "oelig": "œ", "Scaron": "Š", "scaron": "š", "Yuml": "Ÿ", "fnof": "ƒ", "circ": "ˆ", "tilde": "˜",
        "Alpha": "Α", "Beta": "Β", "Gamma": "Γ", "Delta": "Δ", "Omega": "Ω", "alpha": "α", "beta": "β",
        "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "omega": "ω",
    ]
}
