/// Every string over `alphabet` of length 0 through `maximumLength`, shortest first: the
/// subjects brute-force tests of glob algorithms check against.
public func allStrings(over alphabet: [Character], upTo maximumLength: Int) -> [String] {
    var strings = [""]
    var frontier = [""]
    for _ in 0..<maximumLength {
        frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
        strings += frontier
    }
    return strings
}
