/// The identifier forms of AWS Organizations, facts about every real request that carries them
/// (AWS Organizations API Reference, `Organization.Id`, `Root.Id`, `OrganizationalUnit.Id`; IAM
/// User Guide, "AWS global condition context keys", `aws:PrincipalOrgID` and
/// `aws:PrincipalOrgPaths`):
/// - an organization id is `o-` and 10 to 32 lowercase letters or digits (`^o-[a-z0-9]{10,32}$`),
///   so `O-A1B2C3D4E5` names no organization;
/// - a root id is `r-` and 4 to 32 lowercase letters or digits; an OU id is `ou-`, 4 to 32
///   lowercase letters or digits, `-`, and 8 to 32 more;
/// - an `aws:PrincipalOrgPaths` entry is the path of the caller's account: its organization id
///   (the caller's own `aws:PrincipalOrgID`), its root, then its OUs, each followed by `/`
///   (`o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`); a caller outside every organization has neither key.
///
/// One definition serves both semantics: `RequestRealism` checks concrete requests with it, and
/// the encoding builds its regular expressions from the same `IdentifierForm`s.
public enum OrganizationIdentifiers {
    static let lowercaseAlphanumerics: [ClosedRange<Unicode.Scalar>] = ["a"..."z", "0"..."9"]

    public static let organization = IdentifierForm([.literal("o-"), .characters(lowercaseAlphanumerics, min: 10, max: 32)])
    public static let root = IdentifierForm([.literal("r-"), .characters(lowercaseAlphanumerics, min: 4, max: 32)])
    public static let unit = IdentifierForm([.literal("ou-"), .characters(lowercaseAlphanumerics, min: 4, max: 32),
                                             .literal("-"), .characters(lowercaseAlphanumerics, min: 8, max: 32)])

    /// Whether `path` is an organization path of an account in `organization`.
    public static func isPath(_ path: String, in organization: String) -> Bool {
        guard path.hasPrefix(organization + "/"), path.hasSuffix("/") else { return false }
        let segments = path.dropLast().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 2, self.organization.matches(segments[0]), root.matches(segments[1]) else { return false }
        return segments.dropFirst(2).allSatisfy(unit.matches)
    }
}

/// A small regular language of identifiers: literals and bounded runs of character ranges.
/// Concrete checks use `matches`; the encoding turns the same pieces into a Z3 regex.
public struct IdentifierForm: Sendable {
    public enum Piece: Sendable {
        case literal(String)
        case characters([ClosedRange<Unicode.Scalar>], min: Int, max: Int)
    }

    public let pieces: [Piece]

    public init(_ pieces: [Piece]) { self.pieces = pieces }

    public func matches(_ text: String) -> Bool {
        Self.match(Array(text.unicodeScalars)[...], pieces[...])
    }

    private static func match(_ subject: ArraySlice<Unicode.Scalar>, _ pieces: ArraySlice<Piece>) -> Bool {
        guard let first = pieces.first else { return subject.isEmpty }
        switch first {
        case .literal(let text):
            let scalars = Array(text.unicodeScalars)
            guard subject.starts(with: scalars) else { return false }
            return match(subject.dropFirst(scalars.count), pieces.dropFirst())
        case .characters(let ranges, let minimum, let maximum):
            var count = 0
            var rest = subject
            while count < maximum, let scalar = rest.first, ranges.contains(where: { $0.contains(scalar) }) {
                count += 1
                rest = rest.dropFirst()
                if count >= minimum, match(rest, pieces.dropFirst()) { return true }
            }
            return minimum == 0 && match(subject, pieces.dropFirst())
        }
    }
}
