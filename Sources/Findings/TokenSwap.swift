/// A renaming of whole tokens: each pair `(a, b)` swaps `a` and `b` wherever one of them is a
/// *maximal run* of token characters (`A–Z a–z 0–9 _ -`) in a string, and leaves every other
/// character alone. `"arn:aws:s3:::logs-4242/x"` with the pair (`logs-4242`, `zq99999999`) becomes
/// `"arn:aws:s3:::zq99999999/x"`; `"logs-42421"` is a different run and is not touched.
///
/// A swap is its own inverse (applying it twice gives the input back), so it is a bijection on
/// strings; `CanonicalResource` uses one to move a resource to a canonical form and the answer
/// back (docs/ANALYSIS.md, "Canonical forms").
///
/// ```swift
/// let swap = TokenSwap(pairs: [("111122223333", "000000000000")])
/// swap.apply("arn:aws:iam::111122223333:root")   // "arn:aws:iam::000000000000:root"
/// swap.apply("000000000000")                      // "111122223333"
/// ```
public struct TokenSwap: Sendable {
    /// A swap has a few pairs (the resource's account and up to eight name tokens), and a scan
    /// keeps one per resource: the pairs are searched in order rather than hashed.
    public private(set) var pairs: [(String, String)]

    /// `pairs` must name distinct tokens, each pair of equal length (checked by the caller,
    /// `CanonicalResource`); a pair `(a, a)` is dropped.
    public init(pairs: [(String, String)]) {
        self.pairs = pairs.filter { $0.0 != $0.1 }
    }

    /// The token `run` is swapped with, or nil when it is not one of the swap's.
    private func partner(of run: Substring) -> String? {
        let length = run.utf8.count
        for (a, b) in pairs {
            if a.utf8.count == length && a == run { return b }
            if b.utf8.count == length && b == run { return a }
        }
        return nil
    }

    public static let identity = TokenSwap(pairs: [])

    public var isIdentity: Bool { pairs.isEmpty }

    /// Every token the swap moves (both sides of every pair).
    public var tokens: [String] { pairs.flatMap { [$0.0, $0.1] } }

    public static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    public func apply(_ text: String) -> String {
        guard !pairs.isEmpty else { return text }
        // Token characters are ASCII, so runs are found on the UTF-8 bytes (a byte of a multi-byte
        // character is never one). Most values hold no token of the swap: they are returned as
        // they are, with nothing built.
        let bytes = text.utf8
        var output: String?
        var copiedUpTo = bytes.startIndex
        var runStart: String.Index?
        func flush(upTo end: String.Index) {
            guard let start = runStart else { return }
            runStart = nil
            guard let replacement = partner(of: text[start..<end]) else { return }
            if output == nil { output = String(); output?.reserveCapacity(bytes.count + 8) }
            output?.append(contentsOf: text[copiedUpTo..<start])
            output?.append(replacement)
            copiedUpTo = end
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if Self.isTokenByte(bytes[index]) {
                if runStart == nil { runStart = index }
            } else {
                flush(upTo: index)
            }
            index = bytes.index(after: index)
        }
        flush(upTo: bytes.endIndex)
        guard var result = output else { return text }
        result.append(contentsOf: text[copiedUpTo...])
        return result
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): return true
        default: return false
        }
    }

    /// The maximal runs of token characters in `text`: what `apply` may rename.
    public static func runs(in text: String) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isTokenCharacter(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                runs.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { runs.append(String(current)) }
        return runs
    }
}
