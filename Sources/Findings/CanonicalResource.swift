import Foundation
import Analysis
import Authorizer
import Policy

/// A resource moved to a canonical form, so that resources which differ only in their own
/// account id and their own name share one analysis: the same bucket policy template on
/// `logs-4242` in account 200000000001 and on `logs-4243` in account 200000000002 is solved once.
///
/// The move is a `TokenSwap` σ (the resource's account ↔ `010101010101`, each name token of its
/// ARN ↔ `zq99…`, `zr99…`, … of the same length) applied to every string of the problem that is a
/// *value* (`FieldVisitor`, `SwapRenaming`: the walk of the resource and of the zone): policy
/// principals, resources and condition values, the resource's ARN and settings, the zone.
/// Actions and condition keys are names, not values, and are never renamed.
///
/// Why the answer carries over (docs/ANALYSIS.md, "Canonical forms"): σ is a bijection on
/// strings, and when the checks below hold, every test the semantics makes on a value commutes
/// with it — string equality (a bijection preserves it), globs and ARN patterns (no literal
/// fragment next to a wildcard can be part of a renamed token, so a renamed token is always
/// matched whole, by a literal or inside one wildcard, and σ keeps lengths), IP addresses and
/// Bool (no renamed token can be part of one), numbers and dates (no literal between the
/// swapped accounts), the zone (renamed with the rest). Binary operators read bytes and
/// `…IgnoreCase` compares other spellings of a token, so their presence keeps the resource as it
/// is, as does a policy variable next to a token character or a wildcard.
/// Then a request r is allowed and external for the resource exactly when σ(r) is for the
/// canonical form, so a proof for one is a proof for the other and a witness maps back by σ.
/// The scanner still replays every mapped-back witness through the Authorizer against the
/// resource's own policies.
///
/// ```swift
/// let canonical = CanonicalResource.make(resource, zone: .account("200000000001"))
/// canonical?.resource.arn     // "arn:aws:s3:::zq99999999" for "arn:aws:s3:::logs-4242"
/// ```
public struct CanonicalResource: Sendable {
    public var resource: AnalyzedResource
    public var zone: ZoneOfTrust
    /// Maps the canonical form's answer back to the resource (σ is its own inverse).
    public var swap: TokenSwap
    /// The canonical resource's content (`FieldFingerprint`: no file names or positions).
    public var fingerprint: String { FieldFingerprint.of(resource) }

    /// The account every single-account zone is renamed to.
    /// Any account would be sound (a policy naming it has it swapped with the resource's account);
    /// this one is unlikely to be named, so such policies still share.
    public static let canonicalAccount = "010101010101"

    /// Twelve-digit accounts the analysis itself uses (default witness accounts, picks for
    /// "some other account"): a resource in one of them is kept as it is, since renaming it
    /// would change which of them is outside the zone. A test checks this list against every
    /// twelve-digit literal in the semantic modules' sources.
    public static let builtInAccounts: Set<String> = [
        "123456789012", "210987654321", "314159265358", "271828182845", "999999999999",
    ]

    /// The canonical form of `resource` in `zone`, or nil when there is nothing to rename or a
    /// check fails (then the resource is analysed as it is).
    public static func make(_ resource: AnalyzedResource, zone: ZoneOfTrust) -> CanonicalResource? {
        make(resource, in: RenamableZone(zone))
    }

    /// `make(_:zone:)` with the zone prepared once for many resources (`RenamableZone`: the same answer).
    static func make(_ resource: AnalyzedResource, in renamable: RenamableZone) -> CanonicalResource? {
        let zone = renamable.zone
        // KMS grants name principals outside any policy, which the renaming of findings does not
        // cover, and the checks below read the resource policy alone (not an access point's):
        // such resources are analysed as they are.
        guard let policy = resource.policy, resource.kmsGrants.isEmpty, resource.accessPoint == nil,
              let swap = swap(account: resource.account, arn: resource.arn, zone: zone) else { return nil }
        let tokens = swap.pairs.flatMap { [$0.0, $0.1] }
        let hasNames = swap.pairs.contains { !$0.0.allSatisfy(\.isNumber) }
        let policies = [policy] + (resource.resourceControlPolicies ?? []).flatMap { $0 }
        guard policies.allSatisfy({ commutes($0, tokens: tokens, caseSensitiveTokens: hasNames) }) else { return nil }

        let renamed = resource.renamed(by: swap)
        return CanonicalResource(resource: renamed, zone: renamable.renamed(by: swap), swap: swap)
    }

    /// The swap of a resource with this account and ARN in `zone` (the one `make` renames by when
    /// it makes a canonical form): its account with `canonicalAccount` when the zone is that
    /// account alone, and each name token (`nameTokens`) with `zq99…`, `zr99…`, … of its length;
    /// nil when there is nothing to swap or two tokens are the same (no bijection). A scan keeps
    /// whether a resource was renamed and works its swap out again when it maps the answer back.
    static func swap(account: String?, arn: String, zone: ZoneOfTrust) -> TokenSwap? {
        var pairs: [(String, String)] = []
        if let account, zone.organizationID == nil, zone.accounts == [account],
           AccountID.isValid(account), !builtInAccounts.contains(account), account != canonicalAccount {
            pairs.append((account, canonicalAccount))
        }
        // `zq99…`, `zr99…`, … of each name's length.
        for (letter, name) in zip("qrstuvwx", nameTokens(of: arn)) {
            pairs.append((name, "z\(letter)" + String(repeating: "9", count: name.count - 2)))
        }
        // Every token distinct, or the swap is not the bijection the argument needs.
        let tokens = pairs.flatMap { [$0.0, $0.1] }
        guard !pairs.isEmpty, Set(tokens).count == tokens.count else { return nil }
        return TokenSwap(pairs: pairs)
    }

    /// Name tokens of an ARN's resource part that are safe to rename: letters, digits, `-` and `_`,
    /// at least 8 long, with at least three digits and a lowercase letter — a shape none of the semantics'
    /// own words has (`root`, `role`, `assumed-role`, `amazonaws`, `2012-10-17`, regions; a test
    /// checks every literal of the semantic modules) —, not starting like an OU id (`ou-`), not of
    /// the form of an organization or root id (`o-` or `r-` then lowercase letters and digits only)
    /// nor an AWS unique id (`AROA…`, `AIDA…`: `A` and three more capitals,
    /// IAM User Guide, "Unique identifiers"), which the analysis reads by their prefix, and with
    /// capitals only when it starts with a letter (`2026-01-01T00…` is a time).
    public static func nameTokens(of arn: String) -> [String] {
        guard let parsed = ARN(parsing: arn) else { return [] }
        var seen = Set<String>()
        return TokenSwap.runs(in: parsed.resource).filter { isRenamableName($0) && seen.insert($0).inserted }
    }

    public static func isRenamableName(_ token: String) -> Bool {
        var digits = 0, letters = 0, lowercase = false
        for scalar in token.unicodeScalars {
            switch scalar {
            case "0"..."9": digits += 1
            case "a"..."z": letters += 1; lowercase = true
            case "A"..."Z": letters += 1
            case "-", "_": break
            default: return false
            }
        }
        guard token.unicodeScalars.count >= 8, digits >= 3, letters >= 1, lowercase else { return false }
        // An organization or root id is `o-` or `r-` and lowercase letters or digits only, an OU
        // id `ou-` and two such runs joined by `-` (`OrganizationIdentifiers`): a token starting
        // like one is kept, unless past `o-` or `r-` it holds another character (`r-4200-0001`),
        // so that it is no id of either form, in whole or as a path's segment.
        if token.hasPrefix("ou-") { return false }
        if ["o-", "r-"].contains(where: { token.hasPrefix($0) }),
           token.unicodeScalars.dropFirst(2).allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) { return false }
        // Capitals only after a leading letter: `2026-01-01T00` (ISO 8601 times) is not a name.
        if token.unicodeScalars.contains(where: { ("A"..."Z").contains($0) }), token.first?.isNumber == true { return false }
        let head = token.prefix(4)
        return !(head.count == 4 && head.first == "A" && head.allSatisfy { $0.isASCII && $0.isUppercase })
    }

    // MARK: The checks.

    /// Whether every test `policy` makes on a value commutes with swapping `tokens`.
    static func commutes(_ policy: Policy, tokens: [String], caseSensitiveTokens: Bool) -> Bool {
        for statement in policy.statements {
            for condition in statement.conditions {
                switch condition.conditionOperator.base.family {
                case .binary: return false
                case .numeric: guard condition.values.allSatisfy({ numberCommutes($0.text, tokens: tokens) }) else { return false }
                case .date: guard condition.values.allSatisfy({ dateCommutes($0.text, tokens: tokens) }) else { return false }
                default: break
                }
                if caseSensitiveTokens && [.stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase].contains(condition.conditionOperator.base) {
                    return false
                }
                guard condition.values.allSatisfy({ valueCommutes($0.text, tokens: tokens) }) else { return false }
            }
            guard (statement.principal?.entries ?? []).allSatisfy({ valueCommutes($0.value, tokens: tokens) }),
                  (statement.resources?.values ?? []).allSatisfy({ valueCommutes($0, tokens: tokens) }) else { return false }
        }
        return true
    }

    /// A numeric operator reads a value as `[+-]digits[.digits]` (`PolicyNumber`): a name (it has a
    /// letter) is never part of one, and an account token only as the whole part, `A` or `A.f`.
    /// So the operator commutes when no literal lies between the swapped accounts: every literal
    /// below the smaller or at least the larger + 1 (a literal equal to one is inside).
    static func numberCommutes(_ text: String, tokens: [String]) -> Bool {
        guard let literal = PolicyNumber(parsing: text) else { return false }
        let accounts = tokens.filter { $0.allSatisfy(\.isNumber) }.compactMap { Int64($0) }
        guard let low = accounts.min(), let high = accounts.max() else { return true }
        let scale = Int64(pow(10, Double(PolicyNumber.scale)))
        return literal.scaled < low * scale || literal.scaled >= (high + 1) * scale
    }

    /// A date operator reads digits-only values as epoch seconds and other values as ISO 8601
    /// (`PolicyDate`), whose runs start with a four-digit year and `-`: an account token is a
    /// date only as a whole value, so no literal may lie between the swapped accounts' instants;
    /// a name starting with a digit could be a date's first run (`2026-01-01t00`), so none may.
    static func dateCommutes(_ text: String, tokens: [String]) -> Bool {
        guard let literal = PolicyDate.parse(text) else { return false }
        if tokens.contains(where: { $0.first?.isNumber == true && !$0.allSatisfy(\.isNumber) }) { return false }
        let accounts = tokens.filter { $0.allSatisfy(\.isNumber) }.compactMap { Int64($0) }
        guard let low = accounts.min(), let high = accounts.max() else { return true }
        return literal < low * 1000 || literal > high * 1000
    }

    /// No literal fragment next to a wildcard that could be part of a renamed token (then a
    /// renamed token is matched whole or not at all), and every policy variable between
    /// non-token literal characters (`bucket/${aws:username}/*`: the inserted value's tokens are
    /// its own; `team-${aws:PrincipalTag/team}` or `${aws:username}*` would let a token run across).
    static func valueCommutes(_ value: String, tokens: [String]) -> Bool {
        // On the bytes: Foundation's `String.contains(_:)` (a CFString search) was most of a
        // scan's planning.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "$") }) else { return true }
        enum Element: Equatable { case literal(Unicode.Scalar), wildcard, variable }
        var elements: [Element] = []
        let scalars = Array(value.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                guard let close = scalars[(index + 2)...].firstIndex(of: "}") else { return false }
                elements.append(.variable)
                index = close + 1
                continue
            }
            elements.append(scalar == "*" || scalar == "?" ? .wildcard : .literal(scalar))
            index += 1
        }
        func isTokenLiteral(_ element: Element) -> Bool {
            if case .literal(let scalar) = element { return TokenSwap.isTokenCharacter(scalar) }
            return false
        }
        for (position, element) in elements.enumerated() {
            switch element {
            case .literal: continue
            case .variable:
                for neighbour in [position - 1, position + 1] where elements.indices.contains(neighbour) {
                    guard case .literal(let scalar) = elements[neighbour], !TokenSwap.isTokenCharacter(scalar) else { return false }
                }
            case .wildcard:
                var left = String.UnicodeScalarView()
                var cursor = position - 1
                while cursor >= 0, isTokenLiteral(elements[cursor]), case .literal(let scalar) = elements[cursor] {
                    left.insert(scalar, at: left.startIndex); cursor -= 1
                }
                if cursor >= 0, elements[cursor] == .variable { return false }
                var right = String.UnicodeScalarView()
                cursor = position + 1
                while cursor < elements.count, isTokenLiteral(elements[cursor]), case .literal(let scalar) = elements[cursor] {
                    right.append(scalar); cursor += 1
                }
                if cursor < elements.count, elements[cursor] == .variable { return false }
                for fragment in [String(left), String(right)] where !fragment.isEmpty {
                    if tokens.contains(where: { $0.contains(fragment) }) { return false }
                }
            }
        }
        return true
    }
}
