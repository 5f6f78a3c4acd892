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
    public private(set) var pairs: [(String, String)]
    private var map: [Substring: String]

    /// `pairs` must name distinct tokens, each pair of equal length (checked by the caller,
    /// `CanonicalResource`); a pair `(a, a)` is dropped.
    public init(pairs: [(String, String)]) {
        self.pairs = pairs.filter { $0.0 != $0.1 }
        var map: [Substring: String] = [:]
        for (a, b) in self.pairs {
            map[Substring(a)] = b
            map[Substring(b)] = a
        }
        self.map = map
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
        guard !map.isEmpty else { return text }
        let scalars = text.unicodeScalars
        var output = String.UnicodeScalarView()
        var changed = false
        var runStart: String.Index?
        func flush(upTo end: String.Index) {
            guard let start = runStart else { return }
            let run = scalars[start..<end]
            if let replacement = map[Substring(run)] {
                output.append(contentsOf: replacement.unicodeScalars)
                changed = true
            } else {
                output.append(contentsOf: run)
            }
            runStart = nil
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if Self.isTokenCharacter(scalar) {
                if runStart == nil { runStart = index }
            } else {
                flush(upTo: index)
                output.append(scalar)
            }
            index = scalars.index(after: index)
        }
        flush(upTo: scalars.endIndex)
        return changed ? String(output) : text
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
