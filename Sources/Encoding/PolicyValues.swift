import Foundation
import Policy
import Z3

/// The policy values of one condition, compiled for a positive operator: answers "does this
/// symbolic request value match any of them" (the Authorizer's `ValueMatcher`).
struct PolicyValues {
    private enum Compiled {
        case exact([(pieces: [PatternPiece], resolvable: Z3Bool)])
        case ignoringCase([String])
        case globs([(regex: Z3Regex, resolvable: Z3Bool)])
        case numbers([PolicyNumber])
        case dates([Int64])
        case bools(Set<Bool>)
        case binaries(Set<String>)
        case ranges([IPAddressRange])
    }

    private let base: BaseConditionOperator
    private let compiled: Compiled
    private let compiler: ConditionCompiler
    private var context: Z3Context { compiler.context }

    init(base: BaseConditionOperator, values: [ConditionValue], compiler: ConditionCompiler, substitute: Bool) throws {
        self.base = base
        self.compiler = compiler
        // Variables apply in string and ARN comparisons only ("Variables and tags").
        let substituteHere = substitute && (base.family == .string || base.family == .arn)
        let texts = values.map(\.text)
        switch base {
        case .stringEquals:
            compiled = .exact(try texts.map { try compiler.resolve($0, substitute: substituteHere) })
        case .stringEqualsIgnoreCase:
            var plain: [String] = []
            for text in texts {
                let (pieces, _) = try compiler.resolve(text, substitute: substituteHere)
                guard ConditionCompiler.isConstant(pieces) else {
                    throw EncodingError.unsupported("a policy variable in a StringEqualsIgnoreCase value")
                }
                plain.append(ConditionCompiler.constantText(pieces))
            }
            compiled = .ignoringCase(plain)
        case .stringLike:
            compiled = .globs(try texts.map { text in
                let (pieces, resolvable) = try compiler.resolve(text, substitute: substituteHere)
                return (try compiler.globs.regex(pieces), resolvable)
            })
        case .arnEquals, .arnLike:
            var globs: [(Z3Regex, Z3Bool)] = []
            for text in texts {
                let (pieces, resolvable) = try compiler.resolve(text, substitute: substituteHere)
                if let regex = try compiler.arns.regex(pieces) { globs.append((regex, resolvable)) }
            }
            compiled = .globs(globs)
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            compiled = .numbers(texts.compactMap { PolicyNumber(parsing: $0) })
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            compiled = .dates(texts.compactMap { PolicyDate.parse($0) })
        case .bool:
            compiled = .bools(Set(texts.compactMap { PolicyBool.parse($0) }))
        case .binaryEquals:
            // Equal bytes: every strict base64 spelling of the same bytes (the Authorizer decodes
            // both sides and compares bytes, ignoring the unused bits before the padding).
            var spellings = Set<String>()
            for text in texts where PolicyBinary.isValidBase64(text) {
                spellings.formUnion(Base64Spellings.all(of: text))
            }
            compiled = .binaries(spellings)
        case .ipAddress:
            compiled = .ranges(texts.compactMap { IPAddressRange(parsing: $0) })
        default:
            compiled = .exact([])
        }
    }

    func matches(_ slot: SymbolicScalar, literalEquality: ((String) throws -> Z3Bool)? = nil) throws -> Z3Bool {
        switch (compiled, slot) {
        case (.exact(let values), .text(let term)):
            return try context.or(values.map { value in
                if let literalEquality, ConditionCompiler.isConstant(value.pieces) {
                    return try literalEquality(ConditionCompiler.constantText(value.pieces))
                }
                return try context.and([value.resolvable, term.equals(compiler.plainTerm(value.pieces))])
            })
        case (.ignoringCase(let values), .text(let term)):
            return try context.or(values.map { try term.matches(compiler.globs.caseInsensitiveRegex($0)) })
        case (.globs(let values), .text(let term)):
            return try context.or(values.map { try context.and([$0.resolvable, term.matches($0.regex)]) })
        case (.bools(let flags), .text(let term)):
            return try context.or(flags.sorted { !$0 && $1 }.map { try term.matches(compiler.globs.caseInsensitiveRegex($0 ? "true" : "false")) })
        case (.binaries(let spellings), .text(let term)):
            return try context.or(spellings.sorted().map { try term.equals(context.string($0)) })
        case (.numbers(let numbers), .number(let readable, let scaled)):
            return try context.and([readable, context.or(numbers.map { try compare(scaled, context.int(Int($0.scaled))) })])
        case (.dates(let dates), .date(let readable, let milliseconds)):
            return try context.and([readable, context.or(dates.map { try compare(milliseconds, context.int(Int($0))) })])
        case (.ranges(let ranges), .ipAddress(let readable, let isIPv4, let high, let low)):
            return try context.and([readable, context.or(ranges.map { try contains($0, isIPv4: isIPv4, high: high, low: low) })])
        default:
            throw EncodingError.unsupported("operator \(base.rawValue) over a key held as another type")
        }
    }

    /// `request OP policy` for the ordered operators.
    private func compare(_ request: Z3Int, _ policy: Z3Int) throws -> Z3Bool {
        switch base {
        case .numericEquals, .dateEquals: return try request.equals(policy)
        case .numericLessThan, .dateLessThan: return try request.lessThan(policy)
        case .numericLessThanEquals, .dateLessThanEquals: return try request.lessThanOrEqual(policy)
        case .numericGreaterThan, .dateGreaterThan: return try request.greaterThan(policy)
        case .numericGreaterThanEquals, .dateGreaterThanEquals: return try request.greaterThanOrEqual(policy)
        default: return try context.bool(false)
        }
    }

    /// CIDR containment on the two 64-bit halves (IPv4 lives in the low 32 bits).
    private func contains(_ range: IPAddressRange, isIPv4: Z3Bool, high: Z3BitVector, low: Z3BitVector) throws -> Z3Bool {
        let (networkHigh, networkLow) = IPHalves.split(range.address.bytes)
        let prefix = range.address.isIPv4 ? range.prefixLength + 96 : range.prefixLength
        let highMask = IPHalves.mask(bits: min(prefix, 64))
        let lowMask = IPHalves.mask(bits: max(0, prefix - 64))
        let family = range.address.isIPv4 ? isIPv4 : try isIPv4.not()
        return try context.and([
            family,
            high.bitwiseAnd(context.bitVector(highMask, width: 64)).equals(context.bitVector(networkHigh & highMask, width: 64)),
            low.bitwiseAnd(context.bitVector(lowMask, width: 64)).equals(context.bitVector(networkLow & lowMask, width: 64)),
        ])
    }
}

/// 16 address bytes as two big-endian 64-bit halves, and prefix masks.
enum IPHalves {
    static func split(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var high: UInt64 = 0, low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        return (high, low)
    }

    static func join(high: UInt64, low: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * $0)) }
    }

    /// The top `bits` bits of a 64-bit word set.
    static func mask(bits: Int) -> UInt64 {
        bits <= 0 ? 0 : bits >= 64 ? UInt64.max : ~(UInt64.max >> UInt64(bits))
    }
}

/// The strict base64 texts that decode to the same bytes as a valid one (`BinaryEquals`): they
/// differ only in the bits a decoder ignores, the low 4 bits of the last data character before
/// `==` or the low 2 bits of the one before `=`. Without padding every bit is significant.
enum Base64Spellings {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// `text` must satisfy `PolicyBinary.isValidBase64`.
    static func all(of text: String) -> Set<String> {
        var characters = Array(text)
        let padding = characters.reversed().prefix { $0 == "=" }.count
        guard padding > 0, characters.count > padding, let value = alphabet.firstIndex(of: characters[characters.count - padding - 1])
        else { return [text] }
        let ignoredBits = padding == 2 ? 4 : 2
        let kept = (value >> ignoredBits) << ignoredBits
        var result = Set<String>()
        for low in 0..<(1 << ignoredBits) {
            characters[characters.count - padding - 1] = alphabet[kept | low]
            result.insert(String(characters))
        }
        return result
    }
}
