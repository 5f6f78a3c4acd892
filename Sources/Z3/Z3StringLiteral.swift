import CZ3

/// Converting Swift strings to and from Z3 string literals so that every string
/// Z3 can represent round-trips exactly.
///
/// Z3 4.8.12 pitfalls this works around (measured, see the tests):
/// - `Z3_mk_string` parses `\u{...}` escapes and reads other bytes one by one as
///   *signed* chars, so raw UTF-8 becomes garbage; `Z3_mk_lstring` takes bytes as
///   characters without decoding UTF-8. So every character outside printable ASCII,
///   and every backslash, is written as `\u{hex}` and passed to `Z3_mk_string`.
/// - `Z3_get_lstring` returns garbage; `Z3_get_string` escapes non-ASCII characters
///   as `\u{hex}` but prints a backslash as itself, so a literal `\u{41}` and the
///   escape for one character can print the same. When the printed form contains a
///   backslash, the value is decoded one character at a time (`str.at` + simplify),
///   where a single character is never ambiguous.
/// - Z3's alphabet ends at U+2FFFF. 4.8.12 rejects a larger `\u{...}` escape, but
///   5.4.1 silently accepts it as something else, so the bridge rejects such scalars
///   itself, the same way on every libz3.
enum Z3StringLiteral {
    /// The largest character in Z3's string alphabet (its default "unicode" encoding).
    static let maximumCharacter: UInt32 = Z3String.maximumCharacter.value

    /// The text to pass to `Z3_mk_string` for `value`.
    static func escaped(_ value: String) throws -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            guard scalar.value <= maximumCharacter else { throw Z3Error.characterOutOfRange(scalar) }
            if scalar.value >= 0x20, scalar.value <= 0x7E, scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return out
    }

    /// The Swift string held by a Z3 string literal `literal`.
    static func decode(_ literal: Z3Term) throws -> String {
        let ctx = literal.context
        let printed = try printedForm(literal)
        if !printed.utf8.contains(UInt8(ascii: "\\")), printed.utf8.allSatisfy({ $0 < 0x80 }) {
            return printed
        }
        let length = try simplifiedInt(ctx.term(Z3_mk_seq_length(ctx.raw, literal.ast), "Z3_mk_seq_length"))
        var result = String.UnicodeScalarView()
        for index in 0..<length {
            let position = try ctx.int(index)
            let character = try ctx.term(Z3_mk_seq_at(ctx.raw, literal.ast, position.term.ast), "Z3_mk_seq_at")
            let simplified = try ctx.term(Z3_simplify(ctx.raw, character.ast), "Z3_simplify")
            result.append(try decodeCharacter(printedForm(simplified), in: literal))
        }
        return String(result)
    }

    /// `Z3_get_string` of a literal, or ``Z3Error/notAValue(_:)`` if it is not one.
    private static func printedForm(_ literal: Z3Term) throws -> String {
        let ctx = literal.context
        let isLiteral = Z3_is_string(ctx.raw, literal.ast)
        try ctx.checkError()
        guard isLiteral else { throw Z3Error.notAValue(literal.description) }
        return try ctx.string(Z3_get_string(ctx.raw, literal.ast), "Z3_get_string")
    }

    private static func simplifiedInt(_ term: Z3Term) throws -> Int {
        let ctx = term.context
        let simplified = try ctx.term(Z3_simplify(ctx.raw, term.ast), "Z3_simplify")
        let numeral = try ctx.string(Z3_get_numeral_string(ctx.raw, simplified.ast), "Z3_get_numeral_string")
        guard let value = Int(numeral), value >= 0 else { throw Z3Error.numeralOutOfRange(numeral) }
        return value
    }

    /// Decodes how Z3 prints a one-character string.
    private static func decodeCharacter(_ printed: String, in literal: Z3Term) throws -> Unicode.Scalar {
        let scalars = Array(printed.unicodeScalars)
        if scalars.count == 1 { return scalars[0] }
        if printed == "\\\\" { return "\\" }
        var hex: Substring?
        if printed.hasPrefix("\\u{"), printed.hasSuffix("}") {
            hex = printed.dropFirst(3).dropLast()
        } else if printed.hasPrefix("\\u"), scalars.count == 6 {
            hex = printed.dropFirst(2)
        } else if printed.hasPrefix("\\x"), scalars.count == 4 {
            hex = printed.dropFirst(2)
        }
        guard let hex, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
            throw Z3Error.notAValue("character \(printed) in \(literal.description)")
        }
        return scalar
    }
}
