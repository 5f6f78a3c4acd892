/// Why a document could not be read as JSON, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        case empty
        case invalidUTF8
        case unexpectedEnd
        case unexpectedCharacter(String)
        case invalidEscape
        case invalidNumber
        case controlCharacterInString
        case trailingContent
        case nestingTooDeep(limit: Int)
        case stringTooLong(limit: Int)
        case documentTooLarge(limit: Int)
    }

    public var reason: Reason
    public var position: SourcePosition

    public var message: String {
        switch reason {
        case .empty: return "the document is empty"
        case .invalidUTF8: return "the document is not valid UTF-8"
        case .unexpectedEnd: return "the document ends unexpectedly (truncated JSON?)"
        case .unexpectedCharacter(let found): return "unexpected character \(found)"
        case .invalidEscape: return "invalid escape sequence in string"
        case .invalidNumber: return "invalid number"
        case .controlCharacterInString: return "unescaped control character in string"
        case .trailingContent: return "unexpected content after the JSON value"
        case .nestingTooDeep(let limit): return "nesting is deeper than the limit of \(limit) levels (maxNestingDepth)"
        case .stringTooLong(let limit): return "a string or number is longer than the limit of \(limit) bytes (maxStringBytes)"
        case .documentTooLarge(let limit): return "the document is larger than the limit of \(limit) bytes (maxDocumentBytes)"
        }
    }
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes that records the line and
/// column of every value, enforces `InputLimits`, and never traps on input.
///
/// ```swift
/// let value = try JSONParser.parse(Array(#"{"Version": "2012-10-17"}"#.utf8))
/// ```
public struct JSONParser {
    private let bytes: [UInt8]
    private let limits: InputLimits
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    public static func parse(_ bytes: [UInt8], limits: InputLimits = .standard) throws(JSONSyntaxError) -> JSONValue {
        if bytes.count > limits.maxDocumentBytes {
            throw JSONSyntaxError(reason: .documentTooLarge(limit: limits.maxDocumentBytes), position: .start)
        }
        if let badOffset = firstInvalidUTF8Offset(bytes) {
            throw JSONSyntaxError(reason: .invalidUTF8, position: position(ofByte: badOffset, in: bytes))
        }
        var parser = JSONParser(bytes: bytes, limits: limits)
        // A UTF-8 byte order mark is tolerated, as AWS's own tools write one sometimes.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        if parser.index >= bytes.count {
            throw JSONSyntaxError(reason: .empty, position: parser.here)
        }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw JSONSyntaxError(reason: .trailingContent, position: parser.here)
        }
        return value
    }

    public static func parse(_ text: String, limits: InputLimits = .standard) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }

    private init(bytes: [UInt8], limits: InputLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    private var here: SourcePosition { SourcePosition(line: line, column: column, offset: index) }

    private func fail(_ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, position: here)
    }

    /// Advances over one byte, keeping line and column (columns count scalars:
    /// continuation bytes of a multi-byte character do not advance the column).
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        let start = here
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return JSONValue(.string(try parseString()), at: start)
        case UInt8(ascii: "t"): try expectLiteral("true"); return JSONValue(.bool(true), at: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); return JSONValue(.bool(false), at: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); return JSONValue(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try parseNumber()), at: start)
        default:
            throw fail(.unexpectedCharacter(describe(bytes[index])))
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        for expected in literal.utf8 {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == expected else { throw fail(.unexpectedCharacter(describe(bytes[index]))) }
            advance()
        }
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > limits.maxNestingDepth { throw fail(.nestingTooDeep(limit: limits.maxNestingDepth)) }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        let start = here
        try enterContainer()
        advance()  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return JSONValue(.object(members), at: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedCharacter(describe(bytes[index]))) }
            let keyPosition = here
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedCharacter(describe(bytes[index]))) }
            advance()
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                advance()
                depth -= 1
                return JSONValue(.object(members), at: start)
            }
            throw fail(.unexpectedCharacter(describe(bytes[index])))
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        let start = here
        try enterContainer()
        advance()  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return JSONValue(.array(elements), at: start)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                advance()
                depth -= 1
                return JSONValue(.array(elements), at: start)
            }
            throw fail(.unexpectedCharacter(describe(bytes[index])))
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail(.invalidEscape)
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let opening = here  // a string over the limit is reported where it starts
        advance()  // opening quote
        var run = index  // start of the current run of plain bytes
        var decoded: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                decoded.append(contentsOf: bytes[run..<index])
                advance()
                break
            }
            if byte < 0x20 { throw fail(.controlCharacterInString) }
            if byte == UInt8(ascii: "\\") {
                decoded.append(contentsOf: bytes[run..<index])
                advance()
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                let escape = bytes[index]
                advance()
                switch escape {
                case UInt8(ascii: "\""): decoded.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): decoded.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): decoded.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw fail(.invalidEscape) }
                        advance()
                        advance()
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail(.invalidEscape) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail(.invalidEscape) }
                    decoded.append(contentsOf: Array(String(scalar).utf8))
                default:
                    throw fail(.invalidEscape)
                }
                run = index
            } else {
                advance()
            }
            if decoded.count + (index - run) > limits.maxStringBytes {
                throw JSONSyntaxError(reason: .stringTooLong(limit: limits.maxStringBytes), position: opening)
            }
        }
        // The whole document was validated as UTF-8 and escapes produce valid scalars.
        return String(decoding: decoded, as: UTF8.self)
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        let startPosition = here
        if bytes[index] == UInt8(ascii: "-") { advance() }
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        if bytes[index] == UInt8(ascii: "0") {
            advance()
        } else if isDigit(bytes[index]) {
            while index < bytes.count, isDigit(bytes[index]) { advance() }
        } else {
            throw fail(.invalidNumber)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            advance()
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber) }
            while index < bytes.count, isDigit(bytes[index]) { advance() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            advance()
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber) }
            while index < bytes.count, isDigit(bytes[index]) { advance() }
        }
        if index - start > limits.maxStringBytes {
            throw JSONSyntaxError(reason: .stringTooLong(limit: limits.maxStringBytes), position: startPosition)
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The offset of the first byte that is not part of well-formed UTF-8, if any.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        while offset < bytes.count {
            let lead = bytes[offset]
            let length: Int
            var lowerBound: UInt8 = 0x80, upperBound: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: offset += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return offset
            }
            guard offset + length <= bytes.count else { return offset }
            let second = bytes[offset + 1]
            guard second >= lowerBound && second <= upperBound else { return offset }
            for continuation in bytes[(offset + 2)..<(offset + length)] where continuation & 0xC0 != 0x80 {
                return offset
            }
            offset += length
        }
        return nil
    }

    /// Line and column of a byte offset, for errors found before parsing starts.
    static func position(ofByte target: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1, column = 1
        for byte in bytes[0..<min(target, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourcePosition(line: line, column: column, offset: target)
    }
}
