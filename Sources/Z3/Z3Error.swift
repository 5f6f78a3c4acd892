import CZ3

/// A Z3 error code, as reported by `Z3_get_error_code`.
///
/// Modelled on swift-system's `Errno`: a raw value with named constants, so unknown
/// codes from a newer libz3 still round-trip.
///
/// ```swift
/// if case .api(let code, _) = error, code == .sortError { ... }
/// ```
public struct Z3ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The raw `Z3_error_code` value.
    public let rawValue: UInt32

    /// Wraps a raw `Z3_error_code` value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    init(_ code: Z3_error_code) { self.rawValue = code.rawValue }

    /// `Z3_OK`: no error.
    public static let ok = Z3ErrorCode(Z3_OK)
    /// `Z3_SORT_ERROR`: a term was built from arguments of the wrong sorts.
    public static let sortError = Z3ErrorCode(Z3_SORT_ERROR)
    /// `Z3_IOB`: index out of bounds.
    public static let indexOutOfBounds = Z3ErrorCode(Z3_IOB)
    /// `Z3_INVALID_ARG`: an invalid argument was passed.
    public static let invalidArgument = Z3ErrorCode(Z3_INVALID_ARG)
    /// `Z3_PARSER_ERROR`: a parser error.
    public static let parserError = Z3ErrorCode(Z3_PARSER_ERROR)
    /// `Z3_NO_PARSER`: no parser available.
    public static let noParser = Z3ErrorCode(Z3_NO_PARSER)
    /// `Z3_INVALID_PATTERN`: an invalid quantifier pattern.
    public static let invalidPattern = Z3ErrorCode(Z3_INVALID_PATTERN)
    /// `Z3_MEMOUT_FAIL`: out of memory.
    public static let memoryOut = Z3ErrorCode(Z3_MEMOUT_FAIL)
    /// `Z3_FILE_ACCESS_ERROR`: a file could not be accessed.
    public static let fileAccessError = Z3ErrorCode(Z3_FILE_ACCESS_ERROR)
    /// `Z3_INTERNAL_FATAL`: an internal error in Z3.
    public static let internalFatal = Z3ErrorCode(Z3_INTERNAL_FATAL)
    /// `Z3_INVALID_USAGE`: the API was used in an invalid way.
    public static let invalidUsage = Z3ErrorCode(Z3_INVALID_USAGE)
    /// `Z3_DEC_REF_ERROR`: a reference count went below zero.
    public static let decRefError = Z3ErrorCode(Z3_DEC_REF_ERROR)
    /// `Z3_EXCEPTION`: an exception inside Z3; the message says which.
    public static let exception = Z3ErrorCode(Z3_EXCEPTION)

    public var description: String {
        switch self {
        case .ok: return "ok"
        case .sortError: return "sort error"
        case .indexOutOfBounds: return "index out of bounds"
        case .invalidArgument: return "invalid argument"
        case .parserError: return "parser error"
        case .noParser: return "no parser"
        case .invalidPattern: return "invalid pattern"
        case .memoryOut: return "out of memory"
        case .fileAccessError: return "file access error"
        case .internalFatal: return "internal fatal error"
        case .invalidUsage: return "invalid usage"
        case .decRefError: return "reference count error"
        case .exception: return "exception"
        default: return "error code \(rawValue)"
        }
    }
}

/// An error raised by the Z3 bridge.
///
/// Every Z3 call that can fail goes through one helper on ``Z3Context`` that reads
/// Z3's error state and throws ``Z3Error/api(code:message:)``; Z3 never aborts the
/// process. The other cases are checks the bridge makes itself.
///
/// ```swift
/// do {
///     _ = try ctx.bitVector(1, width: 8).equals(ctx.bitVector(1, width: 16))
/// } catch let error as Z3Error {
///     print(error)   // "Z3 exception: Sorts (_ BitVec 8) and (_ BitVec 16) are incompatible"
/// }
/// ```
public enum Z3Error: Error, Equatable, CustomStringConvertible {
    /// Z3 reported an error (through its error handler) with this code and message.
    case api(code: Z3ErrorCode, message: String)
    /// Z3 returned no result but reported no error either.
    case nullResult(operation: String)
    /// Terms, sorts or solvers from two different ``Z3Context``s were combined.
    case contextMismatch
    /// A term's sort is not the one its Swift type requires.
    case sortMismatch(expected: String, actual: String)
    /// A model value is a numeral that does not fit the requested Swift type.
    case numeralOutOfRange(String)
    /// A model evaluation did not produce a literal value (e.g. `completion: false`
    /// left a variable unassigned), or a literal could not be decoded.
    case notAValue(String)
    /// An argument the bridge rejects before calling Z3 (e.g. an empty enumeration sort).
    case invalidArgument(String)
    /// A string literal contains a character beyond Z3's alphabet (above U+2FFFF).
    case characterOutOfRange(Unicode.Scalar)

    public var description: String {
        switch self {
        case let .api(code, message): return "Z3 \(code): \(message)"
        case let .nullResult(operation): return "Z3 returned no result from \(operation)"
        case .contextMismatch: return "terms from different Z3 contexts were combined"
        case let .sortMismatch(expected, actual): return "expected a term of sort \(expected), got \(actual)"
        case let .numeralOutOfRange(numeral): return "numeral \(numeral) does not fit the requested type"
        case let .notAValue(term): return "not a literal value: \(term)"
        case let .invalidArgument(message): return "invalid argument: \(message)"
        case let .characterOutOfRange(scalar):
            return "character U+\(String(scalar.value, radix: 16, uppercase: true)) is beyond Z3's alphabet (U+2FFFF)"
        }
    }
}
