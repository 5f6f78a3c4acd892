import Authorizer
import Policy
import Z3

/// The characters a principal's fields can hold, as Z3 regular expressions (for the
/// well-formedness constraints) and as a plain check on a string (for models found without
/// them, `SymbolicPrincipal.alphabetsHold(in:)`). One table feeds both, so they cannot drift.
///
/// IAM User Guide, "IAM and AWS STS quotas", name requirements: names of users, roles and
/// sessions are alphanumeric plus `+ = , . @ _ -`; paths start and end with "/" and hold
/// printable ASCII; in an ARN the leading "/" is dropped (`role/PATH/NAME`), so the path part
/// here is "" (the default path "/") or segments each ending in "/". Account ids are twelve
/// digits. Service names and identity providers are any non-empty text.
struct PrincipalAlphabets {
    enum Alphabet: Sendable {
        case accountID, name, path, nonEmpty
    }

    /// Which alphabet a field is in, for which principal kinds.
    struct Rule {
        var alphabet: Alphabet
        var kinds: [Principal.Kind]

        init(_ alphabet: Alphabet, _ kinds: [Principal.Kind]) {
            self.alphabet = alphabet
            self.kinds = kinds
        }
    }

    static func rule(for field: SymbolicPrincipal.Field) -> Rule? {
        switch field {
        case .account: return Rule(.accountID, Principal.Kind.allCases.filter(\.hasAccount))
        case .rolePath: return Rule(.path, [.iamRole, .assumedRoleSession])
        case .roleName: return Rule(.name, [.iamRole, .assumedRoleSession])
        case .sessionName: return Rule(.name, [.assumedRoleSession])
        case .userPath: return Rule(.path, [.iamUser])
        case .userName: return Rule(.name, [.iamUser, .federatedUser])
        case .serviceName: return Rule(.nonEmpty, [.awsService])
        case .provider: return Rule(.nonEmpty, [.webIdentity, .samlFederated])
        case .arn, .roleArn, .canonicalUserID, .orgID, .userID: return nil
        }
    }

    // The character classes, as inclusive Unicode scalar ranges.
    private static let digits: [ClosedRange<Unicode.Scalar>] = ["0"..."9"]
    private static let nameCharacters: [ClosedRange<Unicode.Scalar>] =
        ["a"..."z", "A"..."Z", "0"..."9", "+"..."+", "="..."=", ","...",", "."...".", "@"..."@", "_"..."_", "-"..."-"]
    /// Printable ASCII but "/" (which ends a segment).
    private static let pathCharacters: [ClosedRange<Unicode.Scalar>] = ["!"...".", "0"..."~"]

    let context: Z3Context

    init(context: Z3Context) throws {
        self.context = context
    }

    func regex(_ alphabet: Alphabet) throws -> Z3Regex {
        switch alphabet {
        case .accountID: return try characterClass(Self.digits).repeated(min: 12, max: 12)
        case .name: return try characterClass(Self.nameCharacters).plus()
        case .path:
            let segment = try characterClass(Self.pathCharacters).plus().concat(context.regex("/"))
            return try context.regexUnion([try context.regex(""), try segment.plus()])
        case .nonEmpty: return try context.regexAllChar().plus()
        }
    }

    /// An identifier form (`OrganizationIdentifiers`) as a regex: the same pieces the concrete
    /// check reads.
    func regex(_ form: IdentifierForm) throws -> Z3Regex {
        try context.regexConcat(form.pieces.map { piece in
            switch piece {
            case .literal(let text): return try context.regex(text)
            case .characters(let ranges, let minimum, let maximum):
                return try characterClass(ranges).repeated(min: UInt32(minimum), max: UInt32(maximum))
            }
        })
    }

    /// An `aws:PrincipalOrgPaths` entry: organization, root, then OUs, each followed by `/`.
    func organizationPath() throws -> Z3Regex {
        let slash = try context.regex("/")
        return try context.regexConcat([
            regex(OrganizationIdentifiers.organization), slash, regex(OrganizationIdentifiers.root), slash,
            regex(OrganizationIdentifiers.unit).concat(slash).star(),
        ])
    }

    private func characterClass(_ ranges: [ClosedRange<Unicode.Scalar>]) throws -> Z3Regex {
        try context.regexUnion(ranges.map { try context.regexRange($0.lowerBound, $0.upperBound) })
    }

    static func matches(_ text: String, _ alphabet: Alphabet) -> Bool {
        let scalars = Array(text.unicodeScalars)
        func all(_ ranges: [ClosedRange<Unicode.Scalar>], _ slice: ArraySlice<Unicode.Scalar>) -> Bool {
            slice.allSatisfy { scalar in ranges.contains { $0.contains(scalar) } }
        }
        switch alphabet {
        case .accountID: return scalars.count == 12 && all(digits, scalars[...])
        case .name: return !scalars.isEmpty && all(nameCharacters, scalars[...])
        case .nonEmpty: return !scalars.isEmpty
        case .path:
            // "" or one or more segments, each one or more path characters and a "/".
            guard !scalars.isEmpty else { return true }
            guard scalars.last == "/" else { return false }
            return scalars.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                .allSatisfy { !$0.isEmpty && all(pathCharacters, $0) }
        }
    }
}
